// A new coupon's form (POST .../coupons): 满减, 折扣 (typed as 折, sent as
// bps off) or 无门槛; all products or some; a validity window in China
// time or N days from claiming; total, per-buyer limit, public or not.
// Its words are the coupons page's (coupon.*).
import { api, showError } from "../api.js";
import { session } from "../session.js";
import { t } from "../i18n.js";
import { loadSkus } from "./sku-picker.js";
import { PICKER_FORMAT, toIso } from "./china-time.js";

const { ref, reactive, computed, watch } = Vue;
const KINDS = ["amount_off", "percent_off", "no_threshold"];
const BPS = 10000;

function blankForm() {
  return { name: "", kind: "amount_off", min_yuan: null, amount_yuan: null, zhe: null,
           cap_yuan: null, scope: "all", product_ids: [], total: 100, per_user_limit: 1,
           validity: "window", valid_from: "", valid_until: "", valid_days: 7, public: true };
}

const fen = (value) => Math.round(value * 100);

// 8.5 折 is 1500 bps off (15%)
const zheToBps = (zhe) => BPS - Math.round(zhe * 1000);

// the request body: only the fields the chosen kind, scope and validity use
function bodyOf(form) {
  const body = { name: form.name.trim(), kind: form.kind, total: form.total,
                 per_user_limit: form.per_user_limit, public: form.public, scope: form.scope };
  if (form.kind === "amount_off") {
    Object.assign(body, { amount_fen: fen(form.amount_yuan), min_spend_fen: fen(form.min_yuan) });
  } else if (form.kind === "no_threshold") {
    body.amount_fen = fen(form.amount_yuan);
  } else {
    Object.assign(body, { percent_bps: zheToBps(form.zhe), cap_fen: fen(form.cap_yuan) });
  }
  if (form.scope === "products") body.product_ids = form.product_ids;
  if (form.validity === "window") {
    Object.assign(body, { valid_from: toIso(form.valid_from), valid_until: toIso(form.valid_until) });
  } else {
    body.valid_days = form.valid_days;
  }
  return body;
}

function invalidText(err) {
  const field = err.details && err.details.field;
  const key = `coupon.invalid.${field}`;
  return field && t(key) !== key ? t(key) : null;
}

