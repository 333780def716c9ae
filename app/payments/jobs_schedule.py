"""Enqueueing payment jobs (after the commit that made their reason)."""

from __future__ import annotations

from datetime import datetime

from app.queue import queues


def submit_refund(refund_id: int) -> None:
    from app.payments import jobs

    queues().enqueue("payments", jobs.submit_refund, refund_id, job_id=f"refund-{refund_id}")


def reconcile_at(intent_id: int, when: datetime) -> None:
    from app.payments import jobs

    queues().enqueue_at("payments", when, jobs.reconcile, intent_id,
                        job_id=f"pay-reconcile-{intent_id}")


def deliver_notice(headers: dict, body: bytes) -> None:
    from app.payments import jobs

    queues().enqueue("payments", jobs.deliver_notice, headers, body)
