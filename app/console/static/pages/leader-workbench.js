// 团长工作台: a community leader's own page. The communities I lead with my
// point and rate (GET /api/v1/leader/communities), my point's pick list of a
// China day (GET .../communities/<cid>/pick-list), and handing goods over
// against the buyer's six-digit pickup code (POST /api/v1/leader/orders/<id>/pickup).
// The server shows a leader only what they lead.
import { api, showError, dateTime } from "../api.js";
import { extend, t } from "../i18n.js";

extend({
  "zh-CN": {
    menu: { leader_workbench: "团长工作台" },
    bench: {
      none: "你还不是任何社群的团长", rate: "我的佣金比例 {n}%", point: "自提点：{name}（{address}，{hours}）",
      no_point: "尚未设置自提点，请联系商家", day: "日期", load: "查询", skus: "备货汇总",
      orders: "取货订单", order: "订单号", recipient: "取货人", phone: "电话", items: "商品",
      status: "状态", statuses: { waiting: "待取货", picked_up: "已取货" }, picked_at: "取货时间",
      hand_over: "核销", code_title: "核销订单 {id}", code_prompt: "请输入买家出示的 6 位取货码",
      code_invalid: "取货码为 6 位数字", handed: "订单 {id} 已核销，买家已取货",
      product: "商品", quantity: "数量", empty: "当天没有取货订单",
    },
    errors: { pickup_code_wrong: "取货码错误", pickup_code_locked: "错误次数过多，请稍后再试",
              pickup_not_waiting: "该订单已取货或已退款", pickup_not_found: "该订单不在你的自提点",
              pickup_point_not_found: "尚未设置自提点" },
  },
  en: {
    menu: { leader_workbench: "Leader workbench" },
    bench: {
      none: "You lead no community yet", rate: "My rate {n}%",
      point: "Pickup point: {name} ({address}, {hours})", no_point: "No pickup point yet: ask the shop",
      day: "Day", load: "Show", skus: "To prepare", orders: "Pickups", order: "Order",
      recipient: "Collected by", phone: "Phone", items: "Items", status: "Status",
      statuses: { waiting: "Waiting", picked_up: "Collected" }, picked_at: "Collected at",
      hand_over: "Hand over", code_title: "Hand over order {id}",
      code_prompt: "Enter the buyer's six-digit pickup code", code_invalid: "Six digits",
      handed: "Order {id} handed over", product: "Product", quantity: "Qty",
      empty: "No pickups that day",
    },
    errors: { pickup_code_wrong: "Wrong pickup code", pickup_code_locked: "Too many tries: wait a while",
              pickup_not_waiting: "Handed over or refunded already",
              pickup_not_found: "This order is not at your point",
              pickup_point_not_found: "No pickup point yet" },
  },
});

const { ref, computed, onMounted } = Vue;

