"""The double-entry ledger. Every transaction has a unique key (a replay posts
nothing), at least two entries, and entries that sum to zero (checked before
writing, and provable afterwards with `unbalanced`). Entries are append-only:
the session refuses to update or delete them. Balances are sums of entries.

Sign: a distributor account's balance is what the merchant owes them on it;
the merchant's `expense` account goes negative by the commission it has
granted. Account kinds:

  expense      merchant commission expense (user 0)
  fee          withdrawal fees the merchant kept (user 0)
  pending      commission of orders still in their after-sale window
  available    commission the distributor may withdraw (may go negative)
  withdrawing  asked for, awaiting review
  clearing     approved, handed to the payout provider
  paid         paid out to the distributor
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import event, func, insert, select
from sqlalchemy.orm import Session

from app.db import insert_ignore
from referral import rules
from referral.errors import LedgerUnbalanced
from referral.models import LedgerAccount, LedgerEntry, LedgerTxn

KINDS = ("expense", "fee", "pending", "available", "withdrawing", "clearing", "paid")
MERCHANT_KINDS = frozenset({"expense", "fee"})
APPEND_ONLY = (LedgerEntry, LedgerTxn)


def account_id(session: Session, merchant_id: int, kind: str, user_id: int = 0) -> int:
    """The account's id, made on first use (racing makers meet on the unique key)."""
    if kind not in KINDS:
        raise ValueError(kind)
    user_id = 0 if kind in MERCHANT_KINDS else user_id
    cache = session.info.setdefault("ledger_accounts", {})
    key = (merchant_id, kind, user_id)
    if key not in cache:
        stmt = select(LedgerAccount.id).filter_by(merchant_id=merchant_id, kind=kind,
                                                  user_id=user_id)
        found = session.scalar(stmt)
        if found is None:
            insert_ignore(session, LedgerAccount, merchant_id=merchant_id, kind=kind,
                          user_id=user_id)
            found = session.scalar(stmt)
        cache[key] = found
    return cache[key]


def post(session: Session, *, key: str, merchant_id: int, kind: str, now: datetime,
         legs: list[tuple[str, int, int]], order_id: int | None = None) -> bool:
    """Post legs [(account kind, user id, amount_fen)] as one transaction under
    `key`; zero legs are dropped. False (and nothing written) when the key was
    posted before or nothing is left to post. Raises LedgerUnbalanced."""
    legs = [leg for leg in legs if leg[2] != 0]
    if not legs:
        return False
    if not rules.balanced([amount for _, _, amount in legs]):
        raise LedgerUnbalanced(details={"key": key})
    if not insert_ignore(session, LedgerTxn, key=key, merchant_id=merchant_id, kind=kind,
                         order_id=order_id, created_at=now):
        return False
    txn_id = session.scalar(select(LedgerTxn.id).where(LedgerTxn.key == key))
    session.execute(insert(LedgerEntry), [
        {"txn_id": txn_id, "account_id": account_id(session, merchant_id, acc, user),
         "amount_fen": amount, "created_at": now} for acc, user, amount in legs])
    return True


def balances(session: Session, merchant_id: int, user_id: int) -> dict[str, int]:
    """A distributor's balance on each of their accounts (0 if never used)."""
    rows = session.execute(
        select(LedgerAccount.kind, func.coalesce(func.sum(LedgerEntry.amount_fen), 0))
        .join(LedgerEntry, LedgerEntry.account_id == LedgerAccount.id, isouter=True)
        .where(LedgerAccount.merchant_id == merchant_id, LedgerAccount.user_id == user_id,
               LedgerAccount.kind.notin_(MERCHANT_KINDS))
        .group_by(LedgerAccount.kind))
    found = {kind: int(total) for kind, total in rows}
    return {kind: found.get(kind, 0) for kind in KINDS if kind not in MERCHANT_KINDS}


def balance(session: Session, merchant_id: int, kind: str, user_id: int = 0) -> int:
    return int(session.scalar(
        select(func.coalesce(func.sum(LedgerEntry.amount_fen), 0))
        .join(LedgerAccount, LedgerEntry.account_id == LedgerAccount.id)
        .where(LedgerAccount.merchant_id == merchant_id, LedgerAccount.kind == kind,
               LedgerAccount.user_id == (0 if kind in MERCHANT_KINDS else user_id))))


def unbalanced(session: Session) -> list[int]:
    """Ids of transactions whose entries do not sum to zero or that have fewer
    than two entries: the database's own proof that the ledger balances."""
    sums = (select(LedgerTxn.id)
            .join(LedgerEntry, LedgerEntry.txn_id == LedgerTxn.id, isouter=True)
            .group_by(LedgerTxn.id)
            .having((func.coalesce(func.sum(LedgerEntry.amount_fen), 0) != 0)
                    | (func.count(LedgerEntry.id) < 2)))
    return list(session.scalars(sums.order_by(LedgerTxn.id)))


def total(session: Session) -> int:
    """The sum of every entry ever posted: always 0."""
    return int(session.scalar(select(func.coalesce(func.sum(LedgerEntry.amount_fen), 0))))


class AppendOnly(RuntimeError):
    """Ledger rows are never changed or deleted; post a reversing transaction."""


@event.listens_for(Session, "before_flush")
def _no_changes(session: Session, _ctx, _instances) -> None:
    for obj in (*session.dirty, *session.deleted):
        if isinstance(obj, APPEND_ONLY) and (obj in session.deleted or session.is_modified(obj)):
            raise AppendOnly(type(obj).__name__)


@event.listens_for(Session, "do_orm_execute")
def _no_bulk_changes(state) -> None:
    if (state.is_update or state.is_delete) and state.bind_mapper is not None \
            and state.bind_mapper.class_ in APPEND_ONLY:
        raise AppendOnly(state.bind_mapper.class_.__name__)
