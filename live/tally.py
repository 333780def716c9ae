"""What this process counted in Redis and has not written to the database
yet: like taps, the peak its joins saw, first visits and first likes of
signed-in users, per room and per epoch (the load of the room's Redis state
they were counted under).

What is kept, and why. Redis may lose everything at any moment (FLUSHALL, a
failover to an empty replica), and a like is counted in Redis only, never
with a database write per tap. So each process keeps its counts here, in its
own memory, which a Redis loss does not touch, and writes them at each
presence beat: `live_rooms.likes_flushed` grows by the batch (an atomic
UPDATE, also the row lock that orders it against a load of the room), the
room's peak rises to the batch's, and `live_audience` gets the new viewers
and likers. A load of the room after a loss starts from what the database
holds, after the loading process wrote its own batches in the same
transaction; a batch of another process counted before that load and written
after it (the load could not see it) is then credited to Redis
(lua/credit.lua). Hence no counted like is lost or counted twice, and the
total never goes below what the database and the loading process hold;
another node's unwritten taps come back at its next beat (the pages show the
largest total they heard). What can still be lost: the batch of a process
that dies outright (at most one beat of taps) from the database's count,
which matters only if Redis is lost too before the room ends (the room's
saved figure, at most STATS_SAVE_MS old, is then the floor).
"""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field

from sqlalchemy import case, update
from sqlalchemy.orm import Session

from app.db import after_rollback
from live.engine import Engine
from live.models import Audience, LiveRoom

log = logging.getLogger(__name__)


@dataclass
class Batch:
    likes: int = 0
    peak: int = 0  # the highest online count a join here saw
    viewers: set[int] = field(default_factory=set)
    likers: set[int] = field(default_factory=set)

    def merge(self, other: Batch) -> None:
        self.likes += other.likes
        self.peak = max(self.peak, other.peak)
        self.viewers |= other.viewers
        self.likers |= other.likers


_held: dict[int, dict[str, Batch]] = defaultdict(dict)  # room -> epoch -> batch
_lock = threading.Lock()


def add(room_id: int, epoch: str, *, likes: int = 0, peak: int = 0,
        viewer: int | None = None, liker: int | None = None) -> None:
    with _lock:
        batch = _held[room_id].setdefault(epoch, Batch())
        batch.likes += likes
        batch.peak = max(batch.peak, peak)
        if viewer is not None:
            batch.viewers.add(viewer)
        if liker is not None:
            batch.likers.add(liker)


def reset() -> None:
    """Forget everything held (tests: room ids start again)."""
    with _lock:
        _held.clear()


def _take() -> dict[int, dict[str, Batch]]:
    with _lock:
        taken = dict(_held)
        _held.clear()
    return taken


def _give_back(room_id: int, batches: dict[str, Batch]) -> None:
    with _lock:
        for epoch, batch in batches.items():
            _held[room_id].setdefault(epoch, Batch()).merge(batch)


def _insert_new(session: Session, model):
    """INSERT ... ON CONFLICT DO NOTHING (SQLite and PostgreSQL)."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(model).on_conflict_do_nothing()


def write(session: Session, engine: Engine, room_id: int, batch: Batch) -> str | None:
    """Add the batch to the database; returns the room's epoch, read under
    the room row's lock (a load of the room holds it while reading)."""
    peak = case((LiveRoom.peak_online < batch.peak, batch.peak), else_=LiveRoom.peak_online)
    session.execute(update(LiveRoom).where(LiveRoom.id == room_id)
                    .values(likes_flushed=LiveRoom.likes_flushed + batch.likes, peak_online=peak))
    rows = [{"room_id": room_id, "kind": kind, "user_id": uid}
            for kind, ids in (("viewer", batch.viewers), ("liker", batch.likers))
            for uid in sorted(ids)]
    if rows:
        session.execute(_insert_new(session, Audience), rows)
    return engine.epoch(room_id)


def write_held(session: Session, engine: Engine, room_id: int) -> None:
    """Write this process's batches of the room in the caller's transaction
    (a load of the room then reads them); given back if it rolls back."""
    with _lock:
        batches = _held.pop(room_id, {})
    total = Batch()
    for batch in batches.values():
        total.merge(batch)
    after_rollback(session, lambda: _give_back(room_id, batches))
    write(session, engine, room_id, total)


def flush(transaction: Callable[[], AbstractContextManager[Session]], engine: Engine) -> int:
    """Write every batch held; returns the likes written. A batch counted
    under an epoch other than the room's now is credited to Redis after the
    commit; a batch that could not be written is kept for the next beat."""
    written = 0
    for room_id, batches in _take().items():
        total = Batch()
        for batch in batches.values():
            total.merge(batch)
        try:
            with transaction() as session:
                now = write(session, engine, room_id, total)
        except Exception:
            log.exception("writing live room %s's likes failed; kept for the next beat", room_id)
            _give_back(room_id, batches)
            continue
        written += total.likes
        late = Batch()
        for epoch, batch in batches.items():
            if now is not None and epoch != now:
                late.merge(batch)
        if late.likes or late.peak or late.viewers or late.likers:
            try:
                engine.credit(room_id, now, likes=late.likes, peak=late.peak,
                              viewers=sorted(late.viewers), likers=sorted(late.likers))
            except Exception:  # the database has them: the next load reads them
                log.exception("crediting live room %s failed", room_id)
    return written
