"""Live-room jobs: ids in, idempotent. `rebuild` puts a room's Redis state
back from the database (counters never lowered, mutes and bans, coupon
drops Redis lost; a drop Redis holds is left alone, as claims may be in
flight), then pushes the room's figures (online swept of dead nodes'
sockets) through the message queue; the sweep (worker.py, every 5 min)
rebuilds every room not over."""

from __future__ import annotations

from sqlalchemy import select

from app import clock
from app.db import transaction
from live import promos, push, rules, talk
from live.engine import current as engine
from live.models import CouponDrop, LiveRoom


def rebuild(room_id: int) -> bool:
    with transaction() as session:
        room = session.get(LiveRoom, room_id)
        if room is None:
            return False
        engine().restore_counters(room_id, likes=room.likes, messages=room.messages,
                                  peak=room.peak_online)
        talk.load_moderation(session, engine(), room_id, clock.now())
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
