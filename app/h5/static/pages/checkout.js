// 确认订单: what to buy (one SKU from "buy now", or the cart's selected
// lines), where it goes, a coupon (one shop's order only: a coupon belongs
// to its shop), and the server's preview of it: each shop's goods, postage,
// discounts and total. The page adds nothing up; it shows the
// preview and places the order with the same request (one order per shop),
// idempotent by a request id made when the page opened.
import { api, showError, errorText } from "../api.js";
import { price } from "../format.js";
import addressField from "./address-field.js";
import couponPicker from "./coupon-picker.js";
import pointsField from "./points-field.js";

const { ref, computed } = Vue;

function requestId() {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return "h5-" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export default {
  components: { addressField, couponPicker, pointsField },
  setup() {
    const route = VueRouter.useRoute();
    const router = VueRouter.useRouter();
    const fromCart = Boolean(route.query.cart);
    const pick = fromCart ? { cart: true }
      : { lines: [{ sku_id: Number(route.query.sku), quantity: Number(route.query.qty || 1) }] };
    const address = ref(null);
    const addressBox = ref(null);
    const preview = ref(null);
    const problem = ref("");
    const remark = ref("");
    const placing = ref(false);
    const coupon = ref(null);  // the held coupon asked for, or null
    const coupons = ref([]);   // the coupon preview's items
    const choosingCoupon = ref(false);
    const points = ref(0);     // the points the buyer asks to pay with
    // the one shop of the last good preview: coupons and points stay on offer
    // while an ask the server refused is corrected
    const shop = ref(null);
    const rid = requestId();

    // the latest asking wins: an earlier answer arriving late is dropped
    let asked = 0;
    async function refresh() {
      const ticket = ++asked;
      let answer = null, failure = "";
      try {
        answer = await api.post("/mp/v1/checkout/preview", { ...pick, ...asks() });
      } catch (err) {
        failure = errorText(err);
      }
      if (ticket !== asked) return;
      preview.value = answer;
      problem.value = failure;
      if (answer) {
        shop.value = answer.merchants.length === 1 ? answer.merchants[0] : null;
      }
    }
    // what the buyer asks the server to apply: the address, the coupon
    function asks() {
      const given = {};
      if (address.value) given.address_id = address.value.id;
      if (coupon.value) given.coupon_id = coupon.value.coupon.id;
      if (points.value) given.points = points.value;
      return given;
    }
    function chosen(a) {
      address.value = a;
      refresh();
    }
    function couponChosen(item) {
      coupon.value = item;
      refresh();
    }
    function pointsAsked(n) {
      points.value = n;
      refresh();
    }
    // the coupon picker's lines: the one shop's lines as previewed
    const couponLines = computed(() => (shop.value
      ? shop.value.lines.map((l) => ({ sku_id: l.sku_id, quantity: l.quantity })) : []));
    // what the server's preview says a step (coupon, points) took off
    function applied(step) {
      const now = preview.value && preview.value.merchants.length === 1
        ? preview.value.merchants[0] : null;
      return now && now.applied[step] ? now.applied[step].discount_fen : 0;
    }
    const couponOff = computed(() => applied("coupon"));
    const pointsOff = computed(() => applied("points"));
    const oneShop = computed(() => (shop.value ? shop.value.merchant_id : null));
    const usableCoupons = computed(() => coupons.value.filter((item) => item.usable).length);
    // the address picker says first: the default address, or none yet

    // one order per shop: the cart's shop by merchant_id, "buy now" as it came
    function orderBodies() {
      const common = { ...asks(), remark: remark.value };
      if (!fromCart) return [{ ...pick, ...common, request_id: rid }];
      return preview.value.merchants.map((shop) => ({
        cart: true, merchant_id: shop.merchant_id, ...common,
        request_id: `${rid}-${shop.merchant_id}` }));
    }
    async function place() {
      if (!address.value) {
        addressBox.value.pick();
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
    return { address, addressBox, preview, problem, remark, placing, canPlace, chosen, place,
             price, coupon, coupons, choosingCoupon, couponChosen, couponLines,
             usableCoupons, couponOff, points, pointsAsked, pointsOff, oneShop, shop };
  },
  template: `
    <van-nav-bar :title="$t('checkout.title')" left-arrow @click-left="$router.back()" />
    <address-field ref="addressBox" :model-value="address" @update:model-value="chosen"
                   @empty="refresh" cell-class="panel address-cell" data-testid="checkout-address" />
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
    </template>
    <van-cell-group class="panel" v-if="couponLines.length">
      <van-cell :title="$t('coupon.title')" is-link @click="choosingCoupon = true"
                data-testid="checkout-coupon"
                :value="coupon ? coupon.coupon.name + ' -' + price(couponOff)
                        : $t('coupon.usable', { n: usableCoupons })" />
    </van-cell-group>
    <coupon-picker v-model:show="choosingCoupon" :lines="couponLines"
                   :chosen-id="coupon ? coupon.coupon.id : null"
                   @loaded="coupons = $event" @chosen="couponChosen" />
    <points-field v-if="oneShop" :merchant-id="oneShop" :model-value="points"
                  @update:model-value="pointsAsked"
                  :worth="pointsOff ? price(pointsOff) : ''" />
    <van-cell-group class="panel" v-if="preview || shop">
      <van-field v-model="remark" :label="$t('checkout.remark')" maxlength="200"
                 :placeholder="$t('checkout.remark_placeholder')" />
    </van-cell-group>
    <div class="submit-bar-space"></div>
    <van-submit-bar :price="preview ? preview.total_fen : 0" :label="$t('checkout.total')"
                    :button-text="$t('checkout.place')" :loading="placing"
                    :disabled="!canPlace" @submit="place" data-testid="checkout-submit" />`,
};
