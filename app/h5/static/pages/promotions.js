// A product's flash sales on now or coming, as the discovery list gives
// them, with countdowns (its group-buys and bargains, with their buttons, are
// product-promos.js). Nothing here decides a price.
import { api, showError } from "../api.js";
import { price, countdown } from "../format.js";

const { ref, onMounted } = Vue;

export default {
  props: { productId: { type: Number, required: true } },
  setup(props) {
    const sales = ref([]);
    const mine = (items) => items.filter((item) => item.product_id === props.productId);
    onMounted(async () => {
      try {
        const f = await api.get("/mp/v1/flashsales", { per_page: 100 });
        sales.value = mine(f.items).filter((sale) => ["open", "upcoming"].includes(sale.phase));
      } catch (err) {
        showError(err);
      }
    });
    return { sales, price, countdown };
  },
  template: `
    <div v-for="sale in sales" :key="'f' + sale.id" class="panel flash-banner"
         :data-testid="'product-flash-' + sale.id">
      <span class="flash-banner-title">{{ $t('home.flash_sales') }}</span>
      <span class="flash-banner-price">{{ price(sale.price_fen) }}</span>
      <span class="flash-banner-when">
        {{ sale.phase === 'open' ? $t('home.ends_in') : $t('home.starts_in') }}
        <van-count-down :time="countdown(sale)" format="HH:mm:ss" class="flash-banner-clock" />
      </span>
    </div>`,
};
