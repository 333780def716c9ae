// An in-room flash sale of one shelf product: pick its SKU by spec, the sale
// price in yuan, units, per-viewer limit and minutes; sent as sale_start
// (the server checks the price and the window). Open with open(product).
import "./live-words.js";
import { yuan } from "../api.js";
import { t } from "../i18n.js";

const { ref, reactive } = Vue;

export default {
  props: { send: { type: Function, required: true } },
  setup(props, { expose }) {
    const visible = ref(false);
    const sale = reactive({ product: null, sku_id: null, price: 0, quota: 10, per_user_limit: 1,
                            minutes: 10 });

    function open(product) {
      Object.assign(sale, { product, sku_id: product.skus[0].id,
                            price: product.skus[0].price_fen / 100, quota: 10,
                            per_user_limit: 1, minutes: 10 });
      visible.value = true;
    }

    async function start() {
      const answer = await props.send("sale_start", {
        sku_id: sale.sku_id, price_fen: Math.round(sale.price * 100), quota: sale.quota,
        per_user_limit: sale.per_user_limit, minutes: sale.minutes });
      if (answer) {
        visible.value = false;
        ElementPlus.ElMessage.success(t("live.sale_started"));
      }
    }

    expose({ open });
    return { visible, sale, start, yuan };
  },
  template: `
  <el-dialog v-model="visible" :title="sale.product ? $t('live.sale_title', { title: sale.product.title }) : ''" width="480px">
    <el-form label-width="auto" v-if="sale.product">
      <el-form-item :label="$t('live.sku')">
        <el-select v-model="sale.sku_id" data-testid="sale-sku">
          <el-option v-for="s in sale.product.skus" :key="s.id" :value="s.id"
                     :label="(s.spec || $t('live.default_spec')) + ' · ¥' + yuan(s.price_fen)" />
        </el-select>
      </el-form-item>
      <el-form-item :label="$t('live.sale_price')">
        <el-input-number v-model="sale.price" :min="0.01" :precision="2" :step="1" data-testid="sale-price" />
      </el-form-item>
      <el-form-item :label="$t('live.quota')"><el-input-number v-model="sale.quota" :min="1" :max="100000" /></el-form-item>
      <el-form-item :label="$t('live.per_user_limit')"><el-input-number v-model="sale.per_user_limit" :min="1" :max="100" /></el-form-item>
      <el-form-item :label="$t('live.minutes')"><el-input-number v-model="sale.minutes" :min="1" :max="1440" /></el-form-item>
    </el-form>
    <template #footer>
      <el-button @click="visible = false">{{ $t('common.cancel') }}</el-button>
      <el-button type="primary" @click="start" data-testid="sale-submit">{{ $t('live.sale_start') }}</el-button>
    </template>
  </el-dialog>`,
};
