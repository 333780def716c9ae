// 团长拣货单: what a leader's pickup point hands over for the orders paid on
// one China day (GET .../communities/<cid>/leaders/<uid>/pick-list?day=):
// each SKU's total, then every order with who collects it. Printable: the
// print button prints the sheet alone (console.css hides the shell).
import { api, showError, dateTime } from "../api.js";
import { session } from "../session.js";
import { askExport } from "../exporting.js";
import { extend } from "../i18n.js";

extend({
  "zh-CN": { picks: {
    community: "社群", leader: "团长", day: "日期", load: "查询", print: "打印",
    choose: "请选择社群和团长", title: "{point} 拣货单", sheet_day: "日期：{day}",
    address: "地址：{address}", skus: "商品汇总", product: "商品", spec: "规格", quantity: "数量",
    orders: "订单明细", order: "订单号", recipient: "取货人", phone: "电话", items: "商品",
    status: "状态", paid: "支付时间", statuses: { waiting: "待取货", picked_up: "已取货" },
    empty: "当天没有需要拣货的订单", total_units: "共 {n} 件", sign: "取货签字",
  } },
  en: { picks: {
    community: "Community", leader: "Leader", day: "Day", load: "Show", print: "Print",
    choose: "Choose a community and a leader", title: "{point} pick list",
    sheet_day: "Day: {day}", address: "Address: {address}", skus: "By product",
    product: "Product", spec: "Spec", quantity: "Qty", orders: "Orders", order: "Order",
    recipient: "Collected by", phone: "Phone", items: "Items", status: "Status", paid: "Paid",
    statuses: { waiting: "Waiting", picked_up: "Collected" },
    empty: "No orders to pick that day", total_units: "{n} units", sign: "Signature",
  } },
});

const { ref, computed, onMounted } = Vue;
const { useRoute } = VueRouter;

export default {
  setup() {
    const route = useRoute();
    const communities = ref([]);
    const leaders = ref([]);
    const community = ref(Number(route.query.community) || null);
    const leader = ref(Number(route.query.leader) || null);
    // no day chosen: the server's today (China day on the app's clock)
    const day = ref(route.query.day || null);
    const sheet = ref(null);
    const loading = ref(false);
    const base = () => `/api/v1/merchants/${session.merchantId}/communities`;
    const units = computed(() => (sheet.value
      ? sheet.value.skus.reduce((sum, s) => sum + s.quantity, 0) : 0));

    async function loadCommunities() {
      try {
        communities.value = (await api.get(base(), { per_page: 100 })).items;
      } catch (err) {
        showError(err);
      }
    }

    async function loadLeaders() {
      leaders.value = [];
      if (!community.value) return;
      try {
        leaders.value = (await api.get(`${base()}/${community.value}/leaders`))
          .filter((l) => l.point);
      } catch (err) {
        showError(err);
      }
    }

    async function load() {
      if (!community.value || !leader.value) return;
      loading.value = true;
      try {
        sheet.value = await api.get(`${base()}/${community.value}/leaders/${leader.value}/pick-list`,
                                    day.value ? { day: day.value } : undefined);
        day.value = sheet.value.day;
      } catch (err) {
        showError(err);
      } finally {
        loading.value = false;
      }
    }

    function changeCommunity() { leader.value = null; sheet.value = null; loadLeaders(); }
    const print = () => window.print();
    const router = VueRouter.useRouter();
    async function exportSheet() {
      try {
        await askExport(router, "pick_list", { community_id: community.value,
                                              leader_id: leader.value, day: sheet.value.day });
      } catch (err) {
        showError(err);
      }
    }
    const lines = (order) => order.lines.map((l) => `${l.title}${l.spec ? `（${l.spec}）` : ""} × ${l.quantity}`);
    onMounted(async () => {
      await loadCommunities();
      await loadLeaders();
      load();
    });
    return { communities, leaders, community, leader, day, sheet, loading, units, load,
             changeCommunity, print, lines, dateTime, exportSheet };
  },
  template: `
  <el-card shadow="never" class="no-print">
    <el-form :inline="true" @submit.prevent>
      <el-form-item :label="$t('picks.community')">
        <el-select v-model="community" @change="changeCommunity" class="status-select" data-testid="pick-community">
          <el-option v-for="c in communities" :key="c.id" :value="c.id" :label="c.name" />
        </el-select>
      </el-form-item>
      <el-form-item :label="$t('picks.leader')">
        <el-select v-model="leader" class="status-select" data-testid="pick-leader">
          <el-option v-for="l in leaders" :key="l.user_id" :value="l.user_id"
                     :label="(l.nickname || '#' + l.user_id) + ' · ' + l.point.name" />
        </el-select>
      </el-form-item>
      <el-form-item :label="$t('picks.day')">
        <el-date-picker v-model="day" type="date" value-format="YYYY-MM-DD" data-testid="pick-day" />
      </el-form-item>
      <el-form-item>
        <el-button type="primary" :disabled="!community || !leader" @click="load" data-testid="pick-load">{{ $t('picks.load') }}</el-button>
        <el-button :icon="'Printer'" :disabled="!sheet" @click="print" data-testid="pick-print">{{ $t('picks.print') }}</el-button>
        <el-button :icon="'Download'" :disabled="!sheet" @click="exportSheet" data-testid="pick-export">{{ $t('exporting.xlsx') }}</el-button>
      </el-form-item>
    </el-form>
  </el-card>
  <el-card shadow="never" v-loading="loading" class="print-sheet" data-testid="pick-sheet">
    <el-empty v-if="!sheet" :description="$t('picks.choose')" />
    <template v-else>
      <h2 class="sheet-title">{{ $t('picks.title', { point: sheet.point.name }) }}</h2>
      <p class="muted">{{ $t('picks.sheet_day', { day: sheet.day }) }} · {{ $t('picks.address', { address: sheet.point.address }) }} · {{ sheet.point.opening_hours }}</p>
      <el-empty v-if="sheet.orders.length === 0" :description="$t('picks.empty')" />
      <template v-else>
        <h3>{{ $t('picks.skus') }} <span class="muted">{{ $t('picks.total_units', { n: units }) }}</span></h3>
        <el-table :data="sheet.skus" border data-testid="pick-skus">
          <el-table-column prop="title" :label="$t('picks.product')" min-width="200" />
          <el-table-column prop="spec" :label="$t('picks.spec')" width="160" />
          <el-table-column prop="quantity" :label="$t('picks.quantity')" width="100" align="right" />
        </el-table>
        <h3>{{ $t('picks.orders') }}</h3>
        <el-table :data="sheet.orders" border data-testid="pick-orders">
          <el-table-column prop="order_id" :label="$t('picks.order')" width="90" />
          <el-table-column prop="recipient" :label="$t('picks.recipient')" width="120" />
          <el-table-column prop="phone" :label="$t('picks.phone')" width="130" />
          <el-table-column :label="$t('picks.items')" min-width="220">
            <template #default="{ row }"><div v-for="(text, i) in lines(row)" :key="i">{{ text }}</div></template>
          </el-table-column>
          <el-table-column :label="$t('picks.status')" width="90">
            <template #default="{ row }">{{ $t('picks.statuses.' + row.status) }}</template>
          </el-table-column>
          <el-table-column :label="$t('picks.sign')" width="120" />
        </el-table>
      </template>
    </template>
  </el-card>`,
};
