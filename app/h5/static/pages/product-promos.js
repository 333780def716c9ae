// A product's running group-buys and bargains (the server's activity lists
// of this product): its group price and size with "发起拼团", a bargain's start and
// floor prices with "发起砍价". Opening a group leads to its page with the
// fresh seat to pay for; starting a bargain leads to the bargain's page.
import { api, showError } from "../api.js";
import { price } from "../format.js";
import { signedIn } from "../session.js";

const { ref, onMounted } = Vue;

export default {
  props: { productId: Number },
  setup(props) {
    const route = VueRouter.useRoute();
    const router = VueRouter.useRouter();
    const groups = ref([]);
    const bargains = ref([]);
    const busy = ref(false);
    onMounted(async () => {
      try {
        const query = { phase: "running", product_id: props.productId, per_page: 100 };
        const [g, b] = await Promise.all([
          api.get("/mp/v1/group-activities", query),
          api.get("/mp/v1/bargain-activities", query)]);
        groups.value = g.items;
        bargains.value = b.items;
      } catch (err) {
        showError(err);
      }
    });
    async function act(call) {
      if (!signedIn.value) {
        router.push({ path: "/signin", query: { next: route.fullPath } });
        return;
      }
      busy.value = true;
      try {
        await call();
      } catch (err) {
        showError(err);
      } finally {
        busy.value = false;
      }
    }
    const openGroup = (a, skuId) => act(async () => {
      const seat = await api.post(`/mp/v1/group-activities/${a.id}/groups`, { sku_id: skuId });
      router.push({ path: `/group/${seat.group.id}`, query: { order: seat.order.id } });
    });
    const startBargain = (a) => act(async () => {
      const bargain = await api.post(`/mp/v1/bargain-activities/${a.id}/bargains`);
      router.push(`/bargain/${bargain.id}`);
    });
    return { groups, bargains, busy, openGroup, startBargain, price };
  },
  template: `
    <div v-for="a in groups" :key="'g' + a.id" class="panel promo-banner"
         :data-testid="'product-group-' + a.id">
      <div class="promo-banner-body">
        <div class="promo-banner-title">{{ $t('group.banner', { n: a.group_size }) }}</div>
        <div><span class="promo-banner-price">{{ price(a.group_price_fen) }}</span>
          <s class="promo-banner-was">{{ price(a.price_fen) }}</s></div>
      </div>
      <van-button v-for="s in a.skus" :key="s.sku_id" size="small" round :loading="busy"
                  class="promo-banner-button" @click="openGroup(a, s.sku_id)"
                  :data-testid="'open-group-' + s.sku_id">{{ $t('group.open') }}</van-button>
    </div>
    <div v-for="a in bargains" :key="'b' + a.id" class="panel promo-banner"
         :data-testid="'product-bargain-' + a.id">
      <div class="promo-banner-body">
        <div class="promo-banner-title">{{ $t('bargain.banner') }}</div>
        <div class="promo-banner-when">{{ $t('bargain.floor') }}
          <span class="promo-banner-price">{{ price(a.floor_price_fen) }}</span></div>
      </div>
      <van-button size="small" round :loading="busy" class="promo-banner-button"
                  @click="startBargain(a)" data-testid="start-bargain">{{ $t('bargain.start') }}</van-button>
    </div>`,
};
