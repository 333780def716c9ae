"""What referral does when orders change (domain events, after the commit):
paid -> the chain recorded and commission pending; refunded -> reversed in
proportion; completed -> the settlement job. Each is idempotent by its
ledger key as well, so a handler applied twice posts nothing new."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app import events
from app.orders.models import Order
from app.queue import enqueue
from referral import commission


def on_order_paid(session: Session, event: events.OrderPaid) -> None:
    commission.accrue_many(session, [event.order_id], event.at)  # reads what it needs itself


def on_order_refunded(session: Session, event: events.OrderRefunded) -> None:
    lines = [{"order_line_id": ln.order_line_id, "amount_fen": ln.amount_fen}
             for ln in event.lines]
    commission.on_refunded(session, session.get(Order, event.order_id),
                           refund_id=event.refund_id, amount_fen=event.amount_fen,
                           lines=lines, now=event.at)


def on_order_completed(session: Session, event: events.OrderCompleted) -> None:
    enqueue(session, "referral.jobs.settle", event.order_id, queue="referral",
            job_id=f"ref-settle-{event.order_id}")


HANDLERS = (
    events.Handler(events.OrderPaid, "referral.commission", on_order_paid),
    events.Handler(events.OrderRefunded, "referral.reversal", on_order_refunded),
    events.Handler(events.OrderCompleted, "referral.settlement", on_order_completed),
)
