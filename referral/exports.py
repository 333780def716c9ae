"""The ledger export: one distributor's ledger entries, oldest first, each
with its account's balance after it. Finance staff only."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.auth.roles import FINANCE_STAFF
from app.exports.kinds import PAGE, Kind
from app.exports.labels import label, moment, yuan
from referral.models import LedgerAccount, LedgerEntry, LedgerTxn

TXN_KINDS = {
    "accrue": ("佣金入账", "Commission accrued"), "settle": ("佣金结算", "Commission settled"),
    "reverse": ("退款扣回", "Clawed back (refund)"), "wd_request": ("申请提现", "Withdrawal asked"),
    "wd_approve": ("提现通过", "Withdrawal approved"),
    "wd_reject": ("提现驳回", "Withdrawal rejected"), "wd_paid": ("提现到账", "Withdrawal paid"),
    "wd_failed": ("打款失败", "Payout failed"),
}
ACCOUNTS = {
    "pending": ("待结算", "Pending"), "available": ("可提现", "Available"),
    "withdrawing": ("提现中", "Withdrawing"), "clearing": ("打款中", "Paying out"),
    "paid": ("已到账", "Paid out"),
}

LEDGER_COLUMNS = (("时间", "Time"), ("流水号", "Entry"), ("类型", "Type"), ("订单号", "Order no."),
                  ("账户", "Account"), ("金额(元)", "Amount (yuan)"),
                  ("账户余额(元)", "Balance after (yuan)"))


def _ledger_stmt(merchant_id: int, filters: dict):
    return (select(LedgerEntry, LedgerTxn.kind, LedgerTxn.order_id, LedgerAccount.kind)
            .join(LedgerTxn, LedgerTxn.id == LedgerEntry.txn_id)
            .join(LedgerAccount, LedgerAccount.id == LedgerEntry.account_id)
            .where(LedgerAccount.merchant_id == merchant_id,
                   LedgerAccount.user_id == filters["user_id"]))


def count_ledger(session: Session, merchant_id: int, filters: dict) -> int:
    return int(session.scalar(select(func.count()).select_from(
        _ledger_stmt(merchant_id, filters).subquery())))


def ledger_rows(read, merchant_id: int, filters: dict, lang: str) -> Iterator[tuple]:
    """PAGE entries per transaction, the running balances carried across."""
    balance: dict[str, int] = {}
    after = 0
    while True:
        with read() as session:
            page = session.execute(_ledger_stmt(merchant_id, filters)
                                   .where(LedgerEntry.id > after)
                                   .order_by(LedgerEntry.id).limit(PAGE)).all()
            rows = []
            for entry, txn_kind, order_id, account in page:
                balance[account] = balance.get(account, 0) + entry.amount_fen
                rows.append((moment(entry.created_at), entry.id, label(TXN_KINDS, txn_kind, lang),
                             order_id or "", label(ACCOUNTS, account, lang),
                             yuan(entry.amount_fen), yuan(balance[account])))
        if not page:
            return
        after = rows[-1][1]
        yield from rows


LEDGER = Kind("ledger", LEDGER_COLUMNS, FINANCE_STAFF, ("user_id",), count_ledger, ledger_rows,
              ("分销流水", "ledger"))
