// 佣金应付: what the merchant owes each distributor, balance by balance, the
// totals, the merchant's own side (commission expense, fees kept) and the
// ledger's check that everything sums to zero (GET .../referral/payable).
// Finance staff and the owner only.
import { api, showError, yuan } from "../api.js";
import { session } from "../session.js";
import { extend } from "../i18n.js";
import { BALANCE_KINDS } from "./distribution-words.js";

extend({
  "zh-CN": { payable: {
    owed: "应付分销员合计 (元)", owed_hint: "待结算 + 可提现 + 提现中 + 打款中",
    paid: "已打款 (元)", expense: "佣金支出 (元)", fees: "手续费收入 (元)",
    balanced: "账目平衡：全部分录合计 0.00 元", unbalanced: "账目不平衡：{n} 笔交易需核查",
    totals: "合计",
  } },
  en: { payable: {
    owed: "Owed to distributors (yuan)", owed_hint: "Pending + available + withdrawing + paying out",
    paid: "Paid out (yuan)", expense: "Commission expense (yuan)", fees: "Fees kept (yuan)",
    balanced: "Balanced: all entries sum to 0.00", unbalanced: "Unbalanced: {n} transactions to check",
    totals: "Total",
  } },
});

const { ref, computed, onMounted } = Vue;
const OWED = ["pending", "available", "withdrawing", "clearing"];

export default {
  setup() {
    const report = ref(null);
    const loading = ref(false);

    async function refresh() {
      loading.value = true;
      try {
        report.value = await api.get(`/api/v1/merchants/${session.merchantId}/referral/payable`);
      } catch (err) {
        showError(err);
      } finally {
        loading.value = false;
      }
    }

    const owed = computed(() => (report.value
      ? OWED.reduce((sum, k) => sum + report.value.totals[k], 0) : 0));
    const balanced = computed(() => report.value && report.value.sum_fen === 0
      && report.value.unbalanced_txns.length === 0);
    // the table's last row: the totals the server gave
    const rows = computed(() => (report.value
      ? [...report.value.distributors, { user_id: null, ...report.value.totals }] : []));

    onMounted(refresh);
    return { report, loading, owed, balanced, rows, BALANCE_KINDS, refresh, yuan };
  },
  template: `
  <el-card shadow="never" v-loading="loading">
    <template v-if="report">
      <el-card shadow="never">
        <el-row :gutter="16">
          <el-col :span="6"><div class="stat" data-stat="owed">
            <div class="stat-label">{{ $t('payable.owed') }}
              <el-tooltip :content="$t('payable.owed_hint')"><el-icon class="stat-hint"><QuestionFilled /></el-icon></el-tooltip></div>
            <div class="stat-value">{{ yuan(owed) }}</div></div></el-col>
          <el-col :span="6"><div class="stat" data-stat="paid">
            <div class="stat-label">{{ $t('payable.paid') }}</div>
            <div class="stat-value">{{ yuan(report.totals.paid) }}</div></div></el-col>
          <el-col :span="6"><div class="stat" data-stat="expense">
            <div class="stat-label">{{ $t('payable.expense') }}</div>
            <div class="stat-value">{{ yuan(-report.merchant.expense) }}</div></div></el-col>
          <el-col :span="6"><div class="stat" data-stat="fees">
            <div class="stat-label">{{ $t('payable.fees') }}</div>
            <div class="stat-value">{{ yuan(report.merchant.fee) }}</div></div></el-col>
        </el-row>
        <el-alert :type="balanced ? 'success' : 'error'" :closable="false" show-icon data-testid="ledger-check"
                  :title="balanced ? $t('payable.balanced') : $t('payable.unbalanced', { n: report.unbalanced_txns.length })" />
        <el-table :data="rows" data-testid="payable-table" class="detail-lines" stripe>
          <el-table-column :label="$t('dist.nickname')" min-width="140">
            <template #default="{ row }">
              <template v-if="row.user_id">{{ row.nickname }} <span class="muted">#{{ row.user_id }}</span></template>
              <strong v-else>{{ $t('payable.totals') }}</strong>
            </template>
          </el-table-column>
          <el-table-column v-for="k in BALANCE_KINDS" :key="k" :label="$t('dist.balances.' + k)"
                           width="130" align="right">
            <template #default="{ row }">{{ yuan(row[k]) }}</template>
          </el-table-column>
        </el-table>
    </template>
  </el-card>`,
};
