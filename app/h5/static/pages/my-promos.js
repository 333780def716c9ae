// 我的拼团 / 我的砍价: the buyer's seats in groups (GET /mp/v1/me/groups) and
// the bargains they started (GET /mp/v1/me/bargains), newest first, each
// leading to its page; the states are the server's.
import { api } from "../api.js";
import { price } from "../format.js";
import { usePaged } from "../paged.js";

const { ref, watch } = Vue;

export default {
  setup() {
    const route = VueRouter.useRoute();
    const router = VueRouter.useRouter();
    const kind = ref(route.params.kind);
    const { items, loading, finished, more } = usePaged(
      (page, perPage) => api.get(`/mp/v1/me/${kind.value}`, { page, per_page: perPage }));
    watch(kind, (value) => router.replace(`/my/${value}`));
    // a group's state for its tag: the seat's when it is waiting or refunded, else the group's
    function groupState(item) {
      if (["held", "refund_due", "refunding", "refunded"].includes(item.seat_status)) {
        return `seat.${item.seat_status}`;
      }
      const g = item.group;
      if (g.status === "completed") return "group.completed";
      if (g.status === "failed" || g.seconds_left === 0) return "group.failed";
      return "group.open";
    }
    function bargainState(b) {
      if (b.status === "bought") return "bought";
      return b.expired ? "expired" : "active";
    }
    return { kind, items, loading, finished, more, groupState, bargainState, price };
  },
  template: `
    <van-nav-bar :title="$t('mine.' + kind)" left-arrow @click-left="$router.push('/me')" />
    <van-tabs v-model:active="kind" sticky>
      <van-tab name="groups" :title="$t('mine.groups')" />
      <van-tab name="bargains" :title="$t('mine.bargains')" />
    </van-tabs>
    <van-list :loading="loading" :finished="finished" @load="more"
              :finished-text="items.length ? $t('orders.no_more') : ''">
      <van-empty v-if="finished && !items.length" image="search" :description="$t('mine.none')" />
      <template v-if="kind === 'groups'">
        <router-link v-for="i in items" :key="i.order_id" :to="'/group/' + i.group.id"
                     class="panel promo-product" :data-testid="'my-group-' + i.group.id">
          <van-image :src="i.group.image_url" width="72" height="72" fit="cover" radius="6" />
          <div class="promo-product-body">
            <div class="line-title">{{ i.group.product_title }}</div>
            <div class="muted">{{ $t('group.progress', { n: i.group.paid_count, m: i.group.size }) }}</div>
            <div class="my-promo-foot">
              <span class="price">{{ price(i.group.group_price_fen) }}</span>
              <van-tag type="danger" plain>{{ $t('mine.' + groupState(i)) }}</van-tag>
            </div>
          </div>
        </router-link>
      </template>
      <template v-else>
        <router-link v-for="b in items" :key="b.id" :to="'/bargain/' + b.id"
                     class="panel promo-product" :data-testid="'my-bargain-' + b.id">
          <van-image :src="b.image_url" width="72" height="72" fit="cover" radius="6" />
          <div class="promo-product-body">
            <div class="line-title">{{ b.product_title }}</div>
            <div class="muted">{{ $t('bargain.helps', { n: b.helps_count, m: b.helpers_needed }) }}</div>
            <div class="my-promo-foot">
              <span class="price">{{ price(b.price_fen) }}</span>
              <van-tag type="danger" plain>{{ $t('mine.bargain.' + bargainState(b)) }}</van-tag>
            </div>
          </div>
        </router-link>
      </template>
    </van-list>`,
};
