// 导出记录: the exports this staff member asked for at this merchant (GET
// .../exports), newest first, with kind, format, filters and a progress bar
// that moves while a job runs (polled every second), then the file's link.
// 新建导出 asks for orders or after-sale requests of some China days, as
// XLSX or CSV (pick lists and ledgers are asked from their own pages).
import { api, showError, dateTime } from "../api.js";
import { session } from "../session.js";
import { extend, t } from "../i18n.js";

extend({
  "zh-CN": {
    menu: { exports: "导出记录" },
    exports: {
      id: "编号", kind: "类型", format: "格式", filters: "筛选条件", progress: "进度",
      rows: "{done} / {total} 行", status: "状态", created: "创建时间", download: "下载",
      no_filters: "全部",
      kinds: { orders: "订单", after_sales: "售后单", pick_list: "备货单", ledger: "分销流水" },
      create: "新建导出", days: "日期", start: "开始日期", end: "结束日期",
      lang: "表头语言", submit: "开始导出", asked: "已开始导出，完成后可下载",
      statuses: { queued: "排队中", running: "导出中", done: "已完成", failed: "失败",
                  expired: "已过期" },
      filter_names: { status: "状态", created_from: "开始日期", created_to: "结束日期",
                      order_id: "订单号", q: "买家/收货人", delivery_kind: "配送方式",
                      day: "日期", community_id: "社群", leader_id: "团长", user_id: "分销员" },
    },
    errors: {
      export_not_found: "导出记录不存在", export_not_ready: "文件尚未生成",
      exports_busy: "进行中的导出太多，请稍后再试", export_filter_invalid: "筛选条件有误",
    },
  },
  en: {
    menu: { exports: "Exports" },
    exports: {
      id: "No.", kind: "Kind", format: "Format", filters: "Filters", progress: "Progress",
      rows: "{done} / {total} rows", status: "Status", created: "Created", download: "Download",
      no_filters: "All",
      kinds: { orders: "Orders", after_sales: "After-sales", pick_list: "Pick list",
               ledger: "Ledger" },
      create: "New export", days: "Days asked", start: "From", end: "To",
      lang: "Headings", submit: "Export", asked: "Export started; download it when done",
      statuses: { queued: "Queued", running: "Running", done: "Done", failed: "Failed",
                  expired: "Expired" },
      filter_names: { status: "Status", created_from: "From", created_to: "To",
                      order_id: "Order no.", q: "Buyer / recipient", delivery_kind: "Delivery",
                      day: "Day", community_id: "Community", leader_id: "Leader",
                      user_id: "Distributor" },
    },
    errors: {
      export_not_found: "No such export", export_not_ready: "The file is not ready yet",
      exports_busy: "Too many exports running; try again soon",
      export_filter_invalid: "The filters are wrong",
    },
  },
});

const { ref, reactive, onMounted, onBeforeUnmount } = Vue;
const NEW_KINDS = ["orders", "after_sales"];
const PER_PAGE = 20;
const POLL_MS = 1000;
const RUNNING = new Set(["queued", "running"]);
const VALUES = { status: "orders.statuses", delivery_kind: "orders.deliveries" };

function filtersText(filters) {
  const parts = Object.entries(filters || {}).map(([key, value]) =>
    `${t(`exports.filter_names.${key}`)}: ${VALUES[key] ? t(`${VALUES[key]}.${value}`) : value}`);
  return parts.length ? parts.join("；") : t("exports.no_filters");
}

