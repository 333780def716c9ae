// 确认订单: what to buy (one SKU from "buy now", or the cart's selected
// lines), where it goes, and the server's preview of it: each shop's goods,
// postage, discounts and total. The page adds nothing up; it shows the
// preview and places the order with the same request (one order per shop),
// idempotent by a request id made when the page opened.
import { api, showError, errorText } from "../api.js";
import { price } from "../format.js";
import addressPicker, { addressLine } from "./address-picker.js";

const { ref, computed, onMounted } = Vue;

function requestId() {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return "h5-" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export default {
  components: { addressPicker },
  setup() {
    const route = VueRouter.useRoute();
    const router = VueRouter.useRouter();
    const fromCart = Boolean(route.query.cart);
    const pick = fromCart ? { cart: true }
      : { lines: [{ sku_id: Number(route.query.sku), quantity: Number(route.query.qty || 1) }] };
    const address = ref(null);
    const picking = ref(false);
    const preview = ref(null);
    const problem = ref("");
    const remark = ref("");
    const placing = ref(false);
    const rid = requestId();

    async function refresh() {
      problem.value = "";
      const where = address.value ? { address_id: address.value.id } : {};
      try {
        preview.value = await api.post("/mp/v1/checkout/preview", { ...pick, ...where });
      } catch (err) {
        preview.value = null;
        problem.value = errorText(err);
      }
    }
    function chosen(a) {
      address.value = a;
      refresh();
    }
    onMounted(refresh);

    // one order per shop: the cart's shop by merchant_id, "buy now" as it came
    function orderBodies() {
      const common = { address_id: address.value.id, remark: remark.value };
      if (!fromCart) return [{ ...pick, ...common, request_id: rid }];
      return preview.value.merchants.map((shop) => ({
        cart: true, merchant_id: shop.merchant_id, ...common,
        request_id: `${rid}-${shop.merchant_id}` }));
    }
    async function place() {
      if (!address.value) {
        picking.value = true;
        return;
      }
      placing.value = true;
      try {
        const made = [];
        for (const body of orderBodies()) made.push(await api.post("/mp/v1/orders", body));
        if (made.length === 1) router.replace(`/pay/${made[0].id}`);
        else router.replace({ path: "/orders", query: { status: "pending_payment" } });
      } catch (err) {
        showError(err);
        await refresh();
      } finally {
        placing.value = false;
      }
    }
    const canPlace = computed(() => preview.value !== null && !placing.value);
    return { address, picking, preview, problem, remark, placing, canPlace, chosen, place,
             price, addressLine };
  },
  template: `
    <van-nav-bar :title="$t('checkout.title')" left-arrow @click-left="$router.back()" />
    <van-cell class="panel address-cell" is-link center @click="picking = true"
              icon="location-o" data-testid="checkout-address">
      <template #title>
        <template v-if="address">
          <div class="address-who">{{ address.recipient }} {{ address.phone }}</div>
          <div class="muted">{{ addressLine(address) }}</div>
        </template>
        <span v-else class="muted">{{ $t('checkout.no_address') }}</span>
      </template>
    </van-cell>
    <address-picker v-model:show="picking" :chosen-id="address ? address.id : null"
                    @chosen="chosen" />
    <van-notice-bar v-if="problem" wrapable :scrollable="false" left-icon="warning-o"
                    :text="problem" data-testid="checkout-problem" />
    <template v-if="preview">
      <section v-for="shop in preview.merchants" :key="shop.merchant_id" class="panel"
               data-testid="checkout-shop">
        <div class="shop-name"><van-icon name="shop-o" /> {{ shop.merchant_name }}</div>
        <div v-for="line in shop.lines" :key="line.sku_id" class="checkout-line">
          <div class="line-title">{{ line.title }}</div>
          <div class="muted checkout-line-spec">
            <span>{{ line.spec }}</span>
            <span>{{ price(line.unit_price_fen) }} × {{ line.quantity }}</span>
          </div>
        </div>
        <van-cell :title="$t('checkout.goods')" :value="price(shop.goods_fen)" />
        <van-cell :title="$t('checkout.postage')" data-testid="checkout-postage"
                  :value="price(shop.postage_fen)" />
        <van-cell v-if="shop.discount_fen" :title="$t('checkout.discount')"
                  :value="'-' + price(shop.discount_fen)" value-class="price" />
        <van-cell :title="$t('checkout.shop_total')" :value="price(shop.total_fen)"
                  value-class="price" />
      </section>
      <van-cell-group class="panel">
        <van-field v-model="remark" :label="$t('checkout.remark')" maxlength="200"
                   :placeholder="$t('checkout.remark_placeholder')" />
      </van-cell-group>
    </template>
    <div class="submit-bar-space"></div>
    <van-submit-bar :price="preview ? preview.total_fen : 0" :label="$t('checkout.total')"
                    :button-text="$t('checkout.place')" :loading="placing"
                    :disabled="!canPlace" @submit="place" data-testid="checkout-submit" />`,
};
