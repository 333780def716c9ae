// A product's flash sales on now or coming, as the sales list of this
// product gives them, with countdowns; one on now is grabbed here (a grab token, then the
// grab: the server decides who wins and makes the order) and paid on the pay
// page. Its group-buys and bargains, with their buttons, are
// product-promos.js. Nothing here decides a price.
import { api, showError } from "../api.js";
import { price, countdown } from "../format.js";
import { signedIn } from "../session.js";

const { ref, onMounted } = Vue;

export default {
  props: { productId: { type: Number, required: true } },
  setup(props) {
    const route = VueRouter.useRoute();
    const router = VueRouter.useRouter();
    const sales = ref([]);
    const grabbing = ref(0);
    onMounted(async () => {
      try {
        const f = await api.get("/mp/v1/flashsales", { product_id: props.productId, per_page: 100 });
        sales.value = f.items.filter((sale) => ["open", "upcoming"].includes(sale.phase));
      } catch (err) {
        showError(err);
      }
    });
    async function grab(sale) {
      if (!signedIn.value) {
        router.push({ path: "/signin", query: { next: route.fullPath } });
        return;
      }
      grabbing.value = sale.id;
      try {
        const pass = await api.post(`/mp/v1/flashsales/${sale.id}/token`);
        const won = await api.post(`/mp/v1/flashsales/${sale.id}/grab`, { token: pass.token });
        router.push(`/pay/${won.order_id}`);
      } catch (err) {
        showError(err);
      } finally {
        grabbing.value = 0;
      }
    }
    return { sales, grabbing, price, countdown, grab };
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
      <van-button v-if="sale.phase === 'open' && sale.remaining !== 0" size="small" round
                  class="flash-banner-grab" :loading="grabbing === sale.id" @click="grab(sale)"
                  :data-testid="'grab-' + sale.id">{{ $t('flash.grab') }}</van-button>
    </div>`,
};
