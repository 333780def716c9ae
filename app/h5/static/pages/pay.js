// 支付: the order's prepay (POST /mp/v1/orders/<id>/pay: the amount the
// provider will charge), then the payer confirms. In development that is the
// sandbox (POST /mp/v1/sandbox/orders/<id>/pay), which sends its signed
// notice to the server from the worker; the page waits until the server
// says the order is paid. Production pays with WeChat Pay (JSAPI) in
// WeChat's browser, which this page does not do yet. An order made without
// an address (a flash-sale grab, a group seat, a bargain) is given one here
// first (POST /mp/v1/orders/<id>/address).
import { api, showError, errorText } from "../api.js";
import addressField from "./address-field.js";
import { price, dateTime } from "../format.js";
import { t } from "../i18n.js";

const { ref, onMounted, onBeforeUnmount } = Vue;
const POLL_MS = 1000;
const POLL_TIMES = 120;

export default {
  components: { addressField },
  setup() {
    const route = VueRouter.useRoute();
    const router = VueRouter.useRouter();
    const id = route.params.id;
    const order = ref(null);
    const prepay = ref(null);
    const waiting = ref(false);
    const refused = ref("");  // why the server will not take a payment now
    const address = ref(null);
    const addressBox = ref(null);
    const needsAddress = () => order.value.delivery_kind === "express" && !order.value.ship_to;
    let timer = null;

    onMounted(async () => {
      try {
        order.value = await api.get(`/mp/v1/orders/${id}`);
        if (order.value.status !== "pending_payment") {
          router.replace(`/orders/${id}`);
          return;
        }
        prepay.value = await api.post(`/mp/v1/orders/${id}/pay`);
      } catch (err) {
        refused.value = errorText(err);
      }
    });
    onBeforeUnmount(() => clearTimeout(timer));

    function poll(left) {
      timer = setTimeout(async () => {
        try {
          const now = await api.get(`/mp/v1/orders/${id}`);
          if (now.status !== "pending_payment") {
            vant.showToast({ type: "success", message: t("pay.paid") });
            router.replace(`/orders/${id}`);
            return;
          }
        } catch (err) {
          showError(err);
        }
        if (left > 1) poll(left - 1);
        else waiting.value = false;
      }, POLL_MS);
    }
    async function confirm() {
      if (needsAddress() && !address.value) {
        addressBox.value.pick();
        return;
      }
      waiting.value = true;
      try {
        if (needsAddress()) {
          order.value = await api.post(`/mp/v1/orders/${id}/address`, { address_id: address.value.id });
        }
        await api.post(`/mp/v1/sandbox/orders/${id}/pay`);
        poll(POLL_TIMES);
      } catch (err) {
        waiting.value = false;
        showError(err);
      }
    }
    return { order, prepay, waiting, refused, address, addressBox, needsAddress, confirm, price,
             dateTime };
  },
  template: `
    <van-nav-bar :title="$t('pay.title')" left-arrow @click-left="$router.back()" />
    <van-empty v-if="refused" image="error" :description="refused" data-testid="pay-refused">
      <van-button round type="primary" :to="'/orders/' + $route.params.id">
        {{ $t('pay.see_order') }}</van-button>
    </van-empty>
    <van-loading v-else-if="!prepay" class="page-loading" />
    <template v-else>
      <div class="pay-amount">
        <div class="muted">{{ $t('pay.amount') }}</div>
        <div class="price pay-figure" data-testid="pay-amount">{{ price(prepay.amount_fen) }}</div>
        <div class="muted">{{ $t('pay.deadline', { at: dateTime(order.pay_deadline) }) }}</div>
      </div>
      <address-field v-if="needsAddress()" ref="addressBox" v-model="address" class="panel"
                     data-testid="pay-address" />
      <van-cell-group class="panel">
        <van-cell :title="$t('pay.order_no')" :value="String(order.id)" />
        <van-cell :title="$t('pay.method')" :value="$t('pay.sandbox')" icon="balance-pay" />
      </van-cell-group>
      <div class="page-actions">
        <van-button round block type="primary" :loading="waiting"
                    :loading-text="$t('pay.waiting')" @click="confirm"
                    data-testid="pay-confirm">{{ $t('pay.confirm') }}</van-button>
        <p class="muted pay-note">{{ $t('pay.sandbox_note') }}</p>
      </div>
    </template>`,
};
