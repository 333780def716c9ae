// 直播中控台 (#/live-rooms?room=<id>): the room (GET .../live/rooms/<id>)
// with its push URL to copy, going live and ending (POST .../state), and,
// over the room's socket (/live): live figures and their chart, the shelf
// with "讲解中" (pin), in-room flash sales, and the interaction panel
// (pages/live-interact.js), the sale dialog (pages/live-sale.js). The server
// decides; the page shows and sends.
import "./live-words.js";
import { api, showError, errorText, copyText, absolute, yuan } from "../api.js";
import { session } from "../session.js";
import { t, locale } from "../i18n.js";
import { connect } from "./live-socket.js";
import { liveOption, MAX_POINTS } from "./live-chart.js";
import interact from "./live-interact.js";
import productPicker from "./live-products.js";
import saleDialog from "./live-sale.js";

const { ref, reactive, computed, watch, onMounted, onBeforeUnmount } = Vue;
const SHELF_EDITORS = ["merchant_owner", "merchant_operator"];
const STATE_TAGS = { scheduled: "primary", live: "danger", paused: "warning", ended: "info" };
const STAT_LABELS = { online: "live.online", peak: "live.peak",
                      unique_viewers: "live.unique_viewers", likes: "live.likes",
                      messages: "live.messages", orders: "live.orders", gmv: "live.gmv",
                      conversion: "live.conversion" };

function percent(bps) {
  return `${Math.floor(bps / 100)}.${String(bps % 100).padStart(2, "0")}%`;
}