export default {
  setup() {
    const led = ref([]);
    const chosen = ref(null);
    const day = ref(null);  // none chosen: the server's today
    const sheet = ref(null);
    const loading = ref(false);
    const current = computed(() => led.value.find((c) => c.id === chosen.value) || null);

    async function loadSheet() {
      if (!current.value || !current.value.leader.point) { sheet.value = null; return; }
      loading.value = true;
      try {
        sheet.value = await api.get(`/api/v1/leader/communities/${chosen.value}/pick-list`,
                                    day.value ? { day: day.value } : undefined);
        day.value = sheet.value.day;
      } catch (err) {
        showError(err);
      } finally {
        loading.value = false;
      }
    }

    async function handOver(order) {
      let code;
      try {
        ({ value: code } = await ElementPlus.ElMessageBox.prompt(
          t("bench.code_prompt"), t("bench.code_title", { id: order.order_id }), {
            confirmButtonText: t("bench.hand_over"), cancelButtonText: t("common.cancel"),
            inputPattern: /^[0-9]{6}$/, inputErrorMessage: t("bench.code_invalid") }));
      } catch (cancelled) {
        return;
      }
      try {
        await api.post(`/api/v1/leader/orders/${order.order_id}/pickup`, { code });
        ElementPlus.ElMessage.success(t("bench.handed", { id: order.order_id }));
      } catch (err) {
        showError(err);
      }
      loadSheet();
    }

    function choose() { day.value = null; loadSheet(); }
    const lines = (order) => order.lines.map((l) => `${l.title}${l.spec ? `（${l.spec}）` : ""} × ${l.quantity}`);
    const pct = (bps) => (bps / 100).toFixed(2);
    onMounted(async () => {
      try {
        led.value = await api.get("/api/v1/leader/communities");
      } catch (err) {
        showError(err);
      }
      if (led.value.length) { chosen.value = led.value[0].id; loadSheet(); }
    });
    return { led, chosen, day, sheet, loading, current, loadSheet, handOver, choose, lines, pct,
             dateTime };
  },
  template: `
  <el-card shadow="never" v-if="led.length === 0"><el-empty :description="$t('bench.none')" /></el-card>
  <template v-else>
    <el-card shadow="never">
      <el-tabs v-model="chosen" @tab-change="choose" data-testid="bench-communities">
        <el-tab-pane v-for="c in led" :key="c.id" :name="c.id" :label="c.name" />
      </el-tabs>
      <template v-if="current">
        <p data-testid="bench-point">
          <template v-if="current.leader.point">{{ $t('bench.point', { name: current.leader.point.name, address: current.leader.point.address, hours: current.leader.point.opening_hours }) }}</template>
          <template v-else>{{ $t('bench.no_point') }}</template>
          <span class="muted option-tag">{{ $t('bench.rate', { n: pct(current.leader.effective_bps) }) }}</span>
        </p>
        <el-form :inline="true" @submit.prevent v-if="current.leader.point">
          <el-form-item :label="$t('bench.day')">
            <el-date-picker v-model="day" type="date" value-format="YYYY-MM-DD" data-testid="bench-day" />
          </el-form-item>
          <el-form-item><el-button type="primary" @click="loadSheet">{{ $t('bench.load') }}</el-button></el-form-item>
        </el-form>
      </template>
    </el-card>
    <el-card shadow="never" v-if="sheet" v-loading="loading">
      <el-empty v-if="sheet.orders.length === 0" :description="$t('bench.empty')" />
      <template v-else>
        <h3>{{ $t('bench.skus') }}</h3>
        <el-table :data="sheet.skus" border data-testid="bench-skus">
          <el-table-column prop="title" :label="$t('bench.product')" min-width="200" />
          <el-table-column prop="quantity" :label="$t('bench.quantity')" width="100" align="right" />
        </el-table>
        <h3>{{ $t('bench.orders') }}</h3>
        <el-table :data="sheet.orders" data-testid="bench-orders">
          <el-table-column prop="order_id" :label="$t('bench.order')" width="90" />
          <el-table-column prop="recipient" :label="$t('bench.recipient')" width="120" />
          <el-table-column prop="phone" :label="$t('bench.phone')" width="130" />
          <el-table-column :label="$t('bench.items')" min-width="200">
            <template #default="{ row }"><div v-for="(text, i) in lines(row)" :key="i">{{ text }}</div></template>
          </el-table-column>
          <el-table-column :label="$t('bench.status')" width="100">
            <template #default="{ row }"><el-tag :type="row.status === 'waiting' ? 'warning' : 'success'">{{ $t('bench.statuses.' + row.status) }}</el-tag></template>
          </el-table-column>
          <el-table-column :label="$t('bench.picked_at')" width="150">
            <template #default="{ row }">{{ dateTime(row.picked_up_at) }}</template>
          </el-table-column>
          <el-table-column :label="$t('common.actions')" width="100" align="center">
            <template #default="{ row }">
              <el-button v-if="row.status === 'waiting'" link type="primary" @click="handOver(row)" data-testid="bench-hand-over">{{ $t('bench.hand_over') }}</el-button>
            </template>
          </el-table-column>
        </el-table>
      </template>
    </el-card>
  </template>`,
};
