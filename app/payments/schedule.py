"""Payment jobs, enqueued by name after the commit that made their reason
(app.queue.enqueue); the payments sweep catches a lost one."""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy.orm import Session

from app.queue import enqueue

JOBS, QUEUE = "app.payments.jobs", "payments"


def submit_refund(session: Session, refund_id: int) -> None:
    enqueue(session, f"{JOBS}.submit_refund", refund_id, queue=QUEUE,
            job_id=f"refund-{refund_id}")


def reconcile_at(session: Session, intent_id: int, when: datetime) -> None:
    enqueue(session, f"{JOBS}.reconcile", intent_id, queue=QUEUE,
            job_id=f"pay-reconcile-{intent_id}", at=when)


def deliver_notice(headers: dict, body: bytes) -> None:
    """The sandbox's notice, posted by the worker (now: no transaction)."""
    digest = hashlib.sha1(body).hexdigest()[:16]
    enqueue(None, f"{JOBS}.deliver_notice", headers, body, queue=QUEUE,
            job_id=f"pay-notice-{digest}")
