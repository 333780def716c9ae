"""Applying handlers to outbox events, once each, in each stream's order.

`dispatch(event_id)` takes the event and the earlier pending events of its
stream, oldest first, and applies every subscribed handler in a transaction
of its own that first writes (event id, handler name): when that row exists
already (another run applied it, or is applying it and commits first) the
handler is skipped. A handler that raises is rolled back alone and noted
on the event; the later events of its stream wait for it, for the handlers
of its feature (the feature a handler's name starts with: "referral.*"), so
a feature never sees an order refunded before it saw it paid; the other
features go on. The job then fails so that RQ retries it, and the sweep
retries after that, backing off. An event is done once each handler applied.
"""

from __future__ import annotations

import contextlib
import logging
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update

from app import clock, events
from app.db import insert_ignore, transaction
from app.outbox.models import HandlerApplied, OutboxEvent

log = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(hours=1)
KEEP_DONE = timedelta(days=7)


class HandlersFailed(Exception):
    """Some handler of the event raised; the job fails and is retried."""


def dispatch(event_id: int) -> int:
    """Apply the pending handlers of `event_id` (and of its stream's earlier
    events); returns how many handlers took effect now."""
    with transaction() as session:
        rows = _stream_before(session, event_id)
    failed: set[str] = set()  # features whose handler failed on this stream
    applied = 0
    for row_id, name, payload in rows:
        event = events.decode(name, payload)
        for handler in events.handlers_for(type(event)):
            if handler.feature in failed:
                continue  # its stream waits for the event it failed on
            outcome = _apply(row_id, handler, event)
            if outcome is None:
                failed.add(handler.feature)
            applied += outcome or 0
        _mark_done(row_id, type(event))
    if failed:
        raise HandlersFailed(f"event {event_id}: {sorted(failed)} failed")
    return applied


def _stream_before(session, event_id: int) -> list[tuple[int, str, str]]:
    event = session.get(OutboxEvent, event_id)
    if event is None:
        return []
    return list(session.execute(
        select(OutboxEvent.id, OutboxEvent.name, OutboxEvent.payload)
        .where(OutboxEvent.stream == event.stream, OutboxEvent.id <= event_id,
               OutboxEvent.done_at.is_(None)).order_by(OutboxEvent.id)).all())


def _apply(event_id: int, handler: events.Handler, event) -> int | None:
    """1 if the handler took effect now, 0 if it had before, None if it raised."""
    try:
        with transaction() as session:
            if not insert_ignore(session, HandlerApplied, event_id=event_id,
                                 handler=handler.name, applied_at=clock.now()):
                return 0
            handler.run(session, event)
        return 1
    except Exception as exc:
        log.exception("handler %s failed on event %s", handler.name, event_id)
        _note_failure(event_id, f"{handler.name}: {exc!r}")
        return None


def _note_failure(event_id: int, error: str) -> None:
    now = clock.now()
    with transaction() as session:
        event = session.get(OutboxEvent, event_id)
        event.attempts += 1
        event.last_error = error[:500]
        event.next_at = now + min(MAX_BACKOFF, timedelta(seconds=30 * 2 ** event.attempts))


def _mark_done(event_id: int, event_type: type) -> None:
    names = [h.name for h in events.handlers_for(event_type)]
    with transaction() as session:
        done = set(session.scalars(select(HandlerApplied.handler).where(
            HandlerApplied.event_id == event_id, HandlerApplied.handler.in_(names))))
        if done >= set(names):
            session.execute(update(OutboxEvent).where(
                OutboxEvent.id == event_id, OutboxEvent.done_at.is_(None))
                .values(done_at=clock.now()).execution_options(synchronize_session=False))


def pending(now: datetime | None = None, limit: int = 500) -> list[int]:
    """Events not done, oldest first; with `now`, only those due again."""
    stmt = select(OutboxEvent.id).where(OutboxEvent.done_at.is_(None))
    if now is not None:
        stmt = stmt.where(OutboxEvent.next_at <= now)
    with transaction() as session:
        return list(session.scalars(stmt.order_by(OutboxEvent.id).limit(limit)))


def drain() -> int:
    """Dispatch every pending event here and now (tests, the CLI); a failing
    handler is logged and stays pending. Returns the handlers applied."""
    applied = 0
    for event_id in pending():
        with contextlib.suppress(HandlersFailed):
            applied += dispatch(event_id)
    return applied


def prune(now: datetime, limit: int = 1000) -> int:
    """Forget events done more than KEEP_DONE ago."""
    with transaction() as session:
        ids = list(session.scalars(select(OutboxEvent.id).where(
            OutboxEvent.done_at <= now - KEEP_DONE).order_by(OutboxEvent.id).limit(limit)))
        if ids:
            session.execute(delete(HandlerApplied).where(HandlerApplied.event_id.in_(ids)))
            session.execute(delete(OutboxEvent).where(OutboxEvent.id.in_(ids)))
    return len(ids)
