"""An after-sale's clock: one job at the deadline of the state it entered
(a unique id per request and state), set after the commit; the after-sales
sweep catches a lost one."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.payments import schedule as payments
from app.queue import enqueue

JOBS, QUEUE = "app.aftersales.jobs", "orders"


def deadline(session: Session, sale) -> None:
    enqueue(session, f"{JOBS}.deadline", sale.id, queue=QUEUE,
            job_id=f"after-sale-{sale.id}-{sale.status}", at=sale.deadline_at)


def submit_refund(session: Session, refund_id: int) -> None:
    payments.submit_refund(session, refund_id)
