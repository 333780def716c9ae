// 砍价: a bargain as the server has it (GET /mp/v1/bargains/<id>): the
// current price, the floor, how far it has come, the time left, who helped
// and by how much. The starter shares it and buys when the server says so
// (`buyable`); a friend opening it from a share link helps once
// ("帮TA砍一刀") and sees the cut the server made.
import { api, showError } from "../api.js";
import { price } from "../format.js";
import { t } from "../i18n.js";
import { session, signedIn } from "../session.js";
import shareSheet from "./share-sheet.js";

const { ref, computed, onMounted } = Vue;

export default {
  components: { shareSheet },
  setup() {
    const route = VueRouter.useRoute();
    const router = VueRouter.useRouter();
    const id = Number(route.params.id);
    const bargain = ref(null);
    const cut = ref(null);  // the cut this viewer just made, as the server answered
    const sharing = ref(false);
    const busy = ref(false);
    async function load() {
      try {
        bargain.value = await api.get(`/mp/v1/bargains/${id}`);
      } catch (err) {
        showError(err);
      }
    }
    onMounted(load);
    const mine = computed(() => signedIn.value && bargain.value
      && bargain.value.starter_id === session.user.id);
    const helped = computed(() => (signedIn.value && bargain.value
      ? bargain.value.helpers.find((h) => h.user_id === session.user.id) : null));
    const running = computed(() => bargain.value && bargain.value.status === "active"
      && !bargain.value.expired && bargain.value.price_fen > bargain.value.floor_price_fen);
    // the share of start - floor already cut, for the bar (display only)
    const percent = computed(() => {
      const b = bargain.value;
      const span = b.start_price_fen - b.floor_price_fen;
      return span > 0 ? Math.round(((b.start_price_fen - b.price_fen) * 100) / span) : 100;
    });
    function signInFirst() {
      router.push({ path: "/signin", query: { next: route.fullPath } });
    }
    async function help() {
      if (!signedIn.value) return signInFirst();
      busy.value = true;
      try {
        const done = await api.post(`/mp/v1/bargains/${id}/helps`);
        cut.value = done.cut_fen;
        await load();
      } catch (err) {
        showError(err);
        await load();  // the bargain as the server now has it
      } finally {
        busy.value = false;
      }
      return null;
    }
    async function buy() {
      busy.value = true;
      try {
        const bought = await api.post(`/mp/v1/bargains/${id}/buy`);
        bargain.value = bought.bargain;
        // the pay page gives the order the buyer's address first
        router.push(bought.order.status === "pending_payment" ? `/pay/${bought.order.id}`
          : `/orders/${bought.order.id}`);
      } catch (err) {
        showError(err);
      } finally {
        busy.value = false;
      }
    }
    const stateText = computed(() => {
      const b = bargain.value;
      if (b.status === "bought") return t("bargain.bought");
      if (b.expired) return t("bargain.ended");
      if (b.price_fen === b.floor_price_fen) return t("bargain.at_floor");
      return "";
    });
    return { bargain, cut, sharing, busy, mine, helped, running, percent, help, buy, price,
             stateText };
  },
  template: `
    <van-nav-bar :title="$t('bargain.title')" left-arrow @click-left="$router.back()" />
    <van-loading v-if="!bargain" class="page-loading" />
    <template v-else>
      <router-link :to="'/product/' + bargain.product_id" class="panel promo-product">
        <van-image :src="bargain.image_url" width="88" height="88" fit="cover" radius="6" />
        <div class="promo-product-body">
          <div class="line-title" data-testid="bargain-product">{{ bargain.product_title }}</div>
          <div class="muted">{{ $t('bargain.start_price') }} {{ price(bargain.start_price_fen) }}</div>
          <div class="muted">{{ $t('bargain.floor') }}
            <span data-testid="bargain-floor">{{ price(bargain.floor_price_fen) }}</span></div>
        </div>
      </router-link>
      <section class="panel bargain-box">
        <div class="muted">{{ $t('bargain.now') }}</div>
        <div class="price bargain-price" data-testid="bargain-price">{{ price(bargain.price_fen) }}</div>
        <van-progress :percentage="percent" :show-pivot="false" stroke-width="8"
                      class="bargain-bar" data-testid="bargain-progress" />
        <div class="muted" data-testid="bargain-count">
          {{ $t('bargain.helps', { n: bargain.helps_count, m: bargain.helpers_needed }) }}</div>
        <div class="bargain-when">
          <span v-if="stateText" data-testid="bargain-state">{{ stateText }}</span>
          <template v-else>{{ $t('group.ends_in') }}
            <van-count-down :time="bargain.seconds_left * 1000" format="HH:mm:ss"
                            class="promo-clock" data-testid="bargain-countdown" />
          </template>
        </div>
        <div v-if="cut !== null" class="bargain-cut" data-testid="bargain-my-cut">
          {{ $t('bargain.you_cut', { amount: price(cut) }) }}</div>
        <div v-else-if="helped" class="bargain-cut" data-testid="bargain-my-cut">
          {{ $t('bargain.you_cut', { amount: price(helped.cut_fen) }) }}</div>
      </section>
      <div class="page-actions">
        <template v-if="mine">
          <van-button v-if="running" round block type="primary" icon="share-o"
                      @click="sharing = true" data-testid="bargain-share">{{ $t('bargain.share') }}</van-button>
          <van-button v-if="bargain.buyable" round block type="danger" class="gap-top" :loading="busy"
                      @click="buy" data-testid="bargain-buy">
            {{ $t('bargain.buy', { price: price(bargain.price_fen) }) }}</van-button>
        </template>
        <van-button v-else-if="running && !helped && cut === null" round block type="danger"
                    :loading="busy" @click="help" data-testid="bargain-help">{{ $t('bargain.help') }}</van-button>
      </div>
      <section class="panel" data-testid="bargain-helpers">
        <div class="bargain-helpers-title">{{ $t('bargain.helpers') }}</div>
        <div v-if="!bargain.helpers.length" class="empty-line muted">{{ $t('bargain.no_helpers') }}</div>
        <van-cell v-for="h in bargain.helpers" :key="h.user_id" :title="h.nickname"
                  :value="$t('bargain.cut', { amount: price(h.cut_fen) })" data-testid="bargain-helper">
          <template #icon>
            <van-image v-if="h.avatar_url" round width="28" height="28" :src="h.avatar_url" class="helper-avatar" />
            <van-icon v-else name="user-circle-o" size="28" class="helper-avatar" />
          </template>
        </van-cell>
      </section>
      <share-sheet v-model:show="sharing" kind="bargain" :target-id="bargain.id" />
    </template>`,
};
