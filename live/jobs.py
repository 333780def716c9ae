"""Live-room jobs: ids in, idempotent. `rebuild` loads a room's Redis state
back from the database if Redis lost it (live/recovery.py: counters never
lowered, mutes, kicks and bans, viewers and likers, coupon drops) and any
drop Redis lost (a drop Redis holds is left alone, as claims may be in
flight), then pushes the room's figures (online swept of dead nodes'
sockets) through the message queue; the sweep (worker.py, every 5 min)
rebuilds every room not over."""

from __future__ import annotations

from sqlalchemy import select

from app import clock
from app.db import transaction
from live import promos, push, recovery, rules
from live.engine import current as engine
from live.models import CouponDrop, LiveRoom


def rebuild(room_id: int) -> bool:
    with transaction() as session:
        if session.get(LiveRoom, room_id) is None:
            return False
    recovery.ensure(transaction, engine(), room_id, clock.now())
    with transaction() as session:
        for drop in session.scalars(select(CouponDrop).where(CouponDrop.room_id == room_id)):
            if engine().drop_left(room_id, drop.id) is None:  # never over claims in flight
                promos.load_drop(session, engine(), drop)
    push.tick(room_id)
    return True


def sweep() -> list[int]:
    """Rebuild every room that is not over (each idempotent)."""
    with transaction() as session:
        ids = list(session.scalars(select(LiveRoom.id).where(LiveRoom.state != rules.ENDED)))
    return [room_id for room_id in ids if rebuild(room_id)]
