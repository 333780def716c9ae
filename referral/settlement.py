"""Settlement: an order's commission moves pending -> available once the
order completed (its after-sale window closed) with no refund open; a fully
refunded order's record closes. Set-based: one guarded UPDATE ... RETURNING
picks the due orders (settled or closed), one query reads their commission,
one batch posts it, so the work grows with the orders settled, never with the
size of the tree."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, bindparam, case, func, or_, select, update
from sqlalchemy.orm import Session

from app.orders import rules as order_rules
from app.orders.models import Order
from referral import ledger
from referral.commission import AVAILABLE, CLOSED, PENDING
from referral.models import Attribution, Commission


def settle(session: Session, order_id: int, now: datetime) -> str:
    """One order: settled | closed | waiting (not due yet) | done (before)."""
    settled, closed = settle_many(session, [order_id], now)
    if settled or closed:
        return "settled" if settled else "closed"
    att = session.get(Attribution, order_id)
    return "waiting" if att is not None and att.status == PENDING else "done"


_ATT, _ORD, _COM = Attribution.__table__, Order.__table__, Commission.__table__
# Built once, so each is compiled once per process. Due: completed with no
# refund open (-> available), or fully refunded (-> closed). The guard
# `status = pending` in the UPDATE itself: of racing settlers, each order goes
# to exactly one. One indexed lookup per order named, never a scan.
_SETTLE = (
    update(_ATT)
    .where(_ATT.c.order_id == _ORD.c.id, _ORD.c.id.in_(bindparam("ids", expanding=True)),
           _ATT.c.status == PENDING,
           or_(and_(_ORD.c.status == order_rules.COMPLETED,
                    _ORD.c.refund_status != order_rules.REFUNDING),
               _ORD.c.status == order_rules.REFUNDED))
    .values(status=case((_ORD.c.status == order_rules.COMPLETED, AVAILABLE), else_=CLOSED),
            settled_at=bindparam("now", type_=_ATT.c.settled_at.type))
    .returning(_ATT.c.order_id, _ATT.c.status))
_OWED = (
    select(_COM.c.order_id, _COM.c.merchant_id, _COM.c.user_id, func.sum(_COM.c.owed_fen))
    .where(_COM.c.order_id.in_(bindparam("ids", expanding=True)))
    .group_by(_COM.c.order_id, _COM.c.merchant_id, _COM.c.user_id)
    .order_by(_COM.c.order_id, _COM.c.merchant_id, _COM.c.user_id))


def settle_many(session: Session, order_ids: list[int], now: datetime) -> tuple[list, list]:
    """(settled ids, closed ids) among order_ids; others are not due or done.
    One guarded UPDATE moves every due order, then the settled ones post."""
    moved = session.execute(_SETTLE, {"ids": list(order_ids), "now": now}).all()
    settled = sorted(o for o, status in moved if status == AVAILABLE)
    closed = sorted(o for o, status in moved if status == CLOSED)
    if settled:
        _post(session, settled, now)
    return settled, closed


def _post(session: Session, order_ids: list[int], now: datetime) -> None:
    """One transaction per order: each beneficiary's owed commission moves
    pending -> available."""
    txns: dict[tuple[int, int], ledger.Txn] = {}
    for order_id, merchant_id, user_id, owed in session.execute(_OWED, {"ids": order_ids}).all():
        txn = txns.get((order_id, merchant_id))
        if txn is None:
            txn = txns[(order_id, merchant_id)] = ledger.Txn(
                f"settle-{order_id}", merchant_id, "settle", [], order_id)
        owed = int(owed)  # a Decimal on PostgreSQL
        txn.legs += (("pending", user_id, -owed), ("available", user_id, owed))
    ledger.post_many(session, [txns[key] for key in sorted(txns)], now)


def due(session: Session, limit: int = 500) -> list[int]:
    """Pending orders that completed or were fully refunded: the sweep's work."""
    return list(session.scalars(
        select(Attribution.order_id).join(Order, Order.id == Attribution.order_id)
        .where(Attribution.status == PENDING,
               Order.status.in_((order_rules.COMPLETED, order_rules.REFUNDED)),
               Order.refund_status != order_rules.REFUNDING)
        .order_by(Attribution.order_id).limit(limit)))