export default {
  setup() {
    const rows = ref([]);
    const total = ref(0);
    const page = ref(1);
    const loading = ref(false);
    let timer = null;

    async function refresh(quiet = false) {
      if (!quiet) loading.value = true;
      try {
        const body = await api.get(`/api/v1/merchants/${session.merchantId}/exports`,
                                   { page: page.value, per_page: PER_PAGE });
        rows.value = body.items;
        total.value = body.meta.total;
      } catch (err) {
        if (!quiet) showError(err);
      } finally {
        loading.value = false;
      }
      clearTimeout(timer);
      if (rows.value.some((r) => RUNNING.has(r.status))) timer = setTimeout(() => refresh(true), POLL_MS);
    }

    const dialog = ref(false);
    const busy = ref(false);
    const form = reactive({ kind: "orders", format: "xlsx", days: null, lang: "zh" });

    function openNew() {
      Object.assign(form, { kind: "orders", format: "xlsx", days: null, lang: "zh" });
      dialog.value = true;
    }

    async function submit() {
      const filters = {};
      if (form.days) [filters.created_from, filters.created_to] = form.days;
      busy.value = true;
      try {
        await api.post(`/api/v1/merchants/${session.merchantId}/exports`,
                       { kind: form.kind, format: form.format, lang: form.lang, filters });
        dialog.value = false;
        ElementPlus.ElMessage.success(t("exports.asked"));
        page.value = 1;
        refresh();
      } catch (err) {
        showError(err);
      } finally {
        busy.value = false;
      }
    }

    const barStatus = (row) => ({ done: "success", failed: "exception" }[row.status] || "");
    onMounted(refresh);
    onBeforeUnmount(() => clearTimeout(timer));
    return { rows, total, page, loading, PER_PAGE, refresh, barStatus, filtersText, dateTime,
             dialog, busy, form, openNew, submit, NEW_KINDS };
  },
  template: `
  <el-card shadow="never">
    <div class="toolbar">
      <el-button type="primary" :icon="'Plus'" @click="openNew" data-testid="export-new">
        {{ $t('exports.create') }}</el-button>
      <el-button :icon="'Refresh'" @click="refresh()">{{ $t('common.refresh') }}</el-button>
    </div>
    <el-dialog v-model="dialog" :title="$t('exports.create')" width="480px">
      <el-form label-width="100px" @submit.prevent>
        <el-form-item :label="$t('exports.kind')">
          <el-radio-group v-model="form.kind" data-testid="export-kind">
            <el-radio-button v-for="k in NEW_KINDS" :key="k" :value="k">
              {{ $t('exports.kinds.' + k) }}</el-radio-button>
          </el-radio-group>
        </el-form-item>
        <el-form-item :label="$t('exports.format')">
          <el-radio-group v-model="form.format" data-testid="export-format">
            <el-radio-button value="xlsx">XLSX</el-radio-button>
            <el-radio-button value="csv">CSV</el-radio-button>
          </el-radio-group>
        </el-form-item>
        <el-form-item :label="$t('exports.days')">
          <el-date-picker v-model="form.days" type="daterange" value-format="YYYY-MM-DD"
                          :start-placeholder="$t('exports.start')"
                          :end-placeholder="$t('exports.end')" data-testid="export-days" />
        </el-form-item>
        <el-form-item :label="$t('exports.lang')">
          <el-radio-group v-model="form.lang">
            <el-radio-button value="zh">中文</el-radio-button>
            <el-radio-button value="en">English</el-radio-button>
          </el-radio-group>
        </el-form-item>
      </el-form>
      <template #footer>
        <el-button @click="dialog = false">{{ $t('common.cancel') }}</el-button>
        <el-button type="primary" :loading="busy" @click="submit" data-testid="export-submit">
          {{ $t('exports.submit') }}</el-button>
      </template>
    </el-dialog>
    <el-table :data="rows" v-loading="loading" data-testid="exports-table" stripe>
      <el-table-column prop="id" :label="$t('exports.id')" width="80" />
      <el-table-column :label="$t('exports.kind')" width="100">
        <template #default="{ row }">{{ $t('exports.kinds.' + row.kind) }}</template>
      </el-table-column>
      <el-table-column :label="$t('exports.format')" width="80">
        <template #default="{ row }">{{ row.format.toUpperCase() }}</template>
      </el-table-column>
      <el-table-column :label="$t('exports.filters')" min-width="200">
        <template #default="{ row }">{{ filtersText(row.filters) }}</template>
      </el-table-column>
      <el-table-column :label="$t('exports.progress')" width="220">
        <template #default="{ row }">
          <el-progress :percentage="row.percent" :status="barStatus(row)" class="export-progress"
                       data-testid="export-progress" />
          <div class="muted">{{ $t('exports.rows', { done: row.rows_done, total: row.rows_total }) }}</div>
        </template>
      </el-table-column>
      <el-table-column :label="$t('exports.status')" width="100">
        <template #default="{ row }">
          <el-tag :type="row.status === 'done' ? 'success' : row.status === 'failed' ? 'danger' : 'info'"
                  data-testid="export-status">{{ $t('exports.statuses.' + row.status) }}</el-tag>
        </template>
      </el-table-column>
      <el-table-column :label="$t('exports.created')" width="150">
        <template #default="{ row }">{{ dateTime(row.created_at) }}</template>
      </el-table-column>
      <el-table-column :label="$t('common.actions')" width="90" align="center">
        <template #default="{ row }">
          <a v-if="row.download_url" :href="row.download_url" class="el-link el-link--primary"
             data-testid="export-download">{{ $t('exports.download') }}</a>
        </template>
      </el-table-column>
    </el-table>
    <el-pagination class="pager" background layout="total, prev, pager, next" :total="total"
                   :page-size="PER_PAGE" v-model:current-page="page" @current-change="refresh()" />
  </el-card>`,
};
