"""Viewers entering and leaving a room. Joining: the room must exist and
the user must not be banned (the database) nor kicked; the socket enters
the room's Socket.IO rooms first, then the join script records it, with the
ban and kick checked again in that same script, so a ban landing while the
user joins either refuses the join or finds the socket to disconnect. The
snapshot is read after the socket is in the room, in a transaction of its
own, so a change either is in the snapshot or arrives as an event.

Online now and the peak count people: a user's sockets once, a guest's once
per guest key (live/rules.py viewer_key). Unique viewers count signed-in
users, each once (kept in the database too: live/tally.py); guests count in
online now and the peak (they are watching) but not as unique viewers.
An ended room keeps its figures: joining it shows the snapshot only."""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from live import errors, presence, push, rooms, rules, snapshot, talk, tally
from live.engine import Engine
from live.sockets import Conn

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Door:
    """How a socket enters and leaves Socket.IO rooms (join_room / leave_room)."""
    enter: Callable[[str], None]
    leave: Callable[[str], None]


def _admit(session: Session, room_id: int, user_id: int | None) -> tuple[bool, bool]:
    """(staff, ended) or RoomNotFound / Banned."""
    room = rooms.get(session, room_id)
    if user_id is not None and talk.is_banned(session, room_id, user_id):
        raise errors.Banned()
    return rooms.is_staff(session, room_id, user_id), room.state == rules.ENDED


def join(transaction: Callable[[], AbstractContextManager[Session]], engine: Engine,
         door: Door, c: Conn, *, room_id: int, sid: str, now: datetime,
         ttl_ms: int) -> dict:
    """The snapshot of `room_id` for connection `c`; one room per connection."""
    with transaction() as session:
        staff, ended = _admit(session, room_id, c.user_id)
    if c.room_id not in (None, room_id):
        leave(engine, door, c, sid)
    names = [push.audience(room_id)] + ([push.staff(room_id)] if staff else [])
    for name in names:
        door.enter(name)
    if not ended:
        try:
            done = engine.join(room_id, sid, c.viewer, c.user_id, now_ms=rules.to_ms(now),
                               ttl_ms=ttl_ms)
        except Exception:  # refused, or Redis lost the room (loaded, then joined again)
            for name in names:
                door.leave(name)
            raise
        presence.joined(room_id, done.epoch)
        tally.add(room_id, done.epoch, peak=done.peak,
                  viewer=c.user_id if done.first else None)
        if done.opened:
            push.tick_soon(room_id)
    c.room_id, c.staff = room_id, staff
    with transaction() as session:
        room = rooms.get(session, room_id)
        return snapshot.build(session, engine, room, user_id=c.user_id, staff=staff, now=now)


def leave(engine: Engine, door: Door, c: Conn, sid: str) -> None:
    door.leave(push.audience(c.room_id))
    door.leave(push.staff(c.room_id))
    left(engine, c.room_id, sid)
    c.room_id, c.staff = None, False


def left(engine: Engine, room_id: int, sid: str) -> None:
    """The socket is gone from the room (a failure is healed by the presence sweep)."""
    try:
        if engine.leave(room_id, sid):
            push.tick_soon(room_id)
    except Exception:
        log.exception("leaving live room %s failed", room_id)
