"""A room's state changes (scheduled -> live -> paused -> live ... -> ended).
Ending a room writes its statistics to its row (final from then on), stops
and settles its in-room flash sales still running (nothing new starts in a
room that is not live), and, after the commit, lets the room's Redis keys
expire ENDED_KEEP_MS later (likes are refused meanwhile)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import after_commit
from live import rooms, rules, sales, stats
from live.engine import Engine
from live.models import CouponDrop, LiveRoom


def set_state(session: Session, engine: Engine, room: LiveRoom, target: str,
              now: datetime) -> list[int]:
    """Move the room; returns the in-room sales that ending it stopped."""
    stopped: list[int] = []
    if target == rules.ENDED and rules.can_move(room.state, target):
        stats.save(session, engine, room)
        stopped = sales.stop_running(session, room, now)
        drop_ids = list(session.scalars(select(CouponDrop.id)
                                        .where(CouponDrop.room_id == room.id)))
        room_id = room.id
        after_commit(session, lambda: engine.end(room_id, drop_ids))
    rooms.move(room, target, now)
    return stopped
