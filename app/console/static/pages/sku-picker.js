// The merchant's SKUs for promotion forms: every product's SKUs from the
// catalogue API (GET .../products, page by page), a searchable picker that
// never asks for a raw id, and names for the ids activities carry.
import { api, yuan } from "../api.js";
import { extend, t } from "../i18n.js";

extend({
  "zh-CN": { skuPicker: { placeholder: "搜索商品名称或规格", stock: "库存 {n}",
                          unknown: "SKU {id}", no_match: "没有匹配的商品" } },
  en: { skuPicker: { placeholder: "Search a product or spec", stock: "stock {n}",
                     unknown: "SKU {id}", no_match: "No matching product" } },
});

const PER_PAGE = 100;
const MAX_PAGES = 50;

// [{sku_id, product_id, title, spec, price_fen, stock, name}] of one shop
export async function loadSkus(merchantId) {
  const skus = [];
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const body = await api.get(`/api/v1/merchants/${merchantId}/products`,
                               { page, per_page: PER_PAGE });
    for (const product of body.items) {
      for (const sku of product.skus) {
        skus.push({ sku_id: sku.id, product_id: product.id, title: product.title,
                    spec: sku.spec, price_fen: sku.price_fen, stock: sku.stock,
                    name: sku.spec ? `${product.title} · ${sku.spec}` : product.title });
      }
    }
    if (page * PER_PAGE >= body.meta.total) break;
  }
  return skus;
}

// "明前龙井 · 250g" for a SKU id (the id itself when the catalogue lacks it)
export function skuName(skus, skuId) {
  const found = skus.find((s) => s.sku_id === skuId);
  return found ? found.name : t("skuPicker.unknown", { id: skuId });
}

export const SkuPicker = {
  props: { modelValue: { type: Number, default: null }, skus: { type: Array, required: true } },
  emits: ["update:modelValue"],
  setup() {
    return { yuan };
  },
  template: `
  <el-select :model-value="modelValue" @update:model-value="$emit('update:modelValue', $event)"
             filterable clearable :placeholder="$t('skuPicker.placeholder')"
             :no-match-text="$t('skuPicker.no_match')" class="promo-sku-picker">
    <el-option v-for="s in skus" :key="s.sku_id" :value="s.sku_id" :label="s.name">
      <span>{{ s.name }}</span>
      <span class="promo-option-meta">¥{{ yuan(s.price_fen) }} · {{ $t('skuPicker.stock', { n: s.stock }) }}</span>
    </el-option>
  </el-select>`,
};
