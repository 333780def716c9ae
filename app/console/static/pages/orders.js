// 订单列表: the merchant's orders (GET .../orders) filtered by status, China
// days, order no., buyer or recipient and delivery kind, a page at a time;
// one order's detail in a drawer (order-detail.js), batch shipping of the
// selected orders or of a sheet (order-batch-ship.js), and an export of what
// the filters match (POST .../exports, followed on the exports page).
import { askExport } from "../exporting.js";
import { showError, dateTime, yuan } from "../api.js";
import { usePaged, PER_PAGE } from "../paged.js";
import { session } from "../session.js";
import { extend } from "../i18n.js";
import orderDetail from "./order-detail.js";
import batchShip from "./order-batch-ship.js";

extend({
  "zh-CN": {
    orders: {
      days: "下单日期", from: "开始日期", to: "结束日期", order_id: "订单号",
      q: "买家/收货人", q_hint: "昵称、收货人姓名或手机号", delivery: "配送方式",
      deliveries: { express: "快递", pickup: "自提" }, search: "查询", reset: "重置",
      batch_ship: "批量发货", export: "导出订单",
      selected: "已选 {n} 个订单",
    },
  },
  en: {
    orders: {
      days: "Order date", from: "From", to: "To", order_id: "Order no.",
      q: "Buyer / recipient", q_hint: "Nickname, recipient name or phone", delivery: "Delivery",
      deliveries: { express: "Express", pickup: "Pickup" }, search: "Search", reset: "Reset",
      batch_ship: "Batch ship", export: "Export orders",
      selected: "{n} selected",
    },
  },
});

const { ref, reactive, onMounted } = Vue;
const { useRouter } = VueRouter;
const STATUSES = ["pending_payment", "paid", "grouping", "to_ship", "partially_shipped",
                  "shipped", "received", "completed", "cancelled", "refunded"];
const DELIVERIES = ["express", "pickup"];
const EMPTY = { status: "", days: null, order_id: "", q: "", delivery_kind: "" };

// the filters as the API names them (days are China days, both inclusive)
export function orderFilters(f) {
  const query = {};
  if (f.status) query.status = f.status;
  if (f.days) [query.created_from, query.created_to] = f.days;
  if (String(f.order_id).trim()) query.order_id = String(f.order_id).trim();
  if (f.q.trim()) query.q = f.q.trim();
  if (f.delivery_kind) query.delivery_kind = f.delivery_kind;
  return query;
}

