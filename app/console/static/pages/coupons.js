// 优惠券: the shop's coupons by status (GET .../coupons) with their terms,
// claims and uses; a new coupon (满减, 折扣 or 无门槛; all products or some;
// a validity window or N days from claiming), activate and stop.
import { api, showError, yuan } from "../api.js";
import { session } from "../session.js";
import { extend, t } from "../i18n.js";
import { loadSkus } from "./sku-picker.js";
import { PICKER_FORMAT, toIso, span } from "./china-time.js";

extend({
  "zh-CN": {
    coupon: {
      create: "新建优惠券", name: "名称", kind: "类型", terms: "优惠内容", scope: "适用商品",
      validity: "有效期", claimed: "已领 / 总量", used: "已使用", status: "状态",
      kinds: { amount_off: "满减券", percent_off: "折扣券", no_threshold: "无门槛券" },
      statuses: { draft: "未启用", active: "进行中", stopped: "已停止" },
      scopes: { all: "全部商品", products: "指定商品", category: "指定分类" },
      amount_off_terms: "满 {min} 减 {amount}", no_threshold_terms: "立减 {amount}",
      percent_off_terms: "{zhe} 折，最多减 {cap}",
      days_validity: "领取后 {days} 天内有效", products_n: "{n} 件商品",
      min_spend: "使用门槛 (元)", amount: "减免金额 (元)", zhe: "折扣 (折)", cap: "最多减 (元)",
      zhe_hint: "如 8.5 折：按 85% 付款", min_hint: "订单满此金额可用",
      products: "选择商品", total: "发放总量 (张)", per_user: "每人限领 (张)",
      validity_kind: "有效期类型", window: "固定时间 (北京时间)", days: "领取后天数",
      valid_from: "开始时间", valid_until: "结束时间", public: "公开领取",
      public_hint: "关闭后仅能通过直播间或会员群发放",
      stats: "数据", stats_title: "领用数据 · {name}", total_n: "发放总量", claimed_n: "已领取",
      left_n: "剩余可领", unused_n: "未使用", used_n: "已使用", expired_n: "已过期",
      discount_n: "累计优惠 (元)",
      activate: "启用", stop: "停止", activated: "已启用", stopped: "已停止",
      created: "优惠券已创建，启用后买家可领取",
      stop_confirm: "停止「{name}」后买家不能再领取，已领取的仍可使用。确定停止吗？",
      name_required: "请输入名称", amount_required: "请填写金额",
      zhe_required: "请填写折扣", cap_required: "请填写最多减免金额",
      products_required: "请选择商品", time_required: "请选择时间",
      end_after_start: "结束时间须晚于开始时间", days_required: "请填写天数",
      invalid: { min_spend_fen: "使用门槛须高于减免金额", amount_fen: "减免金额至少 0.01 元",
                 percent_bps: "折扣须在 0.1 到 9.9 折之间，并填写最多减免金额",
                 per_user_limit: "每人限领须在 1 到 100 之间，且不超过发放总量",
                 total: "发放总量不能少于已领取数量", validity: "请填写有效的有效期",
                 product_ids: "请选择本店商品" },
    },
    errors: {
      invalid_coupon: "优惠券信息有误", coupon_not_found: "优惠券不存在",
      coupon_illegal_status: "优惠券当前状态不能执行此操作", coupon_not_editable: "优惠券已启用，不能修改",
    },
  },
  en: {
    coupon: {
      create: "New coupon", name: "Name", kind: "Type", terms: "Terms", scope: "Products",
      validity: "Valid", claimed: "Claimed / total", used: "Used", status: "Status",
      kinds: { amount_off: "Amount off", percent_off: "Percent off", no_threshold: "No threshold" },
      statuses: { draft: "Inactive", active: "Active", stopped: "Stopped" },
      scopes: { all: "All products", products: "Some products", category: "Some categories" },
      amount_off_terms: "{amount} off orders from {min}", no_threshold_terms: "{amount} off",
      percent_off_terms: "{percent}% off, up to {cap}",
      days_validity: "{days} days from claiming", products_n: "{n} product(s)",
      min_spend: "Minimum spend (yuan)", amount: "Amount off (yuan)", zhe: "Pay (tenths)",
      cap: "At most off (yuan)", zhe_hint: "8.5 means the buyer pays 85%",
      min_hint: "Usable on orders from this amount", products: "Products",
      total: "Total (coupons)", per_user: "Per buyer", validity_kind: "Validity",
      window: "Fixed window (China time)", days: "Days from claiming", valid_from: "From",
      valid_until: "Until", public: "Public",
      public_hint: "Off: handed out only in live rooms or member sends",
      stats: "Figures", stats_title: "Figures · {name}", total_n: "Total", claimed_n: "Claimed",
      left_n: "Left to claim", unused_n: "Unused", used_n: "Used", expired_n: "Expired",
      discount_n: "Discount given (yuan)",
      activate: "Activate", stop: "Stop", activated: "Activated", stopped: "Stopped",
      created: "Coupon created: activate it to let buyers claim it",
      stop_confirm: "Stop \"{name}\"? Nobody can claim it any more; claimed ones stay usable.",
      name_required: "Enter a name", amount_required: "Enter an amount",
      zhe_required: "Enter the discount", cap_required: "Enter the cap",
      products_required: "Choose products", time_required: "Choose a time",
      end_after_start: "The end must come after the start", days_required: "Enter the days",
      invalid: { min_spend_fen: "The minimum spend must be above the amount off",
                 amount_fen: "At least 0.01 off",
                 percent_bps: "Between 0.1 and 9.9, with a cap",
                 per_user_limit: "1 to 100 per buyer, not above the total",
                 total: "Not below what was claimed", validity: "Give a valid validity",
                 product_ids: "Choose products of this shop" },
    },
    errors: {
      invalid_coupon: "The coupon's terms are not valid", coupon_not_found: "No such coupon",
      coupon_illegal_status: "Not possible in the coupon's current state",
      coupon_not_editable: "An active coupon cannot be changed",
    },
  },
});

