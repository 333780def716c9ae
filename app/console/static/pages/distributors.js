// 分销员: distributors and applications by status with their balances (GET
// .../referral/distributors), approving or rejecting an application (POST
// .../distributors/<uid>/review), and one distributor's ledger in a drawer
// (GET .../distributors/<uid>/ledger).
import { api, showError, dateTime, yuan } from "../api.js";
import { usePaged, PER_PAGE } from "../paged.js";
import { session, can } from "../session.js";
import { askExport } from "../exporting.js";
import { extend, t } from "../i18n.js";
import { BALANCE_KINDS, tierName } from "./distribution-words.js";

extend({
  "zh-CN": { distributors: {
    approve: "通过", reject: "拒绝", ledger: "资金明细",
    approve_confirm: "确定通过 {name} 的分销员申请吗？", reject_confirm: "确定拒绝 {name} 的分销员申请吗？",
    approved: "已通过申请", rejected: "已拒绝申请", review_title: "审核申请",
    ledger_title: "{name} 的资金明细", entry_time: "时间", entry_kind: "类型",
    entry_account: "账户", entry_amount: "金额 (元)", entry_order: "订单号",
  } },
  en: { distributors: {
    approve: "Approve", reject: "Reject", ledger: "Ledger",
    approve_confirm: "Approve {name}'s application?", reject_confirm: "Reject {name}'s application?",
    approved: "Application approved", rejected: "Application rejected",
    review_title: "Review application", ledger_title: "{name}'s ledger", entry_time: "Time",
    entry_kind: "Movement", entry_account: "Account", entry_amount: "Amount (yuan)",
    entry_order: "Order",
  } },
});

const { ref, onMounted } = Vue;
const LEDGER_PER_PAGE = 10;
const TABS = ["active", "pending", "rejected", "all"];
const TAG_TYPES = { pending: "warning", active: "success", rejected: "info" };

