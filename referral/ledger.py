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

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import chain

from sqlalchemy import bindparam, event, func, select, tuple_
from sqlalchemy.orm import Session

from app.db import insert_ignoring
from referral import rules
from referral.errors import LedgerUnbalanced
from referral.models import LedgerAccount, LedgerEntry, LedgerTxn

KINDS = ("expense", "fee", "pending", "available", "withdrawing", "clearing", "paid")
MERCHANT_KINDS = frozenset({"expense", "fee"})
APPEND_ONLY = (LedgerEntry, LedgerTxn)

_ACCOUNT = LedgerAccount.__table__.c
_ACCOUNTS = select(_ACCOUNT.merchant_id, _ACCOUNT.kind, _ACCOUNT.user_id, _ACCOUNT.id).where(
    tuple_(_ACCOUNT.merchant_id, _ACCOUNT.kind, _ACCOUNT.user_id)
    .in_(bindparam("keys", expanding=True)))  # built once: compiled once per process


def account_ids(session: Session, keys: set[tuple[int, str, int]]) -> dict:
    """{(merchant, kind, user): account id} for every key, made on first use
    (racing makers meet on the unique key, each inserting in key order, so
    two never wait on each other's). Cached for the session."""
    cache = session.info.setdefault("ledger_accounts", {})
    wanted = {(m, k, 0 if k in MERCHANT_KINDS else u) for m, k, u in keys} - set(cache)
    if any(k not in KINDS for _, k, _ in wanted):
        raise ValueError(f"unknown account kind in {wanted}")
    for _ in range(2):
        if not wanted:
            break
        for m, k, u, account in session.execute(_ACCOUNTS, {"keys": list(wanted)}).all():
            cache[(m, k, u)] = account
        wanted -= set(cache)
        if wanted:
            session.execute(insert_ignoring(session, LedgerAccount),
                            [{"merchant_id": m, "kind": k, "user_id": u}
                             for m, k, u in sorted(wanted)])
    return {key: cache[(key[0], key[1], 0 if key[1] in MERCHANT_KINDS else key[2])]
            for key in keys}


def bulk_insert(session: Session, table, names: Sequence[str], rows: list[tuple]) -> None:
    """Plain INSERT of many rows through the driver's executemany: the
    ledger's hot path, without per-row statement machinery. Values must be in
    the driver's form already: ints, or what `bound` made of a column value."""
    if rows:
        conn = session.connection()
        mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        conn.exec_driver_sql(f"INSERT INTO {table.name} ({', '.join(names)}) "
                             f"VALUES ({', '.join([mark] * len(names))})", rows)


def insert_new_rows(session: Session, table, names: Sequence[str], rows: list[tuple],
                    returning: Sequence[str]) -> list:
    """INSERT ... ON CONFLICT DO NOTHING RETURNING `returning` for many rows
    (multi-row VALUES, 500 per statement): for the rows this call inserted,
    the returned value (one column) or row (several); rows whose key exists
    already are skipped. Values in driver form."""
    conn = session.connection()
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    one = f"({', '.join([mark] * len(names))})"
    out = []
    for i in range(0, len(rows), 500):
        chunk = rows[i:i + 500]
        sql = (f"INSERT INTO {table.name} ({', '.join(names)}) VALUES "
               f"{', '.join([one] * len(chunk))} ON CONFLICT DO NOTHING "
               f"RETURNING {', '.join(returning)}")
        result = conn.exec_driver_sql(sql, tuple(chain.from_iterable(chunk)))
        out += result.scalars().all() if len(returning) == 1 else result.all()
    return out


def bound(session: Session, column, value):
    """A value as the column's type binds it for this database (once per call)."""
    proc = column.type._cached_bind_processor(session.connection().dialect)
    return proc(value) if proc else value


@dataclass
class Txn:
    """One transaction to post: legs [(account kind, user id, amount_fen)]."""

    key: str
    merchant_id: int
    kind: str
    legs: list[tuple[str, int, int]]
    order_id: int | None = None


def post(session: Session, *, key: str, merchant_id: int, kind: str, now: datetime,
         legs: list[tuple[str, int, int]], order_id: int | None = None) -> bool:
    """Post one transaction (see post_many); True if it was written."""
    return bool(post_many(session, [Txn(key, merchant_id, kind, legs, order_id)], now))


def post_many(session: Session, txns: list[Txn], now: datetime) -> list[str]:
    """Post transactions, zero legs dropped; each must balance (else
    LedgerUnbalanced and nothing is written). A key posted before, or racing
    in, is skipped: only the keys this call inserted get entries. Returns them."""
    txns = _checked(txns)
    if not txns:
        return []
    table = LedgerTxn.__table__
    stamp = bound(session, table.c.created_at, now)
    inserted = dict(insert_new_rows(
        session, table, ["key", "merchant_id", "kind", "order_id", "created_at"],
        [(t.key, t.merchant_id, t.kind, t.order_id, stamp) for t in txns], ["key", "id"]))
    txns = [t for t in txns if t.key in inserted]
    accounts = account_ids(session, {(t.merchant_id, k, u) for t in txns for k, u, _ in t.legs})
    entries = []
    for t in txns:
        txn_id, merchant_id = inserted[t.key], t.merchant_id
        entries += [(txn_id, accounts[(merchant_id, k, u)], amount, stamp)
                    for k, u, amount in t.legs]
    bulk_insert(session, LedgerEntry.__table__, ["txn_id", "account_id", "amount_fen",
                                                 "created_at"], entries)
    return [t.key for t in txns]


def _checked(txns: list[Txn]) -> list[Txn]:
    """The transactions with their zero legs dropped (and those left with no
    leg at all); raises LedgerUnbalanced unless each has at least two legs
    summing to zero. Checked for all before anything is written."""
    out = []
    for t in txns:
        legs = [leg for leg in t.legs if leg[2]]
        if not legs:
            continue
        if not rules.balanced([amount for _, _, amount in legs]):
            raise LedgerUnbalanced(details={"key": t.key})
        out.append(t if len(legs) == len(t.legs) else
                   Txn(t.key, t.merchant_id, t.kind, legs, t.order_id))
    return out


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
