"""Settlement: an order's commission moves pending -> available once the
order completed (its after-sale window closed) with no refund open; a fully
refunded order's record closes. Set-based: one guarded UPDATE ... RETURNING
picks the orders, one query reads their commission, one batch posts it, so
the work grows with the orders settled, never with the size of the tree."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import func, select, update
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


def settle_many(session: Session, order_ids: list[int], now: datetime) -> tuple[list, list]:
    """(settled ids, closed ids) among order_ids; others are not due or done."""
    due = select(Order.id).where(Order.id.in_(order_ids),
                                 Order.status == order_rules.COMPLETED,
                                 Order.refund_status != order_rules.REFUNDING)
    settled = _move(session, order_ids, due, AVAILABLE, now)
    gone = select(Order.id).where(Order.id.in_(order_ids),
                                  Order.status == order_rules.REFUNDED)
    closed = _move(session, order_ids, gone, CLOSED, now)
    if settled:
        _post(session, settled, now)
    return settled, closed


def _move(session: Session, order_ids: list[int], which, status: str, now: datetime) -> list:
    """Guarded pending -> status: of racing settlers, each order goes to one."""
    return sorted(session.scalars(
        update(Attribution).where(Attribution.order_id.in_(order_ids),
                                  Attribution.status == PENDING,
                                  Attribution.order_id.in_(which))
        .values(status=status, settled_at=now).returning(Attribution.order_id)
        .execution_options(synchronize_session=False)))


def _post(session: Session, order_ids: list[int], now: datetime) -> None:
    rows = session.execute(
        select(Commission.order_id, Commission.merchant_id, Commission.user_id,
               func.sum(Commission.owed_fen))
        .where(Commission.order_id.in_(order_ids))
        .group_by(Commission.order_id, Commission.merchant_id, Commission.user_id))
    legs: dict[tuple[int, int], list] = defaultdict(list)
    for order_id, merchant_id, user_id, owed in rows:
        legs[(order_id, merchant_id)] += [("pending", user_id, -int(owed)),
                                          ("available", user_id, int(owed))]
    ledger.post_many(session, [ledger.Txn(f"settle-{o}", m, "settle", order_legs, o)
                               for (o, m), order_legs in sorted(legs.items())], now)


def due(session: Session, limit: int = 500) -> list[int]:
    """Pending orders that completed or were fully refunded: the sweep's work."""
    return list(session.scalars(
        select(Attribution.order_id).join(Order, Order.id == Attribution.order_id)
        .where(Attribution.status == PENDING,
               Order.status.in_((order_rules.COMPLETED, order_rules.REFUNDED)),
               Order.refund_status != order_rules.REFUNDING)
        .order_by(Attribution.order_id).limit(limit)))