export default {
  setup() {
    const { rows, total, page, loading, refresh, first } = usePaged(() => `${base()}/distributors`, listQuery);
    const tab = ref("active");
    const tiers = ref([]);
    const drawer = ref(false);
    const ledger = ref(null);
    const ledgerPage = ref(1);
    const base = () => `/api/v1/merchants/${session.merchantId}/referral`;

    function listQuery() {  // the page's filters, as the API takes them
      const query = {};
      if (tab.value !== "all") query.status = tab.value;
      return query;
    }

    async function loadTiers() {
      try {
        tiers.value = await api.get(`${base()}/tiers`);
      } catch (err) {
        showError(err);
      }
    }

    async function review(row, approve) {
      const key = approve ? "approve" : "reject";
      try {
        await ElementPlus.ElMessageBox.confirm(
          t(`distributors.${key}_confirm`, { name: row.nickname }), t("distributors.review_title"),
          { type: approve ? "info" : "warning", confirmButtonText: t(`distributors.${key}`),
            cancelButtonText: t("common.cancel") });
      } catch (cancelled) {
        return;
      }
      try {
        await api.post(`${base()}/distributors/${row.user_id}/review`, { approve });
        ElementPlus.ElMessage.success(t(approve ? "distributors.approved" : "distributors.rejected"));
      } catch (err) {
        showError(err);
      }
      refresh();
    }

    async function loadLedger(userId) {
      try {
        ledger.value = await api.get(`${base()}/distributors/${userId}/ledger`,
                                     { page: ledgerPage.value, per_page: LEDGER_PER_PAGE });
        drawer.value = true;
      } catch (err) {
        showError(err);
      }
    }

    const router = VueRouter.useRouter();
    async function exportLedger() {
      try {
        await askExport(router, "ledger", { user_id: ledger.value.distributor.user_id });
      } catch (err) {
        showError(err);
      }
    }

    function openLedger(row) { ledgerPage.value = 1; loadLedger(row.user_id); }
    function ledgerTo() { loadLedger(ledger.value.distributor.user_id); }
    function switchTab() { first(); }
    const tier = (rank) => tierName(tiers.value, rank, t);
    onMounted(() => { refresh(); loadTiers(); });
    return { rows, total, page, tab, loading, drawer, ledger, ledgerPage, TABS, TAG_TYPES,
             BALANCE_KINDS, PER_PAGE, LEDGER_PER_PAGE, refresh, switchTab, review, openLedger,
             ledgerTo, tier, dateTime, yuan, can, exportLedger };
  },
  template: `
  <el-card shadow="never">
    <el-tabs v-model="tab" @tab-change="switchTab" data-testid="distributor-tabs">
      <el-tab-pane v-for="s in TABS" :key="s" :name="s"
                   :label="s === 'all' ? $t('common.all') : $t('dist.statuses.' + s)" />
    </el-tabs>
    <el-table :data="rows" v-loading="loading" data-testid="distributors-table" stripe>
      <el-table-column :label="$t('dist.nickname')" min-width="140">
        <template #default="{ row }">{{ row.nickname }} <span class="muted">#{{ row.user_id }}</span></template>
      </el-table-column>
      <el-table-column :label="$t('dist.tier')" width="110">
        <template #default="{ row }">{{ tier(row.tier_rank) }}</template>
      </el-table-column>
      <el-table-column :label="$t('dist.status')" width="90">
        <template #default="{ row }"><el-tag :type="TAG_TYPES[row.status]">{{ $t('dist.statuses.' + row.status) }}</el-tag></template>
      </el-table-column>
      <el-table-column prop="invite_code" :label="$t('dist.invite_code')" width="105" />
      <el-table-column v-for="k in ['pending', 'available', 'withdrawing', 'paid']" :key="k"
                       :label="$t('dist.balances.' + k)" width="95" align="right">
        <template #default="{ row }">{{ yuan(row.balances[k]) }}</template>
      </el-table-column>
      <el-table-column :label="$t('dist.applied_at')" width="150">
        <template #default="{ row }">{{ dateTime(row.applied_at) }}</template>
      </el-table-column>
      <el-table-column :label="$t('common.actions')" width="120" align="center" fixed="right">
        <template #default="{ row }">
          <template v-if="row.status === 'pending'">
            <el-button link type="primary" @click="review(row, true)" data-testid="distributor-approve">{{ $t('distributors.approve') }}</el-button>
            <el-button link type="danger" @click="review(row, false)" data-testid="distributor-reject">{{ $t('distributors.reject') }}</el-button>
          </template>
          <el-button v-else link type="primary" @click="openLedger(row)" data-testid="distributor-ledger">{{ $t('distributors.ledger') }}</el-button>
        </template>
      </el-table-column>
    </el-table>
    <el-pagination class="pager" background layout="total, prev, pager, next" :total="total"
                   :page-size="PER_PAGE" v-model:current-page="page" @current-change="refresh" />
    <el-drawer v-model="drawer" size="720px" data-testid="ledger-drawer"
               :title="ledger ? $t('distributors.ledger_title', { name: ledger.distributor.nickname }) : ''">
      <template v-if="ledger">
        <div class="toolbar" v-if="can('finance')">
          <el-button :icon="'Download'" @click="exportLedger" data-testid="ledger-export">
            {{ $t('exporting.xlsx') }}</el-button>
        </div>
        <el-descriptions :column="5" border direction="vertical" data-testid="ledger-balances">
          <el-descriptions-item v-for="k in BALANCE_KINDS" :key="k" :label="$t('dist.balances.' + k)">
            <span :data-balance="k">{{ yuan(ledger.distributor.balances[k]) }}</span>
          </el-descriptions-item>
        </el-descriptions>
        <el-table :data="ledger.items" class="detail-lines" data-testid="ledger-table">
          <el-table-column :label="$t('distributors.entry_time')" width="150">
            <template #default="{ row }">{{ dateTime(row.created_at) }}</template>
          </el-table-column>
          <el-table-column :label="$t('distributors.entry_kind')" min-width="120">
            <template #default="{ row }">{{ $t('dist.txn_kinds.' + row.txn_kind) }}</template>
          </el-table-column>
          <el-table-column :label="$t('distributors.entry_account')" width="100">
            <template #default="{ row }">{{ $t('dist.balances.' + row.account) }}</template>
          </el-table-column>
          <el-table-column :label="$t('distributors.entry_amount')" width="120" align="right">
            <template #default="{ row }">{{ (row.amount_fen > 0 ? '+' : '') + yuan(row.amount_fen) }}</template>
          </el-table-column>
          <el-table-column prop="order_id" :label="$t('distributors.entry_order')" width="90" />
        </el-table>
        <el-pagination class="pager" layout="total, prev, pager, next" :total="ledger.meta.total"
                       :page-size="LEDGER_PER_PAGE" v-model:current-page="ledgerPage"
                       @current-change="ledgerTo" />
      </template>
    </el-drawer>
  </el-card>`,
};
