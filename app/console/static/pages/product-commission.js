// 分销佣金 in the product editor: the product's commission override (GET/PUT
// .../referral/products/<id>/commission): the shop's rates (no override), a
// percentage per level, or a fixed amount per unit per level. The levels
// shown are the shop's (GET .../referral/rules); the server checks the rates.
// The editor calls validate() before saving and save(productId) after.
import { api } from "../api.js";
import { session } from "../session.js";
import { extend, t } from "../i18n.js";
import { fenFromText, textFromFen, yuanRule } from "../yuan-input.js";

extend({
  "zh-CN": {
    commission: {
      title: "分销佣金", mode: "佣金方式", shop: "使用店铺默认比例", bps: "单独设置比例",
      fen: "单独设置金额", levels: ["一级佣金", "二级佣金", "三级佣金"], sep: "，", per_unit: "元 / 件", shop_rates: "店铺默认：{rates}",
      rate_rule: "请输入正确的数值（最多两位小数）",
    },
    errors: { rates_too_high: "佣金比例合计不能超过 100%", too_many_levels: "最多三级分销" },
  },
  en: {
    commission: {
      title: "Commission", mode: "Rates", shop: "The shop's rates", bps: "A percentage",
      fen: "A fixed amount", levels: ["Level 1", "Level 2", "Level 3"], sep: ", ", per_unit: "yuan / pc", shop_rates: "Shop: {rates}",
      rate_rule: "Enter a number with at most two decimals",
    },
    errors: { rates_too_high: "Rates add up to more than 100%",
              too_many_levels: "At most three levels" },
  },
});

const { ref, reactive, computed, onMounted } = Vue;
const SHOP = "shop";  // the radio's value for "no override" (the API's mode null)

// 1000 bps -> "10", 1250 -> "12.5"
function percentText(bps) {
  return textFromFen(bps).replace(/\.?0+$/, "");
}

export default {
  props: { productId: { type: Number, default: null } },
  setup(props, { expose }) {
    const formRef = ref(null);
    const available = ref(false);
    const shopBps = ref([]);
    const saved = ref({ mode: null, values: [] });
    const form = reactive({ mode: SHOP, values: [] });
    const base = () => `/api/v1/merchants/${session.merchantId}/referral`;
    const levels = computed(() => Math.max(shopBps.value.length, saved.value.values.length, 1));
    const shopRates = computed(() => shopBps.value
      .map((bps, i) => `${t(`commission.levels.${i}`)} ${percentText(bps)}%`).join(t("commission.sep")));
    const rule = computed(() => [yuanRule(t("commission.rate_rule"))]);

    function fill(rate) {
      saved.value = rate;
      form.mode = rate.mode ?? SHOP;
      form.values = Array.from({ length: levels.value }, (x, i) => {
        if (i >= rate.values.length) return "";
        return rate.mode === "bps" ? percentText(rate.values[i]) : textFromFen(rate.values[i]);
      });
    }

    async function load() {
      try {
        shopBps.value = (await api.get(`${base()}/rules`)).level_bps;
        fill(props.productId === null ? { mode: null, values: [] }
          : await api.get(`${base()}/products/${props.productId}/commission`));
        available.value = true;
      } catch (err) {
        available.value = false;  // staff who may not see distribution rates
      }
    }

    function body() {
      if (form.mode === SHOP) return { mode: null, values: [] };
      return { mode: form.mode, values: form.values.map(fenFromText) };
    }

    async function validate() {
      if (!available.value || form.mode === SHOP) return true;
      return formRef.value.validate().catch(() => false);
    }

    // after the product is saved: send the override when it changed
    async function save(productId) {
      if (!available.value) return;
      const next = body();
      if (JSON.stringify(next) === JSON.stringify({ mode: saved.value.mode,
                                                   values: saved.value.values })) return;
      fill(await api.put(`${base()}/products/${productId}/commission`, next));
    }

    expose({ validate, save });
    onMounted(load);
    return { formRef, form, available, levels, shopRates, rule, SHOP };
  },
  template: `
  <div v-if="available" class="product-commission">
    <h4 class="form-section">{{ $t('commission.title') }}</h4>
    <el-form ref="formRef" :model="form" label-width="96px" @submit.prevent>
      <el-form-item :label="$t('commission.mode')">
        <el-radio-group v-model="form.mode" data-testid="commission-mode"
                        @change="form.values = form.values.map(() => '')">
          <el-radio :value="SHOP">{{ $t('commission.shop') }}</el-radio>
          <el-radio value="bps">{{ $t('commission.bps') }}</el-radio>
          <el-radio value="fen">{{ $t('commission.fen') }}</el-radio>
        </el-radio-group>
        <div class="muted form-hint">{{ $t('commission.shop_rates', { rates: shopRates }) }}</div>
      </el-form-item>
      <template v-if="form.mode !== SHOP">
        <el-form-item v-for="n in levels" :key="form.mode + n" :label="$t('commission.levels.' + (n - 1))"
                      :prop="'values.' + (n - 1)" :rules="rule">
          <el-input v-model="form.values[n - 1]" class="rate-input" data-testid="commission-value">
            <template #append>{{ form.mode === 'bps' ? '%' : $t('commission.per_unit') }}</template>
          </el-input>
        </el-form-item>
      </template>
    </el-form>
  </div>`,
};
