// 拼团: a group as the server has it (GET /mp/v1/groups/<id>): the product
// and group price, the paid members, n of m, the time left the server gave,
// and the viewer's action: join and pay, invite friends, in the group
// already, complete, or expired. A fresh seat (?order=<id>, after opening or
// joining, or a held seat of mine from GET /mp/v1/me/groups) asks where the
// goods go, then pays.
import { api, showError } from "../api.js";
import { price } from "../format.js";
import { session, signedIn } from "../session.js";
import addressField from "./address-field.js";
import shareSheet from "./share-sheet.js";

const { ref, computed, onMounted } = Vue;

export default {
  components: { addressField, shareSheet },
  setup() {
    const route = VueRouter.useRoute();
    const router = VueRouter.useRouter();
    const id = Number(route.params.id);
    const group = ref(null);
    const orderId = ref(route.query.order ? Number(route.query.order) : null);
    const address = ref(null);
    const addressBox = ref(null);
    const sharing = ref(false);
    const busy = ref(false);
    async function load() {
      try {
        group.value = await api.get(`/mp/v1/groups/${id}`);
        if (!orderId.value && signedIn.value) {
          // a seat of mine here still waiting for its payment: pay it, not join again
          const mine = await api.get("/mp/v1/me/groups", { per_page: 100 });
          const held = mine.items.find((i) => i.group.id === id && i.seat_status === "held");
          if (held) orderId.value = held.order_id;
        }
      } catch (err) {
        showError(err);
      }
    }
    onMounted(load);
    const mine = computed(() => signedIn.value && group.value
      && group.value.members.some((m) => m.user_id === session.user.id));
    // open | complete | expired: the group's state as the server says it
    const state = computed(() => {
      const g = group.value;
      if (!g) return "";
      if (g.status === "completed") return "complete";
      if (g.status === "failed" || g.seconds_left === 0) return "expired";
      return "open";
    });
    const empties = computed(() => (group.value
      ? Math.max(group.value.size - group.value.members.length, 0) : 0));
    async function join() {
      if (!signedIn.value) {
        router.push({ path: "/signin", query: { next: route.fullPath } });
        return;
      }
      busy.value = true;
      try {
        const seat = await api.post(`/mp/v1/groups/${id}/join`);
        group.value = seat.group;
        orderId.value = seat.order.id;
        router.replace({ path: route.path, query: { order: seat.order.id } });
      } catch (err) {
        showError(err);
      } finally {
        busy.value = false;
      }
    }
    async function pay() {
      if (!address.value) {
        addressBox.value.pick();
        return;
      }
      busy.value = true;
      try {
        const order = await api.get(`/mp/v1/orders/${orderId.value}`);
        if (!order.ship_to) {
          await api.post(`/mp/v1/orders/${orderId.value}/address`,
                         { address_id: address.value.id });
        }
        router.push(`/pay/${orderId.value}`);
      } catch (err) {
        showError(err);
      } finally {
        busy.value = false;
      }
    }
    return { group, orderId, address, addressBox, sharing, busy, mine, state, empties, join, pay,
             price };
  },
  template: `
    <van-nav-bar :title="$t('group.title')" left-arrow @click-left="$router.back()" />
    <van-loading v-if="!group" class="page-loading" />
    <template v-else>
      <router-link :to="'/product/' + group.product_id" class="panel promo-product">
        <van-image :src="group.image_url" width="88" height="88" fit="cover" radius="6" />
        <div class="promo-product-body">
          <div class="line-title" data-testid="group-product">{{ group.product_title }}</div>
          <div class="muted">{{ group.title }}</div>
          <div>
            <span class="price price-large" data-testid="group-price">{{ price(group.group_price_fen) }}</span>
            <van-tag type="danger" plain class="promo-tag">{{ $t('group.size', { n: group.size }) }}</van-tag>
          </div>
        </div>
      </router-link>
      <section class="panel group-box" data-testid="group-box">
        <div class="group-state" data-testid="group-state">
          <template v-if="state === 'complete'">{{ $t('group.complete') }}</template>
          <template v-else-if="state === 'expired'">{{ $t('group.expired') }}</template>
          <template v-else>
            {{ $t('group.ends_in') }}
            <van-count-down :time="group.seconds_left * 1000" format="HH:mm:ss"
                            class="promo-clock" data-testid="group-countdown" />
          </template>
        </div>
        <div class="members" data-testid="group-members">
          <div v-for="m in group.members" :key="m.user_id" class="member" data-testid="group-member">
            <van-image v-if="m.avatar_url" round width="48" height="48" :src="m.avatar_url" />
            <div v-else class="member-avatar"><van-icon name="user-o" size="24" /></div>
            <van-tag v-if="m.is_leader" type="danger" class="member-leader">{{ $t('group.leader') }}</van-tag>
            <div class="member-name">{{ m.nickname }}</div>
          </div>
          <div v-for="n in (state === 'open' ? empties : 0)" :key="'empty' + n" class="member">
            <div class="member-avatar member-empty">?</div>
            <div class="member-name muted">{{ $t('group.seat_open') }}</div>
          </div>
        </div>
        <div class="group-progress" data-testid="group-progress">
          {{ $t('group.progress', { n: group.paid_count, m: group.size }) }}
        </div>
      </section>
      <section v-if="orderId && state === 'open' && !mine" class="panel" data-testid="group-seat">
        <address-field ref="addressBox" v-model="address" data-testid="group-address" />
      </section>
      <div class="page-actions">
        <van-button v-if="state === 'complete'" round block disabled data-testid="group-action">
          {{ $t('group.complete_action') }}</van-button>
        <van-button v-else-if="state === 'expired'" round block disabled data-testid="group-action">
          {{ $t('group.expired_action') }}</van-button>
        <template v-else-if="mine">
          <div class="group-in" data-testid="group-in">{{ $t('group.you_are_in') }}</div>
          <van-button round block type="primary" icon="share-o" @click="sharing = true"
                      data-testid="group-action">{{ $t('group.invite') }}</van-button>
        </template>
        <van-button v-else-if="orderId" round block type="primary" :loading="busy" @click="pay"
                    data-testid="group-action">{{ $t('group.pay') }}</van-button>
        <van-button v-else round block type="primary" :loading="busy" @click="join"
                    data-testid="group-action">{{ $t('group.join', { price: price(group.group_price_fen) }) }}</van-button>
      </div>
      <share-sheet v-model:show="sharing" kind="group" :target-id="group.id" />
    </template>`,
};