export default {
  props: { roomId: { type: Number, required: true } },
  components: { interact, productPicker, saleDialog },
  setup(props) {
    const room = ref(null);
    const chartEl = ref(null);
    let chart = null;
    let socket = null;
    const live = reactive({ state: "", shelf: [], pinnedId: null, messages: [], stats: null,
                            points: [], sales: [], drops: [], lottery: null, me: null, marks: {},
                            status: "connecting" });
    const saleRef = ref(null);
    const shelfDialog = ref(false);
    const shelfIds = ref([]);
    const base = () => `/api/v1/merchants/${session.merchantId}/live/rooms/${props.roomId}`;
    // the shelf is the shop's staff's to change (hosts explain and sell what is on it)
    const canEditShelf = computed(() => session.roles.some((r) => r.role === "platform_admin"
      || (SHELF_EDITORS.includes(r.role) && r.scope_id === session.merchantId)));

    const cards = computed(() => {
      const s = live.stats;
      if (!s) return [];
      const shown = { online: s.online, peak: s.peak_online, unique_viewers: s.unique_viewers,
                      likes: s.likes, messages: s.messages, orders: s.orders,
                      gmv: yuan(s.gmv_fen), conversion: percent(s.conversion_bps) };
      return Object.entries(STAT_LABELS).map(([key, label]) => ({ key, label,
                                                                    value: shown[key] }));
    });

    function draw() {
      if (!chartEl.value) return;
      if (!chart) chart = echarts.init(chartEl.value);
      chart.setOption(liveOption(live.points), true);
    }

    function point(online, likes) {
      live.points.push({ at: Date.now(), online, likes });
      if (live.points.length > MAX_POINTS) live.points.shift();
      draw();
    }

    function onSnapshot(snap) {
      live.state = snap.room.state;
      live.shelf = snap.shelf;
      live.pinnedId = snap.room.pinned_product_id;
      live.messages = snap.messages;
      live.sales = snap.sales;
      live.drops = snap.coupons;
      live.me = snap.me;
      if (snap.stats) live.stats = snap.stats;
      live.points = (snap.samples || []).map(([at, online]) => ({ at, online, likes: null }));
      draw();
    }

    const events = {
      chat: (m) => live.messages.push(m),
      announcement: (e) => live.messages.push(e.message),
      counters: (c) => { if (live.stats) Object.assign(live.stats, { online: c.online, likes: c.likes }); },
      stats: (s) => { live.stats = s; point(s.online, s.likes); },
      state: (e) => { live.state = e.state; if (room.value) room.value.state = e.state; },
      pinned: (e) => { live.pinnedId = e.product ? e.product.product_id : null; },
      shelf: (e) => { live.shelf = e.shelf; },
      sale: (e) => live.sales.push(e.sale),
      sale_ended: (e) => { live.sales = live.sales.filter((s) => s.activity_id !== e.activity_id); },
      coupon: (e) => live.drops.unshift(e.drop),
      coupon_left: (e) => {
        const drop = live.drops.find((d) => d.id === e.drop_id);
        if (drop) drop.left = e.left;
      },
      lottery_open: (e) => { live.lottery = e.lottery; },
      lottery: (e) => { live.lottery = e.lottery; },
    };

    async function load() {
      try {
        room.value = await api.get(base());
        live.state = room.value.state;
        live.stats = room.value.stats;
      } catch (err) {
        showError(err);
        return;
      }
      socket = await connect(props.roomId, {
        onSnapshot, on: events,
        onStatus: (status, error) => {
          live.status = status;
          if (error) showError({ code: error.code, message: error.message });
        } });
    }

    async function send(event, data) {
      const answer = socket ? await socket.send(event, data) : null;
      if (!answer || answer.error) {
        ElementPlus.ElMessage.error({ message: errorText(answer ? answer.error : null),
                                      grouping: true });
        return null;
      }
      return answer;
    }

    async function move(target) {
      if (target === "ended") {
        try {
          await ElementPlus.ElMessageBox.confirm(t("live.end_confirm", { title: room.value.title }),
            t("live.end"), { type: "warning", confirmButtonText: t("common.confirm"),
                             cancelButtonText: t("common.cancel") });
        } catch (cancelled) {
          return;
        }
      }
      try {
        room.value = await api.post(`${base()}/state`, { state: target });
        live.state = room.value.state;
      } catch (err) {
        showError(err);
      }
    }

    async function pin(product) {
      const explaining = live.pinnedId === product.product_id;
      const answer = await send("pin", { product_id: explaining ? null : product.product_id });
      if (answer && !explaining) {
        ElementPlus.ElMessage.success(t("live.pinned_ok", { title: product.title }));
      }
    }

    const openSale = (product) => saleRef.value.open(product);
    async function stopSale(s) {
      if (await send("sale_stop", { activity_id: s.activity_id })) {
        ElementPlus.ElMessage.success(t("live.sale_stopped"));
      }
    }

    function editShelf() {
      shelfIds.value = live.shelf.map((p) => p.product_id);
      shelfDialog.value = true;
    }

    async function saveShelf() {
      try {
        const shown = await api.put(`${base()}/shelf`, { product_ids: shelfIds.value });
        live.shelf = shown.shelf;
        live.pinnedId = shown.pinned_product_id;
        shelfDialog.value = false;
        ElementPlus.ElMessage.success(t("live.shelf_saved"));
      } catch (err) {
        showError(err);
      }
    }

    const price = (p) => yuan(Math.min(...p.skus.map((s) => s.price_fen)));
    const stock = (p) => p.skus.reduce((n, s) => n + s.stock, 0);
    const copyPush = () => copyText(absolute(room.value.push_url));
    const resize = () => chart && chart.resize();
    onMounted(() => { load(); window.addEventListener("resize", resize); });
    onBeforeUnmount(() => {
      window.removeEventListener("resize", resize);
      if (socket) socket.close();
      if (chart) chart.dispose();
    });
    watch(locale, draw);

    return { room, live, cards, chartEl, saleRef, shelfDialog, shelfIds, canEditShelf,
             editShelf, saveShelf, STATE_TAGS, move, pin, send,
             openSale, stopSale, price, stock, copyPush, yuan };
  },
  template: `
  <div class="live-console" v-if="room">
    <el-card shadow="never">
      <div class="room-head">
        <div>
          <router-link to="/live-rooms" class="back-link">‹ {{ $t('live.back') }}</router-link>
          <h2 class="room-name" data-testid="room-name">{{ room.title }}</h2>
          <div class="muted">ID {{ room.id }} · {{ $t('live.host') }} {{ room.host_nickname }}</div>
        </div>
        <div class="room-actions">
          <el-tag :type="STATE_TAGS[live.state]" size="large" data-testid="room-state-tag">{{ $t('live.states.' + live.state) }}</el-tag>
          <el-tag :type="live.status === 'connected' ? 'success' : 'info'" effect="plain"
                  data-testid="socket-status">{{ $t('live.connection.' + (live.status === 'connected' ? 'connected' : live.status === 'disconnected' ? 'disconnected' : 'connecting')) }}</el-tag>
          <el-button v-if="live.state === 'scheduled' || live.state === 'paused'" type="danger"
                     @click="move('live')" data-testid="go-live">{{ live.state === 'paused' ? $t('live.resume') : $t('live.start') }}</el-button>
          <el-button v-if="live.state === 'live'" @click="move('paused')" data-testid="pause">{{ $t('live.pause') }}</el-button>
          <el-button v-if="live.state !== 'ended'" type="danger" plain @click="move('ended')"
                     data-testid="end">{{ $t('live.end') }}</el-button>
        </div>
      </div>
      <el-alert v-if="live.me && !live.me.staff" type="warning" :closable="false" show-icon
                :title="$t('live.not_staff')" class="not-staff" />
      <el-form label-width="auto" class="stream-urls">
        <el-form-item :label="$t('live.push_url')">
          <el-input :model-value="room.push_url" readonly data-testid="push-url">
            <template #append><el-button :icon="'CopyDocument'" @click="copyPush">{{ $t('common.copy') }}</el-button></template>
          </el-input>
          <div class="muted">{{ $t('live.push_hint') }}</div>
        </el-form-item>
      </el-form>
    </el-card>
    <el-card shadow="never" class="stat-group">
      <el-row :gutter="16">
        <el-col v-for="c in cards" :key="c.key" :xs="12" :sm="6" :md="3">
          <div class="stat" :data-stat="c.key">
            <div class="stat-label">{{ $t(c.label) }}</div>
            <div class="stat-value">{{ c.value }}</div>
          </div>
        </el-col>
      </el-row>
    </el-card>
    <el-row :gutter="16">
      <el-col :md="14" :sm="24">
        <el-card shadow="never" class="chart-card">
          <template #header>{{ $t('live.trend') }}</template>
          <div ref="chartEl" class="chart live-chart" data-testid="live-chart"></div>
        </el-card>
        <el-card shadow="never" class="shelf-card">
          <template #header>
            <div class="card-head">{{ $t('live.shelf_title') }}
              <el-button v-if="canEditShelf && live.state !== 'ended'" link type="primary" :icon="'Edit'"
                         @click="editShelf" data-testid="shelf-edit">{{ $t('live.shelf_edit') }}</el-button>
            </div>
          </template>
          <el-table :data="live.shelf" data-testid="shelf-table" row-key="product_id">
            <el-table-column type="index" width="48" />
            <el-table-column :label="$t('dashboard.product')" min-width="160">
              <template #default="{ row }">
                <span>{{ row.title }}</span>
                <el-tag v-if="row.product_id === live.pinnedId" type="danger" effect="dark" size="small"
                        class="explaining" data-testid="explaining">{{ $t('live.explaining') }}</el-tag>
              </template>
            </el-table-column>
            <el-table-column :label="$t('live.price')" width="110" align="right">
              <template #default="{ row }">{{ price(row) }}</template>
            </el-table-column>
            <el-table-column :label="$t('live.stock')" width="80" align="right">
              <template #default="{ row }">{{ stock(row) }}</template>
            </el-table-column>
            <el-table-column :label="$t('common.actions')" width="160" align="center">
              <template #default="{ row }">
                <el-button link type="primary" @click="pin(row)" data-action="pin">{{ row.product_id === live.pinnedId ? $t('live.stop_explaining') : $t('live.explain') }}</el-button>
                <el-button link type="warning" @click="openSale(row)" data-action="sale">{{ $t('live.sale') }}</el-button>
              </template>
            </el-table-column>
          </el-table>
          <div v-if="live.sales.length" class="sales" data-testid="sales">
            <div class="muted">{{ $t('live.sales') }}</div>
            <div v-for="s in live.sales" :key="s.activity_id" class="sale-row">
              <span>{{ s.title }} · ¥{{ yuan(s.price_fen) }}</span>
              <el-button link type="danger" @click="stopSale(s)">{{ $t('live.sale_stop') }}</el-button>
            </div>
          </div>
        </el-card>
      </el-col>
      <el-col :md="10" :sm="24">
        <interact :live="live" :send="send" :room-base="'/api/v1/merchants/' + room.merchant_id + '/live/rooms/' + room.id" />
      </el-col>
    </el-row>
    <el-dialog v-model="shelfDialog" :title="$t('live.shelf_edit')" width="560px">
      <product-picker v-if="shelfDialog" v-model="shelfIds" />
      <div class="muted">{{ $t('live.shelf_hint') }}</div>
      <template #footer>
        <el-button @click="shelfDialog = false">{{ $t('common.cancel') }}</el-button>
        <el-button type="primary" @click="saveShelf" data-testid="shelf-save">{{ $t('common.confirm') }}</el-button>
      </template>
    </el-dialog>
    <sale-dialog ref="saleRef" :send="send" />
  </div>`,
};
