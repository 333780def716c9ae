// 直播间: the merchant's rooms by state (GET .../live/rooms; a host or
// assistant sees only their own), scheduling one with a title, a start time
// in China time and a shelf picked by product name (POST .../live/rooms),
// going live and ending (POST .../live/rooms/<id>/state), and the room's
// console (#/live-rooms?room=<id>[&merchant=<id>], pages/live-room.js).
import "./live-words.js";
import { api, showError, dateTime, yuan } from "../api.js";
import { usePaged, PER_PAGE } from "../paged.js";
import { session, chooseMerchant } from "../session.js";
import { t } from "../i18n.js";
import { useStyles } from "./live-socket.js";
import roomConsole from "./live-room.js";
import productPicker from "./live-products.js";

const { ref, reactive, computed, onMounted } = Vue;
const { useRoute, useRouter } = VueRouter;
const STATES = ["scheduled", "live", "paused", "ended"];
const STATE_TAGS = { scheduled: "primary", live: "danger", paused: "warning", ended: "info" };
const SCHEDULERS = ["merchant_owner", "merchant_operator"];

// a wall time picked as China time ("2026-12-05 20:00") as an ISO moment
function chinaMoment(wall) {
  return `${wall.replace(" ", "T")}:00+08:00`;
}

const list = {
  components: { productPicker },
  setup() {
    const router = useRouter();
    const { rows, total, page, loading, refresh, first } = usePaged(() => `${base()}/live/rooms`, listQuery);
    const state = ref("");
    const dialog = ref(false);
    const busy = ref(false);
    const formRef = ref(null);
    const hosts = ref([]);
    const form = reactive({ title: "", scheduled_at: "", host_id: null, shelf: [] });
    const rules = computed(() => ({
      title: [{ required: true, whitespace: true, message: t("live.title_required"),
                trigger: "blur" }],
      scheduled_at: [{ required: true, message: t("live.scheduled_at_required"),
                       trigger: "change" }] }));
    const base = () => `/api/v1/merchants/${session.merchantId}`;
    // scheduling needs the shop's staff (hosts run the rooms they are given)
    const canSchedule = computed(() => session.roles.some((r) => r.role === "platform_admin"
      || (SCHEDULERS.includes(r.role) && r.scope_id === session.merchantId)));

    function listQuery() {  // the page's filters, as the API takes them
      const query = {};
      if (state.value) query.state = state.value;
      return query;
    }

    async function openSchedule() {
      Object.assign(form, { title: "", scheduled_at: "", host_id: session.user.id, shelf: [] });
      dialog.value = true;
      try {
        const people = await api.get(`${base()}/staff`);
        // a room's host is one of the shop's staff (the server checks it too)
        hosts.value = (Array.isArray(people) ? people : people.items).filter((p) =>
          p.roles.some((r) => SCHEDULERS.includes(r.role) && r.scope_id === session.merchantId));
        if (!hosts.value.some((p) => p.user_id === form.host_id)) form.host_id = null;
      } catch (err) {
        showError(err);
      }
    }

    async function schedule() {
      if (!(await formRef.value.validate().catch(() => false))) return;
      busy.value = true;
      try {
        await api.post(`${base()}/live/rooms`, {
          title: form.title.trim(), scheduled_at: chinaMoment(form.scheduled_at),
          shelf: form.shelf, ...(form.host_id ? { host_id: form.host_id } : {}) });
        dialog.value = false;
        ElementPlus.ElMessage.success(t("live.scheduled_ok"));
        first();
      } catch (err) {
        showError(err);
      } finally {
        busy.value = false;
      }
    }

    async function move(row, target) {
      if (target === "ended") {
        try {
          await ElementPlus.ElMessageBox.confirm(t("live.end_confirm", { title: row.title }),
            t("live.end"), { type: "warning", confirmButtonText: t("common.confirm"),
                             cancelButtonText: t("common.cancel") });
        } catch (cancelled) {
          return;
        }
      }
      try {
        await api.post(`${base()}/live/rooms/${row.id}/state`, { state: target });
        ElementPlus.ElMessage.success(t(target === "ended" ? "live.ended" : "live.started"));
        refresh();
      } catch (err) {
        showError(err);
      }
    }

    const open = (row) => router.push({ path: "/live-rooms", query: { room: row.id } });
    function filter() { first(); }
    onMounted(refresh);
    return { rows, total, page, state, loading, dialog, busy, form, formRef, rules, hosts,
             canSchedule, STATES, STATE_TAGS, PER_PAGE, refresh, filter, openSchedule, schedule,
             move, open, dateTime, yuan };
  },
  template: `
  <el-card shadow="never" class="live-rooms">
    <div class="toolbar">
      <el-select v-model="state" @change="filter" clearable :placeholder="$t('live.all_states')"
                 class="status-select" data-testid="room-state">
        <el-option v-for="s in STATES" :key="s" :value="s" :label="$t('live.states.' + s)" />
      </el-select>
      <div class="grow"></div>
      <el-button v-if="canSchedule" type="primary" :icon="'Plus'" @click="openSchedule"
                 data-testid="schedule-open">{{ $t('live.schedule') }}</el-button>
    </div>
    <el-table :data="rows" v-loading="loading" data-testid="rooms-table" stripe>
      <el-table-column :label="$t('live.room')" min-width="172">
        <template #default="{ row }">
          <el-link type="primary" @click="open(row)" class="room-title">{{ row.title }}</el-link>
          <div class="muted">ID {{ row.id }}</div>
        </template>
      </el-table-column>
      <el-table-column prop="host_nickname" :label="$t('live.host')" min-width="100" />
      <el-table-column :label="$t('orders.status')" width="90">
        <template #default="{ row }"><el-tag :type="STATE_TAGS[row.state]" effect="light">{{ $t('live.states.' + row.state) }}</el-tag></template>
      </el-table-column>
      <el-table-column :label="$t('live.scheduled_at')" width="150">
        <template #default="{ row }">{{ dateTime(row.scheduled_at) }}</template>
      </el-table-column>
      <el-table-column prop="shelf_count" :label="$t('live.products')" width="72" align="right" />
      <el-table-column prop="peak_online" :label="$t('live.peak')" width="84" align="right" />
      <el-table-column prop="likes" :label="$t('live.likes')" width="72" align="right" />
      <el-table-column prop="orders" :label="$t('live.orders')" width="72" align="right" />
      <el-table-column :label="$t('live.gmv')" width="110" align="right">
        <template #default="{ row }">{{ yuan(row.gmv_fen) }}</template>
      </el-table-column>
      <el-table-column :label="$t('common.actions')" width="230" align="center" fixed="right">
        <template #default="{ row }">
          <el-button link type="primary" @click="open(row)" data-action="console">{{ $t('live.console') }}</el-button>
          <el-button v-if="row.state === 'scheduled' || row.state === 'paused'" link type="success"
                     @click="move(row, 'live')" data-action="start">{{ row.state === 'paused' ? $t('live.resume') : $t('live.start') }}</el-button>
          <el-button v-if="row.state !== 'ended'" link type="danger" @click="move(row, 'ended')"
                     data-action="end">{{ $t('live.end') }}</el-button>
        </template>
      </el-table-column>
    </el-table>
    <el-pagination class="pager" background layout="total, prev, pager, next" :total="total"
                   :page-size="PER_PAGE" v-model:current-page="page" @current-change="refresh" />
    <el-dialog v-model="dialog" :title="$t('live.schedule_title')" width="600px">
      <el-form ref="formRef" :model="form" :rules="rules" label-width="auto">
        <el-form-item :label="$t('live.title')" prop="title">
          <el-input v-model="form.title" maxlength="80" show-word-limit data-testid="room-title" />
        </el-form-item>
        <el-form-item :label="$t('live.scheduled_at')" prop="scheduled_at">
          <el-date-picker v-model="form.scheduled_at" type="datetime" format="YYYY-MM-DD HH:mm"
                          value-format="YYYY-MM-DD HH:mm" data-testid="room-start" />
          <span class="muted form-note">{{ $t('live.china_time') }}</span>
        </el-form-item>
        <el-form-item :label="$t('live.host')" prop="host_id">
          <el-select v-model="form.host_id" filterable data-testid="room-host">
            <el-option v-for="p in hosts" :key="p.user_id" :value="p.user_id" :label="p.nickname">
              <span>{{ p.nickname }}</span><span class="option-price">{{ p.login }}</span>
            </el-option>
          </el-select>
        </el-form-item>
        <el-form-item :label="$t('live.shelf')" prop="shelf">
          <product-picker v-if="dialog" v-model="form.shelf" />
          <div class="muted">{{ $t('live.shelf_hint') }}</div>
        </el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="dialog = false">{{ $t('common.cancel') }}</el-button>
        <el-button type="primary" :loading="busy" @click="schedule" data-testid="schedule-submit">{{ $t('common.confirm') }}</el-button>
      </template>
    </el-dialog>
  </el-card>`,
};

// #/live-rooms lists the rooms; #/live-rooms?room=<id> is that room's console
export default {
  components: { list, roomConsole },
  setup() {
    useStyles();
    const route = useRoute();
    const roomId = computed(() => Number(route.query.room) || null);
    // a link to a room names its merchant (the old /live/<id>/console leads here)
    const wanted = Number(route.query.merchant);
    if (wanted && wanted !== session.merchantId && session.merchants.some((m) => m.id === wanted)) {
      chooseMerchant(wanted);
    }
    return { roomId };
  },
  template: `<room-console v-if="roomId" :room-id="roomId" :key="roomId" /><list v-else />`,
};
