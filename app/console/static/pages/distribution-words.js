// The words the distribution pages share (menu titles, statuses, balances,
// ledger movements, their error codes), merged into the dictionaries.
import { extend } from "../i18n.js";

extend({
  "zh-CN": {
    menu: { dist_settings: "分销设置", dist_withdrawals: "提现审核", dist_payable: "佣金应付" },
    dist: {
      nickname: "分销员", user_id: "用户 ID", tier: "等级", tier_none: "普通分销员",
      status: "状态", invite_code: "邀请码", applied_at: "申请时间", joined_at: "加入时间",
      statuses: { pending: "待审核", active: "已通过", rejected: "已拒绝" },
      balances: { pending: "待结算", available: "可提现", withdrawing: "提现中",
                  clearing: "打款中", paid: "已打款" },
      txn_kinds: { accrue: "订单佣金", settle: "佣金结算", reverse: "退款冲回",
                   leader_accrue: "团长佣金", leader_settle: "团长佣金结算",
                   leader_reverse: "团长佣金冲回", wd_request: "申请提现",
                   wd_approve: "提现通过", wd_reject: "提现驳回", wd_paid: "提现到账",
                   wd_failed: "打款失败退回" },
      wd_statuses: { requested: "待审核", approved: "已通过，打款中", rejected: "已驳回",
                     paid: "已打款", failed: "打款失败" },
    },
    errors: {
      distributor_not_found: "分销员不存在", not_reviewable: "该申请已处理，请刷新",
      withdrawal_not_found: "提现申请不存在", rates_too_high: "佣金比例合计不能超过 100%",
      too_many_levels: "分销层级最多 3 级",
    },
  },
  en: {
    menu: { dist_settings: "Commission settings", dist_withdrawals: "Withdrawals",
            dist_payable: "Commission payable" },
    dist: {
      nickname: "Distributor", user_id: "User ID", tier: "Tier", tier_none: "Basic",
      status: "Status", invite_code: "Invite code", applied_at: "Applied", joined_at: "Joined",
      statuses: { pending: "Pending", active: "Active", rejected: "Rejected" },
      balances: { pending: "Pending", available: "Available", withdrawing: "Withdrawing",
                  clearing: "Paying out", paid: "Paid" },
      txn_kinds: { accrue: "Order commission", settle: "Settled", reverse: "Refund reversal",
                   leader_accrue: "Leader commission", leader_settle: "Leader settled",
                   leader_reverse: "Leader reversal", wd_request: "Withdrawal asked",
                   wd_approve: "Withdrawal approved", wd_reject: "Withdrawal rejected",
                   wd_paid: "Withdrawal paid", wd_failed: "Payout failed, returned" },
      wd_statuses: { requested: "To review", approved: "Approved, paying", rejected: "Rejected",
                     paid: "Paid", failed: "Payout failed" },
    },
    errors: {
      distributor_not_found: "No such distributor", not_reviewable: "Already decided: refresh",
      withdrawal_not_found: "No such withdrawal",
      rates_too_high: "The rates together may not exceed 100%",
      too_many_levels: "At most 3 commission levels",
    },
  },
});

export const BALANCE_KINDS = ["pending", "available", "withdrawing", "clearing", "paid"];

// a tier rank as staff know it: its name from the merchant's tiers, else basic
export function tierName(tiers, rank, t) {
  const tier = tiers.find((x) => x.rank === rank);
  return tier ? tier.name : t("dist.tier_none");
}
