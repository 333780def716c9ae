// 直播间: the room's video full screen with, over it, the host and viewers,
// the pinned ("讲解中") product, the shelf, the in-room flash sale (countdown
// to the end and units left, as the server says; grab, then pay in place
// through the pay step), coupon drops to claim, lotteries to enter, the chat
// and hearts for likes. Everything live comes over Socket.IO (/live; the
// sale's stock over /flashsale); every rule stays on the server.
import { api, token, showError, errorText } from "../api.js";
import { price } from "../format.js";
import { t } from "../i18n.js";
import { session, signedIn } from "../session.js";
import { attach, loadSocketIo } from "./live-player.js";
import addressField from "./address-field.js";

const { ref, reactive, computed, onMounted, onBeforeUnmount, nextTick } = Vue;
const GUEST_KEY = "h5.liveGuest";
const POLL_MS = 1000;

function guestKey() {
  let key = localStorage.getItem(GUEST_KEY);
  if (!key) {
    key = Array.from(crypto.getRandomValues(new Uint8Array(12)),
                     (b) => b.toString(16).padStart(2, "0")).join("");
    localStorage.setItem(GUEST_KEY, key);
  }
  return key;
}

export default {
  components: { addressField },
  setup() {
    const route = VueRouter.useRoute();
    const router = VueRouter.useRouter();
    const roomId = Number(route.params.id);
    const video = ref(null);
    const chatBox = ref(null);
    const room = ref(null);
    const failed = ref("");
    const state = reactive({ shelf: [], pinned: null, messages: [], likes: 0, online: 0,
                             sales: [], coupons: [], lottery: null, result: null });
    const ui = reactive({ shelf: false, text: "", muted: true, hearts: [], now: Date.now() });
    const addressBox = ref(null);
    const pay = reactive({ show: false, order: null, amount: 0, busy: false, paid: false,
                           address: null,
                           grabbing: false });
    let live = null, stock = null, stop = () => {}, clock = null, heartId = 0, poller = null;

    const sale = computed(() => state.sales[0] || null);
    const secondsLeft = computed(() => (sale.value
      ? Math.max(0, Math.floor((Date.parse(sale.value.ends_at) - ui.now) / 1000)) : 0));
    const countdownText = computed(() => {
      const s = secondsLeft.value;
      return `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
    });

    function send(event, data = {}) {
      return new Promise((resolve) => live.emit(event, { room_id: roomId, ...data }, resolve));
    }
    function refused(answer) {
      if (answer && answer.error) {
        showError({ code: answer.error.code, message: answer.error.message,
                    details: answer.error.details });
        return true;
      }
      return false;
    }
    function heart(mine) {
      const id = ++heartId;
      ui.hearts.push({ id, mine, left: 10 + Math.floor(Math.random() * 40) });
      setTimeout(() => { ui.hearts = ui.hearts.filter((h) => h.id !== id); }, 1600);
    }
    async function addMessage(message) {
      state.messages.push(message);
      if (state.messages.length > 100) state.messages.splice(0, state.messages.length - 100);
      await nextTick();
      if (chatBox.value) chatBox.value.scrollTop = chatBox.value.scrollHeight;
    }
    function showSale(s) {
      state.sales = [s, ...state.sales.filter((x) => x.activity_id !== s.activity_id)];
      stock.emit("watch", { activity_id: s.activity_id }, (a) => {
        if (a && a.ok) setLeft(s.activity_id, a.remaining);
      });
    }
    function setLeft(id, left) {
      const found = state.sales.find((s) => s.activity_id === id);
      if (found) found.remaining = left;
    }
    function showDrop(drop) {
      state.coupons = [drop, ...state.coupons.filter((d) => d.id !== drop.id)];
    }
    function snapshot(snap) {
      room.value = snap.room;
      Object.assign(state, { shelf: snap.shelf, pinned: snap.pinned, likes: snap.likes,
                             online: snap.online, sales: [], coupons: snap.coupons });
      state.messages = snap.messages.slice();
      snap.sales.forEach(showSale);
      if (!stopPlayer.started && video.value) startPlayer();
    }
    const stopPlayer = { started: false };
    async function startPlayer() {
      stopPlayer.started = true;
      await nextTick();
      try {
        stop = await attach(video.value, room.value.pull_url);
      } catch (err) {
        showError(err);
      }
    }

    function connect() {
      const auth = token.get() ? { token: token.get() } : { guest: guestKey() };
      live = io("/live", { auth });
      stock = io("/flashsale");
      live.on("connect", async () => {
        const snap = await send("join");
        if (snap && snap.ok) snapshot(snap);
        else failed.value = errorText(snap && snap.error ? snap.error : {});
      });
      live.on("connect_error", (err) => {
        failed.value = errorText({ code: err && err.data && err.data.code });
      });
      live.on("chat", addMessage);
      live.on("announcement", (e) => addMessage(e.message));
      live.on("counters", (c) => {
        const more = c.likes - state.likes;
        for (let i = 0; i < Math.min(more, 5); i += 1) setTimeout(() => heart(false), i * 120);
        state.likes = Math.max(state.likes, c.likes);
        state.online = c.online;
      });
      live.on("pinned", (e) => { state.pinned = e.product; });
      live.on("shelf", (e) => { state.shelf = e.shelf; });
      live.on("state", (e) => { room.value = { ...room.value, ...e.room }; });
      live.on("sale", (e) => showSale(e.sale));
      live.on("sale_ended", (e) => {
        state.sales = state.sales.filter((s) => s.activity_id !== e.activity_id);
      });
      live.on("coupon", (e) => showDrop(e.drop));
      live.on("coupon_left", (e) => {
        const drop = state.coupons.find((d) => d.id === e.drop_id);
        if (drop) drop.left = e.left;
      });
      live.on("lottery_open", (e) => { state.lottery = e.lottery; state.result = null; });
      live.on("lottery", (e) => { state.lottery = null; state.result = e.lottery; });
      live.on("kicked", () => { failed.value = t("live.kicked"); });
      stock.on("stock", (e) => setLeft(e.activity_id, e.remaining));
    }

    onMounted(async () => {
      try {
        await loadSocketIo();
        connect();
      } catch (err) {
        showError(err);
      }
      clock = setInterval(() => { ui.now = Date.now(); }, 500);
    });
    onBeforeUnmount(() => {
      clearInterval(clock);
      clearTimeout(poller);
      stop();
      if (live) live.disconnect();
      if (stock) stock.disconnect();
    });

    function needSignIn() {
      if (signedIn.value) return false;
      router.push({ path: "/signin", query: { next: route.fullPath } });
      return true;
    }
    async function sendChat() {
      if (needSignIn() || !ui.text.trim()) return;
      const answer = await send("chat", { text: ui.text });
      if (!refused(answer)) ui.text = "";
    }
    async function like() {
      if (needSignIn()) return;
      heart(true);
      const answer = await send("like", { count: 1 });
      if (!refused(answer)) state.likes = Math.max(state.likes, answer.likes);
    }
    async function claim(drop) {
      if (needSignIn()) return;
      const answer = await send("claim", { drop_id: drop.id });
      if (refused(answer)) return;
      drop.left = answer.drop.left;
      drop.mine = true;
      vant.showToast({ type: "success", message: t("live.claimed") });
    }
    async function enterLottery() {
      if (needSignIn()) return;
      const lottery = state.lottery;
      const answer = lottery.qualify === "keyword"
        ? await send("chat", { text: lottery.keyword }) : await send("like", { count: 1 });
      if (refused(answer)) return;
      if (lottery.qualify === "like") heart(true);
      lottery.entered = true;
      vant.showToast({ type: "success", message: t("live.entered") });
    }
    const iWon = computed(() => state.result && session.user
      && state.result.winners.includes(session.user.id));

    async function grab() {
      if (needSignIn()) return;
      pay.grabbing = true;
      try {
        const id = sale.value.activity_id;
        const pass = await api.post(`/mp/v1/flashsales/${id}/token`);
        const won = await api.post(`/mp/v1/flashsales/${id}/grab`,
                                   { token: pass.token, source: { room: roomId } });
        const prepay = await api.post(`/mp/v1/orders/${won.order_id}/pay`);
        Object.assign(pay, { show: true, order: won.order_id, amount: prepay.amount_fen,
                             paid: false, busy: false });
      } catch (err) {
        showError(err);
      } finally {
        pay.grabbing = false;
      }
    }
    async function confirmPay() {
      if (!pay.address) {  // a grab's order is given the buyer's address before it is paid
        addressBox.value.pick();
        return;
      }
      pay.busy = true;
      try {
        const order = await api.get(`/mp/v1/orders/${pay.order}`);
        if (order.delivery_kind === "express" && !order.ship_to) {
          await api.post(`/mp/v1/orders/${pay.order}/address`, { address_id: pay.address.id });
        }
        await api.post(`/mp/v1/sandbox/orders/${pay.order}/pay`);
        waitPaid(120);
      } catch (err) {
        pay.busy = false;
        showError(err);
      }
    }
    function waitPaid(left) {
      poller = setTimeout(async () => {
        try {
          const order = await api.get(`/mp/v1/orders/${pay.order}`);
          if (order.status !== "pending_payment") {
            Object.assign(pay, { paid: true, busy: false, amount: order.total_fen });
            return;
          }
        } catch (err) {
          showError(err);
        }
        if (left > 1) waitPaid(left - 1);
        else pay.busy = false;
      }, POLL_MS);
    }
    function unmute() {
      ui.muted = false;
      if (video.value) { video.value.muted = false; video.value.play().catch(() => {}); }
    }
    function from(product) {
      const prices = product.skus.map((s) => s.price_fen);
      return prices.length ? price(Math.min(...prices)) : "";
    }
    return { video, chatBox, room, failed, state, ui, pay, sale, countdownText, iWon, price,
             from, sendChat, like, claim, enterLottery, grab, confirmPay, unmute, addressBox };
  },
  template: `
    <div class="live-room" data-testid="live-room">
      <video ref="video" class="live-video" data-testid="live-video" muted autoplay playsinline
             webkit-playsinline></video>
      <van-empty v-if="failed" image="error" class="live-failed" :description="failed" />
      <template v-if="room">
        <div class="live-top">
          <div class="live-host" data-testid="live-host">
            <van-icon name="user-circle-o" size="28" />
            <div>
              <div class="live-host-name">{{ room.host_nickname }}</div>
              <div class="live-host-likes">{{ $t('live.likes', { n: state.likes }) }}</div>
            </div>
          </div>
          <span class="live-online" data-testid="live-online">
            {{ $t('live.watching', { n: state.online }) }}</span>
          <van-icon name="cross" class="live-close" @click="$router.back()" />
        </div>
        <div class="live-title">{{ room.title }}
          <van-tag v-if="room.state !== 'live'" type="warning">{{ $t('live.state.' + room.state) }}</van-tag>
        </div>
        <van-button v-if="ui.muted" size="mini" round class="live-unmute" icon="volume-o"
                    @click="unmute">{{ $t('live.unmute') }}</van-button>

        <div class="live-side">
        <div v-if="sale" class="live-sale" data-testid="live-sale">
          <div class="live-sale-head">{{ $t('live.flash_sale') }}
            <span class="live-sale-clock" data-testid="live-sale-countdown">{{ countdownText }}</span></div>
          <div class="live-sale-title">{{ sale.title }}</div>
          <div class="live-sale-foot">
            <span class="live-sale-price" data-testid="live-sale-price">{{ price(sale.price_fen) }}</span>
            <span class="live-sale-left" data-testid="live-sale-left">
              {{ $t('live.left', { n: sale.remaining }) }}</span>
          </div>
          <van-button size="small" type="danger" round block :loading="pay.grabbing"
                      :disabled="sale.remaining === 0" data-testid="live-grab" @click="grab">
            {{ sale.remaining === 0 ? $t('live.sold_out') : $t('live.grab') }}</van-button>
        </div>

        <div v-for="drop in state.coupons.slice(0, 1)" :key="drop.id" class="live-coupon"
             :data-testid="'live-coupon-' + drop.id">
          <div class="live-coupon-value">{{ drop.kind === 'percent_off'
            ? $t('live.percent_off', { n: drop.percent_bps / 100 }) : price(drop.amount_fen) }}</div>
          <div class="live-coupon-terms">{{ drop.min_spend_fen
            ? $t('live.min_spend', { amount: price(drop.min_spend_fen) }) : $t('live.no_threshold') }}</div>
          <div class="live-coupon-left">{{ $t('live.coupons_left', { n: drop.left }) }}</div>
          <van-button size="mini" round type="warning" :disabled="drop.mine || drop.left === 0"
                      data-testid="live-claim" @click="claim(drop)">
            {{ drop.mine ? $t('live.claimed') : $t('live.claim') }}</van-button>
        </div>

        <div v-if="state.lottery" class="live-lottery" data-testid="live-lottery">
          <div class="live-lottery-prize">{{ $t('live.lottery', { prize: state.lottery.prize }) }}</div>
          <div class="live-lottery-how">{{ state.lottery.qualify === 'keyword'
            ? $t('live.lottery_keyword', { keyword: state.lottery.keyword }) : $t('live.lottery_like') }}</div>
          <van-button size="mini" round type="primary" :disabled="state.lottery.entered"
                      data-testid="live-lottery-enter" @click="enterLottery">
            {{ state.lottery.entered ? $t('live.entered') : $t('live.enter') }}</van-button>
        </div>
        <div v-if="state.result" class="live-lottery" data-testid="live-lottery-result">
          <div class="live-lottery-prize">{{ iWon ? $t('live.you_won', { prize: state.result.prize })
            : $t('live.winners', { prize: state.result.prize }) }}</div>
          <div class="live-lottery-how">{{ state.result.winner_names.map((w) => w.nickname).join('、') }}</div>
        </div>
        </div>

        <div class="live-bottom">
          <div ref="chatBox" class="live-chat" data-testid="live-chat">
            <div v-for="m in state.messages" :key="m.id" class="live-chat-line"
                 :class="{ 'live-chat-notice': m.kind === 'announcement' }">
              <span v-if="m.kind !== 'announcement'" class="live-chat-name">{{ m.nickname }}：</span>{{ m.text }}
            </div>
          </div>
          <div v-if="state.pinned" class="live-pinned" data-testid="live-pinned"
               @click="$router.push('/product/' + state.pinned.product_id)">
            <van-image :src="state.pinned.image_url" fit="cover" class="live-pinned-image">
              <template #error><van-icon name="photo-o" /></template>
            </van-image>
            <div class="live-pinned-body">
              <van-tag type="danger">{{ $t('live.explaining') }}</van-tag>
              <div class="live-pinned-title">{{ state.pinned.title }}</div>
              <div class="price">{{ from(state.pinned) }}</div>
            </div>
          </div>
          <div class="live-actions">
            <van-icon name="bag-o" class="live-shelf-button" data-testid="live-shelf-open"
                      :badge="state.shelf.length || ''" @click="ui.shelf = true" />
            <input v-model="ui.text" class="live-input" maxlength="200" data-testid="live-input"
                   :placeholder="$t('live.say')" @keyup.enter="sendChat" />
            <van-button size="small" round type="primary" data-testid="live-send"
                        @click="sendChat">{{ $t('live.send') }}</van-button>
            <van-icon name="like" class="live-like" data-testid="live-like" @click="like" />
          </div>
        </div>
        <div class="live-hearts">
          <van-icon v-for="h in ui.hearts" :key="h.id" name="like" class="live-heart"
                    :class="{ 'live-heart-mine': h.mine }" :style="{ right: h.left + 'px' }"
                    data-testid="live-heart" />
        </div>
      </template>

      <van-popup v-model:show="ui.shelf" position="bottom" round class="live-shelf"
                 data-testid="live-shelf">
        <div class="popup-title">{{ $t('live.shelf', { n: state.shelf.length }) }}</div>
        <van-empty v-if="!state.shelf.length" :description="$t('live.shelf_empty')" />
        <van-card v-for="(p, i) in state.shelf" :key="p.product_id" :title="p.title"
                  :thumb="p.image_url" :price="from(p).slice(1)" currency="¥"
                  :tag="state.pinned && state.pinned.product_id === p.product_id ? $t('live.explaining') : String(i + 1)"
                  :data-testid="'live-shelf-' + p.product_id">
          <template #footer>
            <van-button size="small" round type="danger"
                        @click="$router.push('/product/' + p.product_id)">{{ $t('live.buy') }}</van-button>
          </template>
        </van-card>
      </van-popup>

      <van-popup v-model:show="pay.show" position="bottom" round closeable data-testid="live-pay">
        <div class="live-pay">
          <div class="popup-title">{{ pay.paid ? $t('live.paid') : $t('live.won') }}</div>
          <div class="price pay-figure" data-testid="live-pay-amount">{{ price(pay.amount) }}</div>
          <div class="muted">{{ $t('live.order_no', { id: pay.order }) }}</div>
          <address-field v-if="pay.show && !pay.paid" ref="addressBox" v-model="pay.address"
                         class="live-pay-address" data-testid="live-pay-address" />
          <van-button v-if="!pay.paid" round block type="danger" :loading="pay.busy"
                      :loading-text="$t('pay.waiting')" data-testid="live-pay-confirm"
                      @click="confirmPay">{{ $t('live.pay_now') }}</van-button>
          <div v-else class="live-paid" data-testid="live-paid">
            <van-icon name="checked" color="#07c160" size="20" /> {{ $t('live.paid_note') }}
            <van-button size="small" round plain type="primary" :to="'/orders/' + pay.order">
              {{ $t('pay.see_order') }}</van-button>
          </div>
          <p v-if="!pay.paid" class="muted pay-note">{{ $t('pay.sandbox_note') }}</p>
        </div>
      </van-popup>
    </div>`,
};
