"""An order's timers, set after the commit that made their reason (through
app.queue.enqueue, by job name); the orders sweep catches a lost one."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.orders import rules
from app.orders.models import Order
from app.queue import enqueue

JOBS, QUEUE = "app.orders.jobs", "orders"


def expiry(session: Session, order: Order) -> None:
    enqueue(session, f"{JOBS}.expire_unpaid", order.id, queue=QUEUE,
            job_id=f"order-expire-{order.id}", at=order.pay_deadline)


def auto_receive(session: Session, order: Order) -> None:
    enqueue(session, f"{JOBS}.auto_receive", order.id, queue=QUEUE,
            job_id=f"order-autoreceive-{order.id}",
            at=order.shipped_at + rules.AUTO_RECEIVE_AFTER)


def completion(session: Session, order: Order) -> None:
    enqueue(session, f"{JOBS}.complete", order.id, queue=QUEUE,
            job_id=f"order-complete-{order.id}", at=order.received_at + rules.AFTER_SALE_WINDOW)
