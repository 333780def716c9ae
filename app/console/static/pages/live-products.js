// A room's shelf, picked by product name: the shop's products (GET
// .../products, one page of 100) in a searchable multiple select, kept in the
// order picked. v-model is the list of product ids.
import "./live-words.js";
import { api, showError, yuan } from "../api.js";
import { session } from "../session.js";

const { ref, onMounted } = Vue;

export default {
  props: { modelValue: { type: Array, required: true } },
  emits: ["update:modelValue"],
  setup() {
    const products = ref([]);
    onMounted(async () => {
      try {
        const found = await api.get(`/api/v1/merchants/${session.merchantId}/products`,
                                    { per_page: 100 });
        products.value = found.items;
      } catch (err) {
        showError(err);
      }
    });
    const minPrice = (p) => yuan(Math.min(...p.skus.map((s) => s.price_fen)));
    return { products, minPrice };
  },
  template: `
  <el-select :model-value="modelValue" @update:model-value="$emit('update:modelValue', $event)"
             multiple filterable :placeholder="$t('live.shelf_placeholder')" class="shelf-picker"
             data-testid="room-shelf">
    <el-option v-for="p in products" :key="p.id" :value="p.id" :label="p.title">
      <span>{{ p.title }}</span><span class="option-price">¥{{ minPrice(p) }}</span>
    </el-option>
  </el-select>`,
};
