"""What members do when orders change (domain events, after the commit):
a paid order makes its buyer a member; a completed one earns points and
growth; a refund claws them back in proportion. Each write is keyed (by
order or refund), so a handler applied twice writes nothing new."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app import events
from app.orders.models import Order
from members import members
from members.points import earning as points


def on_order_paid(session: Session, event: events.OrderPaid) -> None:
    members.join(session, merchant_id=event.merchant_id, user_id=event.buyer_id,
                 via="order", now=event.at)


def on_order_completed(session: Session, event: events.OrderCompleted) -> None:
    points.on_completed(session, session.get(Order, event.order_id), event.at)


def on_order_refunded(session: Session, event: events.OrderRefunded) -> None:
    points.on_refunded(session, session.get(Order, event.order_id), refund_id=event.refund_id,
                       amount_fen=event.amount_fen, whole=event.whole, now=event.at)


HANDLERS = (
    events.Handler(events.OrderPaid, "members.join", on_order_paid),
    events.Handler(events.OrderCompleted, "members.points_earned", on_order_completed),
    events.Handler(events.OrderRefunded, "members.points_clawback", on_order_refunded),
)