const { ref, reactive, computed, onMounted } = Vue;
const PER_PAGE = 20;
const KINDS = ["amount_off", "percent_off", "no_threshold"];
const STATUSES = ["draft", "active", "stopped"];
const STATUS_TAGS = { draft: "info", active: "success", stopped: "danger" };
const BPS = 10000;
const FIGURES = ["total", "claimed", "left", "unused", "used", "expired"];

function blankForm() {
  return { name: "", kind: "amount_off", min_yuan: null, amount_yuan: null, zhe: null,
           cap_yuan: null, scope: "all", product_ids: [], total: 100, per_user_limit: 1,
           validity: "window", valid_from: "", valid_until: "", valid_days: 7, public: true };
}

const fen = (value) => Math.round(value * 100);

// 8.5 折 is 1500 bps off (15%); and back, shown with at most two decimals
const zheToBps = (zhe) => BPS - Math.round(zhe * 1000);
const bpsToZhe = (bps) => String(Number(((BPS - bps) / 1000).toFixed(2)));

export function termsText(c) {
  if (c.kind === "amount_off") {
    return t("coupon.amount_off_terms", { min: yuan(c.min_spend_fen), amount: yuan(c.amount_fen) });
  }
  if (c.kind === "percent_off") {
    return t("coupon.percent_off_terms", { zhe: bpsToZhe(c.percent_bps), cap: yuan(c.cap_fen),
                                           percent: String(c.percent_bps / 100) });
  }
  return t("coupon.no_threshold_terms", { amount: yuan(c.amount_fen) });
}

function validityText(c) {
  return c.valid_days ? t("coupon.days_validity", { days: c.valid_days })
    : span(c.valid_from, c.valid_until);
}

