// 订单列表: the merchant's orders by status, a page at a time (GET
// .../orders), and one order's detail in a drawer: ship-to, lines, amounts,
// timeline (GET .../orders/<id>).
import { api, showError, dateTime, yuan } from "../api.js";
import { session } from "../session.js";

const { ref, computed, onMounted } = Vue;
const PER_PAGE = 20;
const STATUSES = ["pending_payment", "paid", "grouping", "to_ship", "partially_shipped",
                  "shipped", "received", "completed", "cancelled", "refunded"];
const MOMENTS = ["created_at", "paid_at", "shipped_at", "received_at", "completed_at",
                 "cancelled_at"];

export default {
  setup() {
    const rows = ref([]);
    const total = ref(0);
    const page = ref(1);
    const status = ref("");
    const loading = ref(false);
    const order = ref(null);
    const drawer = ref(false);
    const base = () => `/api/v1/merchants/${session.merchantId}/orders`;

    async function refresh() {
      loading.value = true;
      const query = { page: page.value, per_page: PER_PAGE };
      if (status.value) query.status = status.value;
      try {
        const body = await api.get(base(), query);
        rows.value = body.items;
        total.value = body.meta.total;
      } catch (err) {
        showError(err);
      } finally {
        loading.value = false;
      }
    }

    async function open(row) {
      try {
        order.value = await api.get(`${base()}/${row.id}`);
        drawer.value = true;
      } catch (err) {
        showError(err);
      }
    }

    const timeline = computed(() => (order.value
      ? MOMENTS.filter((m) => order.value[m]).map((m) => ({ key: m, at: order.value[m] }))
      : []));

    function filter() { page.value = 1; refresh(); }
    onMounted(refresh);
    return { rows, total, page, status, loading, order, drawer, timeline, STATUSES, PER_PAGE,
             refresh, filter, open, dateTime, yuan };
  },
  template: `
  <el-card shadow="never">
    <el-form :inline="true" class="filters">
      <el-form-item :label="$t('orders.status')">
        <el-select v-model="status" @change="filter" clearable :placeholder="$t('common.all')"
                   class="status-select" data-testid="order-status">
          <el-option v-for="s in STATUSES" :key="s" :value="s" :label="$t('orders.statuses.' + s)" />
        </el-select>
      </el-form-item>
    </el-form>
    <el-table :data="rows" v-loading="loading" data-testid="orders-table" stripe>
      <el-table-column prop="id" :label="$t('orders.order_no')" width="110" />
      <el-table-column :label="$t('orders.buyer')" min-width="140">
        <template #default="{ row }">{{ row.buyer ? row.buyer.nickname : row.buyer_id }}</template>
      </el-table-column>
      <el-table-column :label="$t('orders.amount')" width="140" align="right">
        <template #default="{ row }">{{ yuan(row.total_fen) }}</template>
      </el-table-column>
      <el-table-column :label="$t('orders.status')" width="130">
        <template #default="{ row }"><el-tag>{{ $t('orders.statuses.' + row.status) }}</el-tag></template>
      </el-table-column>
      <el-table-column :label="$t('orders.created')" width="170">
        <template #default="{ row }">{{ dateTime(row.created_at) }}</template>
      </el-table-column>
      <el-table-column :label="$t('common.actions')" width="100" align="center">
        <template #default="{ row }"><el-button link type="primary" @click="open(row)">{{ $t('orders.detail') }}</el-button></template>
      </el-table-column>
    </el-table>
    <el-pagination class="pager" background layout="total, prev, pager, next" :total="total"
                   :page-size="PER_PAGE" v-model:current-page="page" @current-change="refresh" />
    <el-drawer v-model="drawer" size="560px" :title="order ? $t('orders.order_no') + ' ' + order.id : ''">
      <template v-if="order">
        <el-descriptions :column="1" border>
          <el-descriptions-item :label="$t('orders.status')">{{ $t('orders.statuses.' + order.status) }}</el-descriptions-item>
          <el-descriptions-item :label="$t('orders.buyer')">{{ order.buyer ? order.buyer.nickname : '' }}</el-descriptions-item>
          <el-descriptions-item v-if="order.ship_to" :label="$t('orders.ship_to')">
            {{ order.ship_to.recipient }} {{ order.ship_to.phone }}<br>
            {{ order.ship_to.province }}{{ order.ship_to.city }}{{ order.ship_to.district }}{{ order.ship_to.detail }}
          </el-descriptions-item>
          <el-descriptions-item :label="$t('orders.amount')">{{ yuan(order.total_fen) }}</el-descriptions-item>
        </el-descriptions>
        <el-table :data="order.lines" class="detail-lines">
          <el-table-column prop="title" :label="$t('dashboard.product')" min-width="160" />
          <el-table-column prop="quantity" :label="$t('dashboard.quantity')" width="80" align="right" />
          <el-table-column :label="$t('orders.line_amount')" width="120" align="right">
            <template #default="{ row }">{{ yuan(row.amount_fen) }}</template>
          </el-table-column>
        </el-table>
        <el-timeline class="detail-timeline">
          <el-timeline-item v-for="m in timeline" :key="m.key" :timestamp="dateTime(m.at)">{{ $t('orders.moments.' + m.key) }}</el-timeline-item>
        </el-timeline>
      </template>
    </el-drawer>
  </el-card>`,
};
