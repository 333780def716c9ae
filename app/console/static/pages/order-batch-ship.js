// 批量发货: the selected orders, each with a carrier and a tracking number,
// or a sheet (CSV / XLSX, with the template to fill) sent as one file to
// POST .../shipments/batch. The server ships each row on its own and
// answers each: shipped, or why not.
import { api, upload, showError, errorText } from "../api.js";
import { session } from "../session.js";
import { extend, t } from "../i18n.js";
import { loadCarriers, carrierName } from "./carriers.js";

extend({
  "zh-CN": {
    orders: {
      batch_title: "批量发货", by_selection: "勾选的订单", by_file: "上传表格",
      all_carrier: "统一快递公司", template: "下载待发货模板", file_hint: "CSV 或 XLSX，列：订单号、快递公司、快递单号",
      choose_file: "选择文件", submit_batch: "确认发货", row: "行", result: "结果",
      batch_done: "发货 {shipped} 单，失败 {failed} 单",
      fill_all: "请为每个订单选择快递公司并填写快递单号", no_file: "请选择文件",
    },
    errors: {
      batch_file_unsupported: "只支持 CSV 或 XLSX 文件", batch_file_too_large: "文件太大",
      batch_file_unreadable: "文件无法读取", batch_file_empty: "文件中没有数据",
      batch_too_many_rows: "行数太多", batch_columns_missing: "缺少列：订单号、快递公司、快递单号",
      batch_row_invalid: "这一行内容不完整",
    },
  },
  en: {
    orders: {
      batch_title: "Batch shipping", by_selection: "Selected orders", by_file: "Upload a sheet",
      all_carrier: "Carrier for all", template: "Download the to-ship template",
      file_hint: "CSV or XLSX with columns order_id, carrier, tracking_no",
      choose_file: "Choose a file", submit_batch: "Ship", row: "Row", result: "Result",
      batch_done: "{shipped} shipped, {failed} failed",
      fill_all: "Give every order a carrier and a tracking number", no_file: "Choose a file",
    },
    errors: {
      batch_file_unsupported: "CSV or XLSX files only", batch_file_too_large: "The file is too large",
      batch_file_unreadable: "The file cannot be read", batch_file_empty: "The file has no rows",
      batch_too_many_rows: "Too many rows",
      batch_columns_missing: "Columns missing: order_id, carrier, tracking_no",
      batch_row_invalid: "The row is incomplete",
    },
  },
});

const { ref } = Vue;

// one CSV cell, quoted (a sheet the server reads like any other)
const cell = (text) => `"${String(text).replace(/"/g, '""')}"`;

