"""Outbox jobs: `dispatch` (one event) and `dispatch_many` (the events one
transaction recorded), enqueued after its commit (RQ retries a failed one),
and the sweep, which sends again what a lost or failed job left pending
once it is due, and forgets events done long ago."""

from __future__ import annotations

from app import clock
from app.outbox import DISPATCH_JOB, QUEUE
from app.outbox import dispatch as outbox
from app.queue import enqueue


def dispatch(event_id: int) -> int:
    return outbox.dispatch(event_id)


def dispatch_many(event_ids: list[int]) -> int:
    return outbox.dispatch_many(event_ids)


def sweep() -> dict[str, int]:
    now = clock.now()
    due = outbox.pending(now)
    for event_id in due:
        enqueue(None, DISPATCH_JOB, event_id, queue=QUEUE, job_id=f"event-{event_id}")
    return {"requeued": len(due), "pruned": outbox.prune(now)}
