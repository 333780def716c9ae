// A product's running promotions, as the discovery lists give them: its
// group-buys (group price, group size), bargains (down to the floor price,
// with N helpers) and flash sales on now or coming (with countdowns). Each
// opens the page where a buyer acts on it. Nothing here decides a price.
import { api, showError } from "../api.js";
import { price, countdown } from "../format.js";
import { links } from "../links.js";

const { ref, onMounted } = Vue;

export default {
  props: { productId: { type: Number, required: true } },
  setup(props) {
    const groups = ref([]);
    const bargains = ref([]);
    const sales = ref([]);
    const mine = (items) => items.filter((item) => item.product_id === props.productId);
    onMounted(async () => {
      try {
        const [g, b, f] = await Promise.all([
          api.get("/mp/v1/group-activities", { phase: "running", per_page: 100 }),
          api.get("/mp/v1/bargain-activities", { phase: "running", per_page: 100 }),
          api.get("/mp/v1/flashsales", { per_page: 100 })]);
        groups.value = mine(g.items);
        bargains.value = mine(b.items);
        sales.value = mine(f.items).filter((sale) => ["open", "upcoming"].includes(sale.phase));
      } catch (err) {
        showError(err);
      }
    });
    return { groups, bargains, sales, price, countdown, links };
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
    </div>
    <van-cell-group v-if="groups.length || bargains.length" class="panel" data-testid="promotions">
      <van-cell v-for="a in groups" :key="'g' + a.id" is-link :to="links.group(a.id)"
                :data-testid="'promo-group-' + a.id">
        <template #title>
          <van-tag type="danger">{{ $t('promo.group') }}</van-tag>
          <span class="promo-text">{{ $t('promo.group_text', { n: a.group_size, price: price(a.group_price_fen) }) }}</span>
        </template>
      </van-cell>
      <van-cell v-for="a in bargains" :key="'b' + a.id" is-link :to="links.bargain(a.id)"
                :data-testid="'promo-bargain-' + a.id">
        <template #title>
          <van-tag type="warning">{{ $t('promo.bargain') }}</van-tag>
          <span class="promo-text">{{ $t('promo.bargain_text', { n: a.helpers_needed, price: price(a.floor_price_fen) }) }}</span>
        </template>
      </van-cell>
    </van-cell-group>`,
};
