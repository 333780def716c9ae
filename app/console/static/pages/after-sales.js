// 售后单: the merchant's after-sale requests (GET .../after-sales), newest
// first, by status, kind and order no., a page at a time; one request in a
// drawer with the moves the server opens (after-sale-detail.js).
import { dateTime, yuan } from "../api.js";
import { usePaged, PER_PAGE } from "../paged.js";
import { session } from "../session.js";
import { extend } from "../i18n.js";
import detailDrawer from "./after-sale-detail.js";

extend({
  "zh-CN": {
    aftersales: {
      no: "售后单号", order_no: "订单号", kind: "类型", amount: "退款金额 (元)", status: "状态",
      created: "申请时间", detail: "处理", search: "查询",
      kinds: { refund_only: "仅退款", return_refund: "退货退款", exchange: "换货" },
      statuses: { requested: "待审核", approved: "待买家退货", rejected: "已拒绝",
                  returning: "买家已退货", returned: "已收到退货", refunding: "退款中",
                  refunded: "已退款", exchanged: "已换货", closed: "已关闭", cancelled: "已撤销" },
    },
  },
  en: {
    aftersales: {
      no: "Request no.", order_no: "Order no.", kind: "Kind", amount: "Refund (yuan)",
      status: "Status", created: "Asked", detail: "Handle", search: "Search",
      kinds: { refund_only: "Refund only", return_refund: "Return & refund", exchange: "Exchange" },
      statuses: { requested: "To review", approved: "Awaiting return", rejected: "Rejected",
                  returning: "Return on its way", returned: "Return received",
                  refunding: "Refunding", refunded: "Refunded", exchanged: "Exchanged",
                  closed: "Closed", cancelled: "Cancelled" },
    },
  },
});

const { ref, reactive, onMounted } = Vue;
const STATUSES = ["requested", "approved", "returning", "returned", "refunding", "refunded",
                  "exchanged", "rejected", "closed", "cancelled"];
const KINDS = ["refund_only", "return_refund", "exchange"];
const TAG = { requested: "warning", returning: "warning", returned: "warning",
              refunded: "success", exchanged: "success", rejected: "info", closed: "info",
              cancelled: "info" };

export default {
  components: { detailDrawer },
  setup() {
    const { rows, total, page, loading, refresh, first } = usePaged(() => `/api/v1/merchants/${session.merchantId}/after-sales`, listQuery);
    const filters = reactive({ status: "", kind: "", order_id: "" });
    const drawer = ref(null);

    function listQuery() {  // the page's filters, as the API takes them
      const query = {};
      for (const [key, value] of Object.entries(filters)) {
        if (String(value).trim()) query[key] = String(value).trim();
      }
      return query;
    }

    function search() { first(); }
    const open = (row) => drawer.value.open(row.id);
    onMounted(refresh);
    return { rows, total, page, loading, filters, drawer, STATUSES, KINDS, TAG, PER_PAGE,
             refresh, search, open, dateTime, yuan };
  },
  template: `
  <el-card shadow="never">
    <el-form :inline="true" class="filters" @submit.prevent="search">
      <el-form-item :label="$t('aftersales.status')">
        <el-select v-model="filters.status" @change="search" clearable :placeholder="$t('common.all')"
                   class="status-select" data-testid="after-sale-status">
          <el-option v-for="s in STATUSES" :key="s" :value="s" :label="$t('aftersales.statuses.' + s)" />
        </el-select>
      </el-form-item>
      <el-form-item :label="$t('aftersales.kind')">
        <el-select v-model="filters.kind" @change="search" clearable :placeholder="$t('common.all')"
                   class="status-select">
          <el-option v-for="k in KINDS" :key="k" :value="k" :label="$t('aftersales.kinds.' + k)" />
        </el-select>
      </el-form-item>
      <el-form-item :label="$t('aftersales.order_no')">
        <el-input v-model="filters.order_id" clearable />
      </el-form-item>
      <el-form-item>
        <el-button type="primary" @click="search">{{ $t('aftersales.search') }}</el-button>
      </el-form-item>
    </el-form>
    <el-table :data="rows" v-loading="loading" data-testid="after-sales-table" stripe
              :row-class-name="({ row }) => 'after-sale-' + row.id">
      <el-table-column prop="id" :label="$t('aftersales.no')" width="100" />
      <el-table-column prop="order_id" :label="$t('aftersales.order_no')" width="100" />
      <el-table-column :label="$t('aftersales.kind')" width="110">
        <template #default="{ row }">{{ $t('aftersales.kinds.' + row.kind) }}</template>
      </el-table-column>
      <el-table-column :label="$t('aftersales.amount')" width="130" align="right">
        <template #default="{ row }">{{ yuan(row.amount_fen) }}</template>
      </el-table-column>
      <el-table-column :label="$t('aftersales.status')" width="120">
        <template #default="{ row }"><el-tag :type="TAG[row.status] || 'primary'">{{ $t('aftersales.statuses.' + row.status) }}</el-tag></template>
      </el-table-column>
      <el-table-column prop="description" :label="$t('aftersales.description')" min-width="160"
                       show-overflow-tooltip />
      <el-table-column :label="$t('aftersales.created')" width="150">
        <template #default="{ row }">{{ dateTime(row.created_at) }}</template>
      </el-table-column>
      <el-table-column :label="$t('common.actions')" width="90" align="center">
        <template #default="{ row }"><el-button link type="primary" @click="open(row)">{{ $t('aftersales.detail') }}</el-button></template>
      </el-table-column>
    </el-table>
    <el-pagination class="pager" background layout="total, prev, pager, next" :total="total"
                   :page-size="PER_PAGE" v-model:current-page="page" @current-change="refresh" />
    <detail-drawer ref="drawer" @changed="refresh" />
  </el-card>`,
};
