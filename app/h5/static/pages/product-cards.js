// A list of products as cards (cover, title, lowest price), each opening its
// product page: the search results, a category, favourites and history use
// it. `note(product, item)` adds a line under the title (e.g. "off sale").
import { yuan } from "../format.js";

// the lowest SKU price the server listed
function lowest(product) {
  const prices = product.skus.map((sku) => sku.price_fen);
  return prices.length ? yuan(Math.min(...prices)) : "";
}

export default {
  props: { items: { type: Array, required: true }, testid: { type: String, default: "result" },
           of: { type: Function, default: (item) => item },
           note: { type: Function, default: () => "" } },
  setup() { return { lowest }; },
  template: `
    <div class="product-cards">
      <van-card v-for="item in items" :key="of(item).id" :title="of(item).title"
                :price="lowest(of(item))" :desc="note(item)"
                :thumb="of(item).cover ? of(item).cover.thumb_url : ''"
                :data-testid="testid + '-' + of(item).id"
                @click="$router.push('/product/' + of(item).id)" />
    </div>`,
};