export default {
  components: { orderDetail, batchShip },
  setup() {
    const router = useRouter();
    const { rows, total, page, loading, refresh, first } = usePaged(() => `${base()}/orders`, () => applied.value);
    const filters = reactive({ ...EMPTY });
    const applied = ref({});
    const selected = ref([]);
    const detail = ref(null);
    const batch = ref(null);
    const exporting = ref(false);
    const base = () => `/api/v1/merchants/${session.merchantId}`;


    function search() { applied.value = orderFilters(filters); first(); }
    function reset() { Object.assign(filters, EMPTY); search(); }
    const open = (row) => detail.value.open(row.id);
    const openBatch = () => batch.value.open(selected.value);

    async function exportOrders() {
      exporting.value = true;
      try {
        const filtersNow = orderFilters(filters);
        if (filtersNow.order_id) filtersNow.order_id = Number(filtersNow.order_id);
        await askExport(router, "orders", filtersNow);
      } catch (err) {
        showError(err);
      } finally {
        exporting.value = false;
      }
    }

    onMounted(refresh);
    return { rows, total, page, loading, filters, selected, detail, batch, exporting,
             STATUSES, DELIVERIES, PER_PAGE, refresh, search, reset, open, openBatch,
             exportOrders, dateTime, yuan };
  },
  template: `
  <el-card shadow="never">
    <el-form :inline="true" class="filters" @submit.prevent="search">
      <el-form-item :label="$t('orders.status')">
        <el-select v-model="filters.status" @change="search" clearable :placeholder="$t('common.all')"
                   class="status-select" data-testid="order-status">
          <el-option v-for="s in STATUSES" :key="s" :value="s" :label="$t('orders.statuses.' + s)" />
        </el-select>
      </el-form-item>
      <el-form-item :label="$t('orders.days')">
        <el-date-picker v-model="filters.days" type="daterange" value-format="YYYY-MM-DD"
                        :start-placeholder="$t('orders.from')" :end-placeholder="$t('orders.to')"
                        class="day-range" data-testid="order-days" />
      </el-form-item>
      <el-form-item :label="$t('orders.order_id')">
        <el-input v-model="filters.order_id" clearable data-testid="order-id" />
      </el-form-item>
      <el-form-item :label="$t('orders.q')">
        <el-input v-model="filters.q" clearable maxlength="40" :placeholder="$t('orders.q_hint')"
                  data-testid="order-q" />
      </el-form-item>
      <el-form-item :label="$t('orders.delivery')">
        <el-select v-model="filters.delivery_kind" clearable :placeholder="$t('common.all')"
                   class="status-select" data-testid="order-delivery">
          <el-option v-for="d in DELIVERIES" :key="d" :value="d" :label="$t('orders.deliveries.' + d)" />
        </el-select>
      </el-form-item>
      <el-form-item>
        <el-button type="primary" @click="search" data-testid="order-search">{{ $t('orders.search') }}</el-button>
        <el-button @click="reset">{{ $t('orders.reset') }}</el-button>
      </el-form-item>
    </el-form>
    <div class="toolbar">
      <el-button type="primary" :icon="'Van'" @click="openBatch"
                 data-testid="batch-ship-open">{{ $t('orders.batch_ship') }}</el-button>
      <el-button :icon="'Download'" :loading="exporting" @click="exportOrders"
                 data-testid="orders-export">{{ $t('orders.export') }}</el-button>
      <span v-if="selected.length" class="muted">{{ $t('orders.selected', { n: selected.length }) }}</span>
    </div>
    <el-table :data="rows" v-loading="loading" data-testid="orders-table" stripe row-key="id"
              :row-class-name="({ row }) => 'order-' + row.id"
              @selection-change="(s) => selected = s">
      <el-table-column type="selection" width="44" />
      <el-table-column prop="id" :label="$t('orders.order_no')" width="110" />
      <el-table-column :label="$t('orders.buyer')" min-width="120">
        <template #default="{ row }">{{ row.buyer ? row.buyer.nickname : row.buyer_id }}</template>
      </el-table-column>
      <el-table-column :label="$t('orders.ship_to')" min-width="160">
        <template #default="{ row }"><template v-if="row.ship_to">{{ row.ship_to.recipient }} {{ row.ship_to.phone }}</template></template>
      </el-table-column>
      <el-table-column :label="$t('orders.amount')" width="120" align="right">
        <template #default="{ row }">{{ yuan(row.total_fen) }}</template>
      </el-table-column>
      <el-table-column :label="$t('orders.delivery')" width="90">
        <template #default="{ row }">{{ $t('orders.deliveries.' + row.delivery_kind) }}</template>
      </el-table-column>
      <el-table-column :label="$t('orders.status')" width="110">
        <template #default="{ row }"><el-tag>{{ $t('orders.statuses.' + row.status) }}</el-tag></template>
      </el-table-column>
      <el-table-column :label="$t('orders.created')" width="150">
        <template #default="{ row }">{{ dateTime(row.created_at) }}</template>
      </el-table-column>
      <el-table-column :label="$t('common.actions')" width="90" align="center">
        <template #default="{ row }"><el-button link type="primary" @click="open(row)">{{ $t('orders.detail') }}</el-button></template>
      </el-table-column>
    </el-table>
    <el-pagination class="pager" background layout="total, prev, pager, next" :total="total"
                   :page-size="PER_PAGE" v-model:current-page="page" @current-change="refresh" />
    <order-detail ref="detail" @changed="refresh" />
    <batch-ship ref="batch" @changed="refresh" />
  </el-card>`,
};
