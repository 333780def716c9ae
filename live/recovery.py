"""Loading a live room's Redis state back from the database, the truth, when
Redis lost it (a FLUSHALL, a failover to an empty replica). The scripts that
need a room's state refuse while its load marker is missing, and the call
heals it: under the room's rebuild lock one process loads the room (or the
one drop) and the others wait for it, then the call is tried once more;
still missing, it answers `live_unavailable` (503). What comes back: the
counters, never lower than Redis or the database held (likes: see
live/tally.py), mutes, kicks and bans, unique viewers and likers, and the
coupon drops with their claims; presence comes back from the nodes' next
beats (live/presence.py)."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from live import promos, rooms, rules, tally
from live.engine import Engine, StateMissing
from live.models import Audience, CouponDrop, LiveMessage, Moderation

Transaction = Callable[[], AbstractContextManager[Session]]


def _moderation(session: Session, room_id: int, now: datetime) -> dict[str, list]:
    """Mutes in force (until ms, 0 = until lifted), bans, kicks in force."""
    found: dict[str, list] = {"mute": [], "ban": [], "kick": []}
    for row in session.scalars(select(Moderation).where(Moderation.room_id == room_id)):
        if row.action == "ban":
            found["ban"].append(row.user_id)
        elif row.until is None or row.until > now:
            until = 0 if row.until is None else rules.to_ms(row.until)
            found[row.action].append((row.user_id, until))
    return found


def _audience(session: Session, room_id: int, kind: str) -> list[int]:
    return list(session.scalars(select(Audience.user_id).where(
        Audience.room_id == room_id, Audience.kind == kind)))


def load_room(session: Session, engine: Engine, room_id: int, now: datetime) -> str:
    """Load the room's state unless Redis holds it (under the room row's lock,
    which orders it against the processes' like batches); returns its epoch.
    Its drops Redis lost come back too (a drop Redis holds is left alone: its
    claims may be in flight)."""
    room = rooms.get(session, room_id, lock=True)
    held = _moderation(session, room_id, now)
    chats = session.scalar(select(func.count()).select_from(LiveMessage).where(
        LiveMessage.room_id == room_id, LiveMessage.kind == "chat"))
    ended = room.state == rules.ENDED
    _done, epoch = engine.load_room(
        room_id, secrets.token_hex(8), floor=room.likes_flushed, seen=room.likes,
        messages=max(room.messages, chats), peak=room.peak_online,
        keep_ms=rules.ENDED_KEEP_MS if ended else 0, mutes=held["mute"], bans=held["ban"],
        kicks=held["kick"], viewers=_audience(session, room_id, "viewer"),
        likers=_audience(session, room_id, "liker"))
    if not ended:
        for drop in session.scalars(select(CouponDrop).where(CouponDrop.room_id == room_id)):
            if engine.drop_left(room_id, drop.id) is None:
                promos.load_drop(session, engine, drop)
    return epoch


def _load_drop(session: Session, engine: Engine, room_id: int, drop_id: int) -> None:
    drop = session.get(CouponDrop, drop_id)
    if drop is not None and drop.room_id == room_id and \
            engine.drop_left(room_id, drop_id) is None:
        promos.load_drop(session, engine, drop)


def heal(transaction: Transaction, engine: Engine, missing: StateMissing,
         now: datetime) -> None:
    """Load what `missing` names, once: under the room's rebuild lock, and
    only if no other process loaded it meanwhile. Call it with no
    transaction open (it opens its own)."""
    with engine.lock(missing.room_id), transaction() as session:
        if missing.drop_id is not None:
            _load_drop(session, engine, missing.room_id, missing.drop_id)
        elif engine.epoch(missing.room_id) is None:
            tally.write_held(session, engine, missing.room_id)  # the load then sees them
            load_room(session, engine, missing.room_id, now)


def ensure(transaction: Transaction, engine: Engine, room_id: int, now: datetime) -> None:
    """Heal the room if Redis does not hold its state."""
    if engine.epoch(room_id) is None:
        heal(transaction, engine, StateMissing(room_id), now)
