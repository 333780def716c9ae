"""Outbox jobs: `dispatch` (one per event, after its commit; RQ retries a
failed one) and the sweep, which sends again what a lost or failed job left
pending once it is due, and forgets events done long ago."""

from __future__ import annotations

from app import clock
from app.outbox import DISPATCH_JOB, QUEUE
from app.outbox import dispatch as outbox
from app.queue import enqueue


def dispatch(event_id: int) -> int:
    return outbox.dispatch(event_id)


def sweep() -> dict[str, int]:
    now = clock.now()
    due = outbox.pending(now)
    for event_id in due:
        enqueue(None, DISPATCH_JOB, event_id, queue=QUEUE, job_id=f"event-{event_id}")
    return {"requeued": len(due), "pruned": outbox.prune(now)}
