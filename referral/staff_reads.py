"""What the console reads about distributors: the people by name (not only
by id), each distributor's balances, and one distributor's ledger entries.
Every figure comes from the ledger; nothing here writes."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.auth.models import User
from referral import bindings, ledger, withdrawals
from referral.models import LedgerAccount, LedgerEntry, LedgerTxn
from referral.reports import BALANCE_KINDS


class Shown:
    """A row as the console shows it: the row's own attributes plus the
    extras given (a nickname, balances)."""

    def __init__(self, row, **extras):
        self._row = row
        self.__dict__.update(extras)

    def __getattr__(self, name):
        return getattr(self._row, name)


def nicknames(session: Session, user_ids) -> dict[int, str]:
    ids = set(user_ids)
    if not ids:
        return {}
    return dict(session.execute(select(User.id, User.nickname).where(User.id.in_(ids))).all())


def balances_of(session: Session, merchant_id: int, user_ids) -> dict[int, dict[str, int]]:
    """{user: {balance kind: fen}} for the given distributors, in one query."""
    ids = set(user_ids)
    out = {u: dict.fromkeys(BALANCE_KINDS, 0) for u in ids}
    if not ids:
        return out
    rows = session.execute(
        select(LedgerAccount.user_id, LedgerAccount.kind, func.sum(LedgerEntry.amount_fen))
        .join(LedgerEntry, LedgerEntry.account_id == LedgerAccount.id)
        .where(LedgerAccount.merchant_id == merchant_id, LedgerAccount.user_id.in_(ids),
               LedgerAccount.kind.in_(BALANCE_KINDS))
        .group_by(LedgerAccount.user_id, LedgerAccount.kind))
    for user_id, kind, amount in rows:
        out[user_id][kind] = int(amount)
    return out


def distributors(session: Session, *, merchant_id: int, status: str | None, page: int,
                 per_page: int) -> tuple[list[dict], int]:
    """A page of distributors (applications included), each with its
    person's nickname and balances."""
    rows, total = bindings.list_distributors(session, merchant_id=merchant_id, status=status,
                                             page=page, per_page=per_page)
    ids = [r.user_id for r in rows]
    names, money = nicknames(session, ids), balances_of(session, merchant_id, ids)
    return [Shown(r, nickname=names.get(r.user_id, ""), balances=money[r.user_id])
            for r in rows], total


def withdrawal_page(session: Session, *, merchant_id: int, status: str | None, page: int,
                    per_page: int) -> tuple[list[dict], int]:
    """A page of withdrawals, newest first, each with its person's nickname."""
    rows, total = withdrawals.list_for(session, merchant_id=merchant_id, status=status,
                                       page=page, per_page=per_page)
    names = nicknames(session, [w.user_id for w in rows])
    return [Shown(w, nickname=names.get(w.user_id, "")) for w in rows], total


def distributor_ledger(session: Session, *, merchant_id: int, user_id: int, page: int,
                       per_page: int) -> dict:
    """One distributor (an application too): balances and their ledger
    entries, newest first, each with its transaction's kind and order."""
    row = bindings.distributor(session, merchant_id, user_id)
    stmt = (select(LedgerEntry.id, LedgerEntry.txn_id, LedgerTxn.kind.label("txn_kind"),
                   LedgerAccount.kind.label("account"), LedgerEntry.amount_fen,
                   LedgerTxn.order_id, LedgerEntry.created_at)
            .join(LedgerAccount, LedgerEntry.account_id == LedgerAccount.id)
            .join(LedgerTxn, LedgerEntry.txn_id == LedgerTxn.id)
            .where(LedgerAccount.merchant_id == merchant_id, LedgerAccount.user_id == user_id,
                   LedgerAccount.kind.in_(BALANCE_KINDS)))
    total = session.scalar(select(func.count()).select_from(stmt.subquery()))
    entries = session.execute(stmt.order_by(LedgerEntry.id.desc()).limit(per_page)
                              .offset((page - 1) * per_page)).mappings().all()
    return {"distributor": Shown(row, nickname=nicknames(session, [user_id]).get(user_id, ""),
                                 balances=ledger.balances(session, merchant_id, user_id)),
            "items": [dict(e) for e in entries], "total": total}

