// 订单详情: the order as the server keeps it (state, the address copied into
// it, lines, amounts, times) and each package with its tracking timeline
// (GET /mp/v1/orders/<id>/packages). Pay, cancel and confirm receipt are
// offered in the states the server allows them; the server decides.
import { api, showError } from "../api.js";
import { price, dateTime } from "../format.js";
import { t } from "../i18n.js";

const { ref, onMounted } = Vue;
const SHIPPING = ["partially_shipped", "shipped", "received", "completed"];
// where an after-sale may be asked for (the server decides and says why not)
const AFTER_SALE = ["paid", "grouping", "to_ship", "partially_shipped", "shipped", "received"];

export default {
  setup() {
    const route = VueRouter.useRoute();
    const router = VueRouter.useRouter();
    const id = route.params.id;
    const order = ref(null);
    const packages = ref([]);

    async function load() {
      try {
        order.value = await api.get(`/mp/v1/orders/${id}`);
        packages.value = SHIPPING.includes(order.value.status)
          ? (await api.get(`/mp/v1/orders/${id}/packages`)).packages : [];
      } catch (err) {
        showError(err);
      }
    }
    onMounted(load);

    async function act(path, question) {
      try {
        await vant.showConfirmDialog({ message: question });
      } catch (cancelled) {
        return;
      }
      try {
        order.value = await api.post(`/mp/v1/orders/${id}/${path}`);
        await load();
      } catch (err) {
        showError(err);
      }
    }
    const cancel = () => act("cancel", t("order.cancel_question"));
    const receive = () => act("receive", t("order.receive_question"));
    const pay = () => router.push(`/pay/${id}`);
    return { order, packages, cancel, receive, pay, price, dateTime, AFTER_SALE };
  },
  template: `
    <van-nav-bar :title="$t('order.title')" left-arrow @click-left="$router.push('/orders')" />
    <van-loading v-if="!order" class="page-loading" />
    <template v-else>
      <div class="order-banner">
        <div class="order-banner-status" data-testid="order-status">{{ $t('status.' + order.status) }}</div>
        <div v-if="order.status === 'pending_payment'">
          {{ $t('order.pay_by', { at: dateTime(order.pay_deadline) }) }}</div>
      </div>
      <van-cell v-if="order.ship_to" class="panel" icon="location-o" data-testid="order-address">
        <template #title>
          <div class="address-who">{{ order.ship_to.recipient }} {{ order.ship_to.phone }}</div>
          <div class="muted">{{ order.ship_to.province }}{{ order.ship_to.city }}{{ order.ship_to.district }} {{ order.ship_to.detail }}</div>
        </template>
      </van-cell>
      <section v-for="p in packages" :key="p.id" class="panel" data-testid="package">
        <div class="shop-name"><van-icon name="logistics" />
          {{ p.carrier_name || p.carrier }} {{ p.tracking_no }}</div>
        <div class="muted package-lines">
          <span v-for="line in p.lines" :key="line.line_id">{{ line.title }} {{ line.spec }} × {{ line.quantity }}</span>
        </div>
        <van-steps direction="vertical" :active="0" v-if="p.events.length">
          <van-step v-for="(e, i) in p.events" :key="i">
            <div>{{ e.context }}</div>
            <div class="muted">{{ dateTime(e.at) }} {{ e.location }}</div>
          </van-step>
        </van-steps>
        <div v-else class="empty-line muted">{{ $t('order.no_tracking', { at: dateTime(p.shipped_at) }) }}</div>
      </section>
      <section class="panel">
        <div v-for="line in order.lines" :key="line.id" class="checkout-line">
          <div class="line-title">{{ line.title }}</div>
          <div class="muted checkout-line-spec">
            <span>{{ line.spec }}</span>
            <span>{{ price(line.unit_price_fen) }} × {{ line.quantity }}</span>
          </div>
        </div>
        <van-cell :title="$t('checkout.goods')" :value="price(order.goods_fen)" />
        <van-cell :title="$t('checkout.postage')" :value="price(order.postage_fen)"
                  data-testid="order-postage" />
        <van-cell v-if="order.discount_fen" :title="$t('checkout.discount')"
                  :value="'-' + price(order.discount_fen)" />
        <van-cell :title="$t('order.paid_total')" :value="price(order.total_fen)"
                  value-class="price" data-testid="order-total" />
      </section>
      <van-cell-group class="panel">
        <van-cell :title="$t('order.number')" :value="String(order.id)" />
        <van-cell :title="$t('order.created_at')" :value="dateTime(order.created_at)" />
        <van-cell v-if="order.paid_at" :title="$t('order.paid_at')" :value="dateTime(order.paid_at)" />
        <van-cell v-if="order.remark" :title="$t('checkout.remark')" :value="order.remark" />
      </van-cell-group>
      <van-cell v-if="['received', 'completed'].includes(order.status)" class="panel"
                icon="comment-o" is-link :title="$t('review.write_for_order')"
                :to="{ path: '/reviews/awaiting', query: { order: order.id } }"
                data-testid="order-review" />
      <div class="action-bar-space"></div>
      <div class="order-actions" v-if="['pending_payment', 'shipped'].includes(order.status) || AFTER_SALE.includes(order.status)">
        <van-button v-if="AFTER_SALE.includes(order.status)" round size="small"
                    :to="'/orders/' + order.id + '/after-sale'"
                    data-testid="order-after-sale">{{ $t('aftersale.ask') }}</van-button>
        <template v-if="order.status === 'pending_payment'">
          <van-button round size="small" @click="cancel">{{ $t('order.cancel') }}</van-button>
          <van-button round size="small" type="primary" @click="pay">{{ $t('order.pay') }}</van-button>
        </template>
        <van-button v-if="order.status === 'shipped'" round size="small" type="primary"
                    @click="receive">{{ $t('order.receive') }}</van-button>
      </div>
    </template>`,
};
