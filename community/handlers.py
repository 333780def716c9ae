"""What community does when orders change (domain events, after the
commit): a paid pickup order gets its pickup code; a refund of an order
collected at a point cuts the leader's commission (and closes the code of a
wholly refunded order); completion settles the commission. Each write is
keyed by order or refund, so a handler applied twice writes nothing new."""

from __future__ import annotations

from sqlalchemy.orm import Session, lazyload

from app import events
from app.orders.models import Order
from community import leader_commission, pickup


def on_order_paid(session: Session, event: events.OrderPaid) -> None:
    order = session.get(Order, event.order_id, options=[lazyload(Order.lines)])  # not its lines
    pickup.on_paid(session, order, event.at)


def on_order_refunded(session: Session, event: events.OrderRefunded) -> None:
    order = session.get(Order, event.order_id)
    if order.leader_id is not None:
        leader_commission.on_refunded(session, order, refund_id=event.refund_id,
                                      amount_fen=event.amount_fen, now=event.at)
        pickup.on_refunded(session, order, whole=event.whole)


def on_order_completed(session: Session, event: events.OrderCompleted) -> None:
    order = session.get(Order, event.order_id)
    if order.leader_id is not None:
        leader_commission.settle(session, [order.id], event.at)


HANDLERS = (
    events.Handler(events.OrderPaid, "community.pickup_code", on_order_paid),
    events.Handler(events.OrderRefunded, "community.leader_refund", on_order_refunded),
    events.Handler(events.OrderCompleted, "community.leader_settlement", on_order_completed),
)
