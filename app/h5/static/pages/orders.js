// 我的订单: my orders by state (tabs), newest first, a page at a time.
import { api } from "../api.js";
import { price, dateTime } from "../format.js";
import { usePaged } from "../paged.js";

const { ref, watch } = Vue;
export const TABS = ["", "pending_payment", "to_ship", "shipped", "completed"];
const PER_PAGE = 10;

export default {
  setup() {
    const route = VueRouter.useRoute();
    const router = VueRouter.useRouter();
    const status = ref(TABS.includes(route.query.status) ? route.query.status : "");
    const { items: orders, loading, finished, more, reset } = usePaged((page, perPage) => {
      const query = { page, per_page: perPage };
      if (status.value) query.status = status.value;
      return api.get("/mp/v1/orders", query);
    }, PER_PAGE);
    watch(status, (value) => {
      router.replace({ path: "/orders", query: value ? { status: value } : {} });
      reset();  // the list, keyed by the state, loads the first page
    });
    return { status, orders, loading, finished, more, TABS, price, dateTime };
  },
  template: `
    <van-nav-bar :title="$t('orders.title')" left-arrow @click-left="$router.push('/me')" />
    <van-tabs v-model:active="status" sticky>
      <van-tab v-for="tab in TABS" :key="tab" :name="tab"
               :title="tab ? $t('status.' + tab) : $t('orders.all')" />
    </van-tabs>
    <van-list :key="status" v-model:loading="loading" :finished="finished" @load="more"
              :finished-text="orders.length ? $t('orders.no_more') : ''">
      <van-empty v-if="finished && !orders.length" :description="$t('orders.none')" />
      <router-link v-for="o in orders" :key="o.id" :to="'/orders/' + o.id" class="panel order-card"
                   :data-testid="'order-' + o.id">
        <div class="order-card-head">
          <span class="muted">{{ $t('orders.number', { id: o.id }) }} · {{ dateTime(o.created_at) }}</span>
          <span class="order-status" :data-testid="'order-status-' + o.id">{{ $t('status.' + o.status) }}</span>
        </div>
        <div v-for="line in o.lines" :key="line.id" class="checkout-line">
          <div class="line-title">{{ line.title }}</div>
          <div class="muted checkout-line-spec">
            <span>{{ line.spec }}</span><span>× {{ line.quantity }}</span>
          </div>
        </div>
        <div class="order-card-total">
          {{ $t('orders.total') }} <span class="price" :data-testid="'order-total-' + o.id">{{ price(o.total_fen) }}</span>
        </div>
      </router-link>
    </van-list>`,
};