function scopeText(c) {
  if (c.scope === "products") return t("coupon.products_n", { n: c.product_ids.length });
  if (c.scope === "category") return c.categories.join("、");
  return t("coupon.scopes.all");
}

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

export default {
  setup() {
    const rows = ref([]);
    const total = ref(0);
    const page = ref(1);
    const status = ref("");
    const loading = ref(false);
    const products = ref([]);
    const dialog = ref(false);
    const busy = ref(false);
    const formRef = ref(null);
    const form = reactive(blankForm());
    const figures = ref(null);  // {coupon, stats} the drawer shows
    const base = () => `/api/v1/merchants/${session.merchantId}/coupons`;

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

    async function refresh() {
      loading.value = true;
      const query = { page: page.value, per_page: PER_PAGE };
      if (status.value) query.status = status.value;
      try {
        const body = await api.get(base(), query);
        rows.value = body.items;
        total.value = body.meta.total;
      } catch (err) {
        showError(err);
      } finally {
        loading.value = false;
      }
    }

    async function openCreate() {
      Object.assign(form, blankForm());
      dialog.value = true;
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
        await api.post(base(), bodyOf(form));
        dialog.value = false;
        ElementPlus.ElMessage.success(t("coupon.created"));
        page.value = 1;
        refresh();
      } catch (err) {
        const text = invalidText(err);
        if (text) ElementPlus.ElMessage.error(text);
        else showError(err);
      } finally {
        busy.value = false;
      }
    }

    async function activate(row) {
      try {
        await api.post(`${base()}/${row.id}/activate`);
        ElementPlus.ElMessage.success(t("coupon.activated"));
        refresh();
      } catch (err) {
        showError(err);
      }
    }

    async function stop(row) {
      try {
        await ElementPlus.ElMessageBox.confirm(t("coupon.stop_confirm", { name: row.name }),
          t("coupon.stop"), { type: "warning", confirmButtonText: t("common.confirm"),
                              cancelButtonText: t("common.cancel") });
      } catch (cancelled) {
        return;
      }
      try {
        await api.post(`${base()}/${row.id}/stop`);
        ElementPlus.ElMessage.success(t("coupon.stopped"));
        refresh();
      } catch (err) {
        showError(err);
      }
    }

    async function openStats(row) {
      try {
        figures.value = { coupon: row, stats: await api.get(`${base()}/${row.id}/stats`) };
      } catch (err) {
        showError(err);
      }
    }

    function filter() { page.value = 1; refresh(); }
    onMounted(refresh);
    return { rows, total, page, status, loading, products, dialog, busy, form, formRef, rules,
             figures, KINDS, STATUSES, STATUS_TAGS, FIGURES, PER_PAGE, PICKER_FORMAT, refresh,
             filter, openCreate, create, activate, stop, openStats, termsText, validityText,
             scopeText, yuan };
  },
  template: `
  <el-card shadow="never">
    <div class="toolbar">
      <el-button type="primary" :icon="'Plus'" @click="openCreate" data-testid="coupon-create-open">{{ $t('coupon.create') }}</el-button>
      <el-select v-model="status" @change="filter" clearable :placeholder="$t('common.all')"
                 class="status-select" data-testid="coupon-status">
        <el-option v-for="s in STATUSES" :key="s" :value="s" :label="$t('coupon.statuses.' + s)" />
      </el-select>
    </div>
    <el-table :data="rows" v-loading="loading" data-testid="coupon-table" stripe>
      <el-table-column prop="name" :label="$t('coupon.name')" min-width="150" />
      <el-table-column :label="$t('coupon.kind')" width="100">
        <template #default="{ row }">{{ $t('coupon.kinds.' + row.kind) }}</template>
      </el-table-column>
      <el-table-column :label="$t('coupon.terms')" min-width="170">
        <template #default="{ row }"><span data-col="terms">{{ termsText(row) }}</span></template>
      </el-table-column>
      <el-table-column :label="$t('coupon.scope')" width="110">
        <template #default="{ row }">{{ scopeText(row) }}</template>
      </el-table-column>
      <el-table-column :label="$t('coupon.validity')" min-width="200">
        <template #default="{ row }"><span data-col="validity">{{ validityText(row) }}</span></template>
      </el-table-column>
      <el-table-column :label="$t('coupon.claimed')" width="110" align="right">
        <template #default="{ row }"><span data-col="claimed">{{ row.claimed }} / {{ row.total }}</span></template>
      </el-table-column>
      <el-table-column prop="used" :label="$t('coupon.used')" width="80" align="right" />
      <el-table-column :label="$t('coupon.status')" width="100">
        <template #default="{ row }"><el-tag :type="STATUS_TAGS[row.status]" data-col="status">{{ $t('coupon.statuses.' + row.status) }}</el-tag></template>
      </el-table-column>
      <el-table-column :label="$t('common.actions')" width="160" align="center">
        <template #default="{ row }">
          <el-button link type="primary" @click="openStats(row)" data-action="stats">{{ $t('coupon.stats') }}</el-button>
          <el-button v-if="row.status === 'draft'" link type="primary" @click="activate(row)" data-action="activate">{{ $t('coupon.activate') }}</el-button>
          <el-button v-if="row.status !== 'stopped'" link type="danger" @click="stop(row)" data-action="stop">{{ $t('coupon.stop') }}</el-button>
        </template>
      </el-table-column>
    </el-table>
    <el-pagination class="pager" background layout="total, prev, pager, next" :total="total"
                   :page-size="PER_PAGE" v-model:current-page="page" @current-change="refresh" />

    <el-dialog v-model="dialog" :title="$t('coupon.create')" width="640px">
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
          <span class="form-hint">{{ $t('coupon.min_hint') }}</span>
        </el-form-item>
        <el-form-item v-if="form.kind !== 'percent_off'" :label="$t('coupon.amount')" prop="amount_yuan" required>
          <el-input-number v-model="form.amount_yuan" :min="0.01" :precision="2" :controls="false" data-testid="coupon-amount" />
        </el-form-item>
        <template v-if="form.kind === 'percent_off'">
          <el-form-item :label="$t('coupon.zhe')" prop="zhe" required>
            <el-input-number v-model="form.zhe" :min="0.1" :max="9.9" :precision="1" :step="0.5" data-testid="coupon-zhe" />
            <span class="form-hint">{{ $t('coupon.zhe_hint') }}</span>
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
          <el-select v-model="form.product_ids" multiple filterable class="sku-picker" data-testid="coupon-products">
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
          <span class="form-hint">{{ $t('coupon.public_hint') }}</span>
        </el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="dialog = false">{{ $t('common.cancel') }}</el-button>
        <el-button type="primary" :loading="busy" @click="create" data-testid="coupon-create">{{ $t('common.confirm') }}</el-button>
      </template>
    </el-dialog>

    <el-drawer :model-value="figures !== null" @close="figures = null; refresh()" size="480px"
               :title="figures ? $t('coupon.stats_title', { name: figures.coupon.name }) : ''" data-testid="coupon-stats">
      <el-descriptions v-if="figures" :column="1" border>
        <el-descriptions-item :label="$t('coupon.terms')">{{ termsText(figures.coupon) }}</el-descriptions-item>
        <el-descriptions-item v-for="f in FIGURES" :key="f" :label="$t('coupon.' + f + '_n')">
          <span :data-figure="f">{{ figures.stats[f] }}</span></el-descriptions-item>
        <el-descriptions-item :label="$t('coupon.discount_n')"><span data-figure="discount">{{ yuan(figures.stats.discount_fen) }}</span></el-descriptions-item>
      </el-descriptions>
    </el-drawer>
  </el-card>`,
};