export const CouponForm = {
  props: { modelValue: { type: Boolean, default: false } },
  emits: ["update:modelValue", "created"],
  setup(props, { emit }) {
    const products = ref([]);
    const busy = ref(false);
    const formRef = ref(null);
    const form = reactive(blankForm());

    const need = (when, message) => ({
      validator: (rule, value, done) => done(
        when() && (value === null || value === "" || value === undefined ||
                   (Array.isArray(value) && value.length === 0))
          ? new Error(t(message)) : undefined),
      trigger: ["blur", "change"] });
    const rules = computed(() => ({
      name: [{ required: true, message: t("coupon.name_required"), trigger: "blur" }],
      min_yuan: [need(() => form.kind === "amount_off", "coupon.amount_required")],
      amount_yuan: [need(() => form.kind !== "percent_off", "coupon.amount_required")],
      zhe: [need(() => form.kind === "percent_off", "coupon.zhe_required")],
      cap_yuan: [need(() => form.kind === "percent_off", "coupon.cap_required")],
      product_ids: [need(() => form.scope === "products", "coupon.products_required")],
      valid_from: [need(() => form.validity === "window", "coupon.time_required")],
      valid_until: [need(() => form.validity === "window", "coupon.time_required"),
                    { validator: (rule, value, done) => done(
                      form.validity === "window" && value && form.valid_from &&
                      value <= form.valid_from ? new Error(t("coupon.end_after_start")) : undefined),
                      trigger: "change" }],
      valid_days: [need(() => form.validity === "days", "coupon.days_required")] }));

    async function reset() {
      Object.assign(form, blankForm());
      try {  // one option per product
        const seen = new Map();
        for (const s of await loadSkus(session.merchantId)) {
          if (!seen.has(s.product_id)) seen.set(s.product_id, { id: s.product_id, title: s.title });
        }
        products.value = [...seen.values()];
      } catch (err) {
        showError(err);
      }
    }

    async function create() {
      if (!(await formRef.value.validate().catch(() => false))) return;
      busy.value = true;
      try {
        await api.post(`/api/v1/merchants/${session.merchantId}/coupons`, bodyOf(form));
        emit("update:modelValue", false);
        ElementPlus.ElMessage.success(t("coupon.created"));
        emit("created");
      } catch (err) {
        const text = invalidText(err);
        if (text) ElementPlus.ElMessage.error(text);
        else showError(err);
      } finally {
        busy.value = false;
      }
    }

    watch(() => props.modelValue, (open) => { if (open) reset(); });
    return { products, busy, form, formRef, rules, KINDS, PICKER_FORMAT, create };
  },
  template: `
    <el-dialog :model-value="modelValue" @update:model-value="$emit('update:modelValue', $event)"
               :title="$t('coupon.create')" width="640px">
      <el-form ref="formRef" :model="form" :rules="rules" label-width="auto" data-testid="coupon-form">
        <el-form-item :label="$t('coupon.name')" prop="name">
          <el-input v-model="form.name" maxlength="60" show-word-limit data-testid="coupon-name" />
        </el-form-item>
        <el-form-item :label="$t('coupon.kind')" prop="kind">
          <el-radio-group v-model="form.kind" data-testid="coupon-kind">
            <el-radio-button v-for="k in KINDS" :key="k" :value="k">{{ $t('coupon.kinds.' + k) }}</el-radio-button>
          </el-radio-group>
        </el-form-item>
        <el-form-item v-if="form.kind === 'amount_off'" :label="$t('coupon.min_spend')" prop="min_yuan" required>
          <el-input-number v-model="form.min_yuan" :min="0.02" :precision="2" :controls="false" data-testid="coupon-min" />
          <span class="promo-hint">{{ $t('coupon.min_hint') }}</span>
        </el-form-item>
        <el-form-item v-if="form.kind !== 'percent_off'" :label="$t('coupon.amount')" prop="amount_yuan" required>
          <el-input-number v-model="form.amount_yuan" :min="0.01" :precision="2" :controls="false" data-testid="coupon-amount" />
        </el-form-item>
        <template v-if="form.kind === 'percent_off'">
          <el-form-item :label="$t('coupon.zhe')" prop="zhe" required>
            <el-input-number v-model="form.zhe" :min="0.1" :max="9.9" :precision="1" :step="0.5" data-testid="coupon-zhe" />
            <span class="promo-hint">{{ $t('coupon.zhe_hint') }}</span>
          </el-form-item>
          <el-form-item :label="$t('coupon.cap')" prop="cap_yuan" required>
            <el-input-number v-model="form.cap_yuan" :min="0.01" :precision="2" :controls="false" data-testid="coupon-cap" />
          </el-form-item>
        </template>
        <el-form-item :label="$t('coupon.scope')" prop="scope">
          <el-radio-group v-model="form.scope" data-testid="coupon-scope">
            <el-radio value="all">{{ $t('coupon.scopes.all') }}</el-radio>
            <el-radio value="products">{{ $t('coupon.scopes.products') }}</el-radio>
          </el-radio-group>
        </el-form-item>
        <el-form-item v-if="form.scope === 'products'" :label="$t('coupon.products')" prop="product_ids" required>
          <el-select v-model="form.product_ids" multiple filterable class="promo-sku-picker" data-testid="coupon-products">
            <el-option v-for="p in products" :key="p.id" :value="p.id" :label="p.title" />
          </el-select>
        </el-form-item>
        <el-form-item :label="$t('coupon.total')" prop="total">
          <el-input-number v-model="form.total" :min="1" :max="10000000" step-strictly data-testid="coupon-total" />
        </el-form-item>
        <el-form-item :label="$t('coupon.per_user')" prop="per_user_limit">
          <el-input-number v-model="form.per_user_limit" :min="1" :max="100" step-strictly data-testid="coupon-per-user" />
        </el-form-item>
        <el-form-item :label="$t('coupon.validity_kind')">
          <el-radio-group v-model="form.validity" data-testid="coupon-validity">
            <el-radio value="window">{{ $t('coupon.window') }}</el-radio>
            <el-radio value="days">{{ $t('coupon.days') }}</el-radio>
          </el-radio-group>
        </el-form-item>
        <template v-if="form.validity === 'window'">
          <el-form-item :label="$t('coupon.valid_from')" prop="valid_from" required>
            <div data-testid="coupon-from"><el-date-picker v-model="form.valid_from" type="datetime" :format="PICKER_FORMAT" :value-format="PICKER_FORMAT" /></div>
          </el-form-item>
          <el-form-item :label="$t('coupon.valid_until')" prop="valid_until" required>
            <div data-testid="coupon-until"><el-date-picker v-model="form.valid_until" type="datetime" :format="PICKER_FORMAT" :value-format="PICKER_FORMAT" /></div>
          </el-form-item>
        </template>
        <el-form-item v-else :label="$t('coupon.days')" prop="valid_days" required>
          <el-input-number v-model="form.valid_days" :min="1" :max="3650" step-strictly data-testid="coupon-days" />
        </el-form-item>
        <el-form-item :label="$t('coupon.public')">
          <el-switch v-model="form.public" data-testid="coupon-public" />
          <span class="promo-hint">{{ $t('coupon.public_hint') }}</span>
        </el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="$emit('update:modelValue', false)">{{ $t('common.cancel') }}</el-button>
        <el-button type="primary" :loading="busy" @click="create" data-testid="coupon-create">{{ $t('common.confirm') }}</el-button>
      </template>
    </el-dialog>
  `,
};
