// 提现审核: distributors' withdrawals by status, waiting ones first (GET
// .../referral/withdrawals); approve (the payout follows on the server) or
// reject with a reason (the funds go back). Finance staff and the owner only.
import { api, showError, dateTime, yuan } from "../api.js";
import { usePaged, PER_PAGE } from "../paged.js";
import { session } from "../session.js";
import { extend, t } from "../i18n.js";
import "./distribution-words.js";

extend({
  "zh-CN": { withdrawals: {
    id: "申请号", amount: "提现金额 (元)", fee: "手续费 (元)", net: "实际到账 (元)",
    created: "申请时间", reviewed: "审核时间", reason: "驳回原因", approve: "通过",
    reject: "驳回", approve_confirm: "确定通过 {name} 的提现 ¥{amount}（到账 ¥{net}）吗？",
    approve_title: "通过提现", reject_title: "驳回提现", reject_prompt: "请填写驳回原因，资金将退回分销员的可提现余额",
    reason_required: "请填写 1-80 字的驳回原因", approved: "已通过，正在打款",
    rejected: "已驳回，资金已退回",
  } },
  en: { withdrawals: {
    id: "No.", amount: "Amount (yuan)", fee: "Fee (yuan)", net: "Net (yuan)",
    created: "Asked", reviewed: "Reviewed", reason: "Reason", approve: "Approve",
    reject: "Reject", approve_confirm: "Approve {name}'s withdrawal of ¥{amount} (¥{net} paid out)?",
    approve_title: "Approve withdrawal", reject_title: "Reject withdrawal",
    reject_prompt: "Give a reason: the funds go back to the distributor's available balance",
    reason_required: "Give a reason of 1-80 characters", approved: "Approved: paying out",
    rejected: "Rejected: funds returned",
  } },
});

const { ref, onMounted } = Vue;
const STATUSES = ["requested", "approved", "paid", "rejected", "failed"];
const TAG_TYPES = { requested: "warning", approved: "primary", paid: "success",
                    rejected: "info", failed: "danger" };

export default {
  setup() {
    const { rows, total, page, loading, refresh, first } = usePaged(() => base(), listQuery);
    const status = ref("requested");
    const base = () => `/api/v1/merchants/${session.merchantId}/referral/withdrawals`;

    function listQuery() {  // the page's filters, as the API takes them
      const query = {};
      if (status.value) query.status = status.value;
      return query;
    }

    async function approve(row) {
      try {
        await ElementPlus.ElMessageBox.confirm(
          t("withdrawals.approve_confirm", { name: row.nickname, amount: yuan(row.amount_fen),
                                             net: yuan(row.net_fen) }),
          t("withdrawals.approve_title"), { type: "warning", confirmButtonText: t("common.confirm"),
                                            cancelButtonText: t("common.cancel") });
      } catch (cancelled) {
        return;
      }
      try {
        await api.post(`${base()}/${row.id}/approve`);
        ElementPlus.ElMessage.success(t("withdrawals.approved"));
      } catch (err) {
        showError(err);
      }
      refresh();
    }

    async function reject(row) {
      let reason;
      try {
        ({ value: reason } = await ElementPlus.ElMessageBox.prompt(
          t("withdrawals.reject_prompt"), t("withdrawals.reject_title"), {
            confirmButtonText: t("withdrawals.reject"), cancelButtonText: t("common.cancel"),
            inputValidator: (v) => Boolean(v) && v.trim().length >= 1 && v.trim().length <= 80,
            inputErrorMessage: t("withdrawals.reason_required"),
            inputPlaceholder: t("withdrawals.reason") }));
      } catch (cancelled) {
        return;
      }
      try {
        await api.post(`${base()}/${row.id}/reject`, { reason: reason.trim() });
        ElementPlus.ElMessage.success(t("withdrawals.rejected"));
      } catch (err) {
        showError(err);
      }
      refresh();
    }

    function filter() { first(); }
    onMounted(refresh);
    return { rows, total, page, status, loading, STATUSES, TAG_TYPES, PER_PAGE, refresh, filter,
             approve, reject, dateTime, yuan };
  },
  template: `
  <el-card shadow="never">
    <el-form :inline="true" class="filters" @submit.prevent>
      <el-form-item :label="$t('dist.status')">
        <el-select v-model="status" @change="filter" clearable :placeholder="$t('common.all')"
                   class="status-select" data-testid="withdrawal-status">
          <el-option v-for="s in STATUSES" :key="s" :value="s" :label="$t('dist.wd_statuses.' + s)" />
        </el-select>
      </el-form-item>
    </el-form>
    <el-table :data="rows" v-loading="loading" data-testid="withdrawals-table" stripe>
      <el-table-column prop="id" :label="$t('withdrawals.id')" width="90" />
      <el-table-column :label="$t('dist.nickname')" min-width="130">
        <template #default="{ row }">{{ row.nickname }} <span class="muted">#{{ row.user_id }}</span></template>
      </el-table-column>
      <el-table-column :label="$t('withdrawals.amount')" width="130" align="right">
        <template #default="{ row }">{{ yuan(row.amount_fen) }}</template>
      </el-table-column>
      <el-table-column :label="$t('withdrawals.fee')" width="110" align="right">
        <template #default="{ row }">{{ yuan(row.fee_fen) }}</template>
      </el-table-column>
      <el-table-column :label="$t('withdrawals.net')" width="130" align="right">
        <template #default="{ row }">{{ yuan(row.net_fen) }}</template>
      </el-table-column>
      <el-table-column :label="$t('dist.status')" width="140">
        <template #default="{ row }">
          <el-tag :type="TAG_TYPES[row.status]">{{ $t('dist.wd_statuses.' + row.status) }}</el-tag>
          <div v-if="row.reason" class="muted">{{ row.reason }}</div>
        </template>
      </el-table-column>
      <el-table-column :label="$t('withdrawals.created')" width="160">
        <template #default="{ row }">{{ dateTime(row.created_at) }}</template>
      </el-table-column>
      <el-table-column :label="$t('withdrawals.reviewed')" width="160">
        <template #default="{ row }">{{ dateTime(row.reviewed_at) }}</template>
      </el-table-column>
      <el-table-column :label="$t('common.actions')" width="130" align="center" fixed="right">
        <template #default="{ row }">
          <template v-if="row.status === 'requested'">
            <el-button link type="primary" @click="approve(row)" data-testid="withdrawal-approve">{{ $t('withdrawals.approve') }}</el-button>
            <el-button link type="danger" @click="reject(row)" data-testid="withdrawal-reject">{{ $t('withdrawals.reject') }}</el-button>
          </template>
        </template>
      </el-table-column>
    </el-table>
    <el-pagination class="pager" background layout="total, prev, pager, next" :total="total"
                   :page-size="PER_PAGE" v-model:current-page="page" @current-change="refresh" />
  </el-card>`,
};