export default {
  emits: ["changed"],
  setup(props, { emit, expose }) {
    const dialog = ref(false);
    const tab = ref("selection");
    const rows = ref([]);
    const carriers = ref([]);
    const allCarrier = ref("");
    const file = ref(null);
    const answer = ref(null);
    const busy = ref(false);
    const base = () => `/api/v1/merchants/${session.merchantId}`;
    const templateUrl = () => `${base()}/shipments/batch/template`;

    async function open(orders) {
      try {
        carriers.value = await loadCarriers();
      } catch (err) {
        showError(err);
        return;
      }
      rows.value = orders.map((o) => ({ order_id: o.id,
                                        recipient: o.ship_to ? o.ship_to.recipient : "",
                                        carrier: "", tracking_no: "" }));
      tab.value = orders.length ? "selection" : "file";
      allCarrier.value = "";
      file.value = null;
      answer.value = null;
      dialog.value = true;
    }
    expose({ open });

    function setAll(code) { rows.value.forEach((r) => { r.carrier = code; }); }
    function pick(event) { file.value = event.target.files[0] || null; }

    function sheet() {
      const lines = [["order_id", "carrier", "tracking_no"],
                     ...rows.value.map((r) => [r.order_id, r.carrier, r.tracking_no.trim()])];
      return new File([lines.map((l) => l.map(cell).join(",")).join("\r\n")], "shipments.csv",
                      { type: "text/csv" });
    }

    async function submit() {
      let body;
      if (tab.value === "selection") {
        if (!rows.value.length || rows.value.some((r) => !r.carrier || !r.tracking_no.trim())) {
          ElementPlus.ElMessage.warning(t("orders.fill_all"));
          return;
        }
        body = sheet();
      } else {
        if (!file.value) {
          ElementPlus.ElMessage.warning(t("orders.no_file"));
          return;
        }
        body = file.value;
      }
      const form = new FormData();
      form.append("file", body, body.name);
      busy.value = true;
      try {
        answer.value = await upload(`${base()}/shipments/batch`, form);
        emit("changed");
      } catch (err) {
        showError(err);
      } finally {
        busy.value = false;
      }
    }

    return { dialog, tab, rows, carriers, allCarrier, file, answer, busy, templateUrl, open,
             setAll, pick, submit, carrierName, errorText };
  },
  template: `
  <el-dialog v-model="dialog" :title="$t('orders.batch_title')" width="720px" data-testid="batch-dialog">
    <template v-if="!answer">
      <el-tabs v-model="tab">
        <el-tab-pane :label="$t('orders.by_selection')" name="selection">
          <el-form :inline="true">
            <el-form-item :label="$t('orders.all_carrier')">
              <el-select v-model="allCarrier" filterable @change="setAll" data-testid="batch-carrier-all">
                <el-option v-for="c in carriers" :key="c.code" :value="c.code" :label="carrierName(c)" />
              </el-select>
            </el-form-item>
          </el-form>
          <el-table :data="rows" data-testid="batch-rows" max-height="360">
            <el-table-column prop="order_id" :label="$t('orders.order_no')" width="100" />
            <el-table-column prop="recipient" :label="$t('orders.ship_to')" min-width="100" />
            <el-table-column :label="$t('orders.carrier')" width="170">
              <template #default="{ row }">
                <el-select v-model="row.carrier" filterable size="small">
                  <el-option v-for="c in carriers" :key="c.code" :value="c.code" :label="carrierName(c)" />
                </el-select>
              </template>
            </el-table-column>
            <el-table-column :label="$t('orders.tracking_no')" min-width="190">
              <template #default="{ row }">
                <el-input v-model="row.tracking_no" size="small" maxlength="64" :data-order="row.order_id"
                          data-testid="batch-tracking" />
              </template>
            </el-table-column>
          </el-table>
        </el-tab-pane>
        <el-tab-pane :label="$t('orders.by_file')" name="file">
          <p class="muted">{{ $t('orders.file_hint') }}</p>
          <p><a :href="templateUrl()" class="el-link el-link--primary" data-testid="batch-template">{{ $t('orders.template') }}</a></p>
          <input type="file" accept=".csv,.xlsx" @change="pick" data-testid="batch-file">
        </el-tab-pane>
      </el-tabs>
    </template>
    <template v-else>
      <el-alert :type="answer.failed ? 'warning' : 'success'" :closable="false" show-icon
                :title="$t('orders.batch_done', { shipped: answer.shipped, failed: answer.failed })"
                data-testid="batch-summary" />
      <el-table :data="answer.rows" data-testid="batch-results" max-height="360" class="detail-lines">
        <el-table-column prop="row" :label="$t('orders.row')" width="70" />
        <el-table-column prop="order_id" :label="$t('orders.order_no')" width="110" />
        <el-table-column :label="$t('orders.result')" min-width="260">
          <template #default="{ row }">
            <el-tag v-if="row.ok" type="success">{{ $t('orders.statuses.' + row.status) }}</el-tag>
            <span v-else class="row-error">{{ errorText(row.error) }}</span>
          </template>
        </el-table-column>
      </el-table>
    </template>
    <template #footer>
      <el-button @click="dialog = false">{{ answer ? $t('common.confirm') : $t('common.cancel') }}</el-button>
      <el-button v-if="!answer" type="primary" :loading="busy" @click="submit" data-testid="batch-submit">{{ $t('orders.submit_batch') }}</el-button>
    </template>
  </el-dialog>`,
};
