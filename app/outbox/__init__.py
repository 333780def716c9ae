"""The outbox: domain events (app/events.py) recorded with the change that
made them, and their handlers applied after the commit, once each
(dispatch.py, jobs.py). The events one transaction records leave in one
dispatch job after its commit (a batch of payment notices: one job)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import insert
from sqlalchemy.orm import Session

from app import events
from app.db import after_commit
from app.outbox.models import OutboxEvent
from app.queue import enqueue

DISPATCH_JOB, QUEUE = "app.outbox.jobs.dispatch", "events"
DISPATCH_MANY_JOB = "app.outbox.jobs.dispatch_many"
# an event still pending this long after it was due lost its job: the sweep sends it again
LOST_AFTER = timedelta(minutes=1)
JOB_EVENTS = 200  # at most this many events per dispatch job


def record(session: Session, event) -> int | None:
    """Write `event` into the outbox in the caller's transaction and have it
    dispatched after the commit, with the transaction's other events. An
    event nobody handles is not kept."""
    if not events.handlers_for(type(event)):
        return None
    event_id = session.execute(insert(OutboxEvent).values(
        name=event.name, stream=event.stream, payload=events.encode(event),
        created_at=event.at, next_at=event.at + LOST_AFTER, attempts=0)
        .returning(OutboxEvent.id)).scalar_one()
    bucket = session.info.get("outbox")
    if bucket is None or bucket.send not in session.info.get("after_commit", []):
        # the first event, or the first since a savepoint dropped the hook
        bucket = session.info["outbox"] = _Bucket()
        after_commit(session, bucket.send)
    bucket.ids.append(event_id)
    return event_id


class _Bucket:
    """The events of one transaction, sent after its commit (an id whose
    savepoint rolled back finds no event: nothing is dispatched for it)."""

    def __init__(self):
        self.ids: list[int] = []

    def send(self) -> None:
        send(self.ids)


def send(event_ids: list[int]) -> None:
    """Enqueue the dispatch of these events now: one job for one event
    (job id event-<id>), else one job per JOB_EVENTS events."""
    ids = sorted(event_ids)
    if len(ids) == 1:
        enqueue(None, DISPATCH_JOB, ids[0], queue=QUEUE, job_id=f"event-{ids[0]}")
        return
    for first in range(0, len(ids), JOB_EVENTS):
        chunk = ids[first:first + JOB_EVENTS]
        enqueue(None, DISPATCH_MANY_JOB, chunk, queue=QUEUE,
                job_id=f"events-{chunk[0]}-{len(chunk)}")
