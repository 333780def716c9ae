"""Applying handlers to outbox events, once each, in each stream's order, a
batch of events at a time.

`dispatch_many(event_ids)` takes those events and the earlier pending
events of their streams, oldest first. Each feature (the part of a
handler's name before the dot: "referral.*") then applies its handlers to
the whole batch in one transaction of its own, each (event, handler) in a
savepoint that first writes (event id, handler name): when that row exists
already (another run applied it, or is applying it and commits first) the
handler is skipped. A handler that raises is rolled back alone (its
savepoint, with the jobs and hooks it asked for) and noted on the event;
the later events of its stream wait for it, for that feature's handlers, so
a feature never sees an order refunded before it saw it paid; the other
streams and the other features go on. The job then fails so that RQ
retries it, and the sweep retries after that, backing off. An event is done
once each of its handlers applied. `dispatch(event_id)` is a batch of one.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam, delete, select, update

from app import clock, events
from app.db import insert_ignore, savepoint, transaction
from app.outbox.models import HandlerApplied, OutboxEvent

log = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(hours=1)
KEEP_DONE = timedelta(days=7)


class HandlersFailed(Exception):
    """Some handler of the batch raised; the job fails and is retried."""


@dataclass(frozen=True)
class _Row:
    id: int
    stream: str
    event: object


def dispatch(event_id: int) -> int:
    """Apply the pending handlers of `event_id` (and of its stream's earlier
    events); returns how many handlers took effect now."""
    return dispatch_many([event_id])


def dispatch_many(event_ids: Iterable[int]) -> int:
    """Apply the pending handlers of the events (and of their streams'
    earlier events); returns how many handlers took effect now. Raises
    HandlersFailed, after everything else applied, if a handler raised."""
    with transaction() as session:
        rows = _streams_before(session, sorted(set(event_ids)))
    if not rows:
        return 0
    features: dict[str, list[events.Handler]] = {}
    for row in rows:
        for handler in events.handlers_for(type(row.event)):
            features.setdefault(handler.feature, [])
            if handler not in features[handler.feature]:
                features[handler.feature].append(handler)
    applied, failures = 0, {}
    for feature in sorted(features):
        done, failed = _apply_feature(rows, features[feature])
        applied += done
        failures.update(failed)
    if failures:
        _note_failures(failures)
    _mark_done(rows)
    if failures:
        names = sorted({h for errs in failures.values() for h, _ in errs})
        raise HandlersFailed(f"events {sorted(failures)}: {names} failed")
    return applied


def _streams_before(session, event_ids: list[int]) -> list[_Row]:
    """The events asked for and every earlier pending event of their
    streams, oldest first, decoded."""
    if not event_ids:
        return []
    highest: dict[str, int] = {}  # each stream's last event asked for
    for stream, event_id in session.execute(
            select(OutboxEvent.stream, OutboxEvent.id).where(OutboxEvent.id.in_(event_ids))):
        highest[stream] = max(highest.get(stream, 0), event_id)
    if not highest:
        return []
    found = session.execute(
        select(OutboxEvent.id, OutboxEvent.stream, OutboxEvent.name, OutboxEvent.payload)
        .where(OutboxEvent.stream.in_(sorted(highest)), OutboxEvent.done_at.is_(None),
               OutboxEvent.id <= max(highest.values()))
        .order_by(OutboxEvent.id)).all()
    return [_Row(r.id, r.stream, events.decode(r.name, r.payload))
            for r in found if r.id <= highest[r.stream]]


def _apply_feature(rows: list[_Row], handlers: list[events.Handler]):
    """One feature's handlers over the batch, in one transaction: returns
    (handlers applied now, {event id: [(handler, error)]} of those that raised).
    A commit that fails fails every (event, handler) it held."""
    failed_streams: set[str] = set()
    failures: dict[int, list[tuple[str, str]]] = {}
    attempted: list[tuple[int, str]] = []
    applied = 0
    try:
        with transaction() as session:
            for row in rows:
                for handler in handlers:
                    if handler.event is not type(row.event):
                        continue
                    if row.stream in failed_streams:
                        continue  # its stream waits for the event it failed on
                    outcome = _apply(session, row, handler)
                    if isinstance(outcome, str):
                        failed_streams.add(row.stream)
                        failures.setdefault(row.id, []).append((handler.name, outcome))
                        continue
                    if outcome:
                        attempted.append((row.id, handler.name))
                    applied += outcome
    except Exception as exc:
        log.exception("handlers %s: the batch's commit failed", [h.name for h in handlers])
        for event_id, name in attempted:
            failures.setdefault(event_id, []).append((name, repr(exc)))
        return 0, failures
    return applied, failures


def _apply(session, row: _Row, handler: events.Handler) -> int | str:
    """1 if the handler took effect now, 0 if it had before, the error if it raised."""
    try:
        with savepoint(session):
            if not insert_ignore(session, HandlerApplied, event_id=row.id,
                                 handler=handler.name, applied_at=clock.now()):
                return 0
            handler.run(session, row.event)
            session.flush()
        return 1
    except Exception as exc:
        log.exception("handler %s failed on event %s", handler.name, row.id)
        return repr(exc)


def _note_failures(failures: dict[int, list[tuple[str, str]]]) -> None:
    now = clock.now()
    with transaction() as session:
        for event_id in sorted(failures):
            event = session.get(OutboxEvent, event_id)
            if event is None:
                continue
            error = "; ".join(f"{name}: {err}" for name, err in failures[event_id])
            event.attempts += 1
            event.last_error = error[:500]
            event.next_at = now + min(MAX_BACKOFF, timedelta(seconds=30 * 2 ** event.attempts))


_DONE = (update(OutboxEvent)
         .where(OutboxEvent.id == bindparam("eid"), OutboxEvent.done_at.is_(None))
         .values(done_at=bindparam("at")))


def _mark_done(rows: list[_Row]) -> None:
    """Each event whose handlers have all applied is done."""
    ids = [row.id for row in rows]
    with transaction() as session:
        applied: dict[int, set[str]] = {}
        for event_id, name in session.execute(
                select(HandlerApplied.event_id, HandlerApplied.handler)
                .where(HandlerApplied.event_id.in_(ids))):
            applied.setdefault(event_id, set()).add(name)
        now = clock.now()
        done = [{"eid": row.id, "at": now} for row in rows
                if applied.get(row.id, set()) >= {h.name for h in
                                                  events.handlers_for(type(row.event))}]
        if done:
            session.connection().execute(_DONE, done)


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
