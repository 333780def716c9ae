"""The outbox: domain events (app/events.py) recorded with the change that
made them, and their handlers applied after the commit, once each
(dispatch.py, jobs.py)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import insert
from sqlalchemy.orm import Session

from app import events
from app.outbox.models import OutboxEvent
from app.queue import enqueue

DISPATCH_JOB, QUEUE = "app.outbox.jobs.dispatch", "events"
# an event still pending this long after it was due lost its job: the sweep sends it again
LOST_AFTER = timedelta(minutes=1)


def record(session: Session, event) -> int | None:
    """Write `event` into the outbox in the caller's transaction and have it
    dispatched after the commit. An event nobody handles is not kept."""
    if not events.handlers_for(type(event)):
        return None
    event_id = session.execute(insert(OutboxEvent).values(
        name=event.name, stream=event.stream, payload=events.encode(event),
        created_at=event.at, next_at=event.at + LOST_AFTER, attempts=0)
        .returning(OutboxEvent.id)).scalar_one()
    enqueue(session, DISPATCH_JOB, event_id, queue=QUEUE, job_id=f"event-{event_id}")
    return event_id
