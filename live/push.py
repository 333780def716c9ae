"""Socket.IO rooms of a live room, named here only, and every push to them.
Pushes happen after commits. Like totals and online counts go out on a
tick: whoever opens the room's Redis gate (500 ms) schedules one broadcast
for when it closes, so taps never become one broadcast each, and one
process broadcasts per window however many there are."""

from __future__ import annotations

import logging
import time

from flask import Flask, current_app

from app import clock
from app.db import transaction
from app.socketio import socketio
from live import errors, recovery, rules, stats, tally
from live.engine import current as engine
from live.models import LiveRoom

log = logging.getLogger(__name__)

NAMESPACE = "/live"


def audience(room_id: int) -> str:
    """Everyone in the room."""
    return f"live:{room_id}"


def staff(room_id: int) -> str:
    """The room's host and assistants (statistics, moderation echoes)."""
    return f"live:{room_id}:staff"


def to_room(event: str, data: dict, room_id: int) -> None:
    try:
        socketio.emit(event, data, to=audience(room_id), namespace=NAMESPACE)
    except Exception:  # a push is a courtesy; the snapshot has the truth
        log.exception("live push %s to room %s failed", event, room_id)


def to_staff(event: str, data: dict, room_id: int) -> None:
    try:
        socketio.emit(event, data, to=staff(room_id), namespace=NAMESPACE)
    except Exception:
        log.exception("live push %s to room %s staff failed", event, room_id)


def like(room_id: int, user_id: int, taps: int) -> tuple[int, int]:
    """Count taps in Redis (up to the user's cap) and in this process's tally
    (written to the database at its next beat); only the tap that opens the
    gate schedules a broadcast. Returns (taps counted, the room's total)."""
    liked = engine().like(room_id, user_id, taps)
    tally.add(room_id, liked.epoch, likes=liked.counted,
              liker=user_id if liked.first else None)
    if liked.opened:
        tick_soon(room_id)
    return liked.counted, liked.total


def refresh_soon(room_id: int) -> None:
    """A figure changed (a chat message): staff see it on the next tick, at
    most one per window however many messages."""
    if engine().open_gate(room_id):
        tick_soon(room_id)


def tick_soon(room_id: int) -> None:
    """Broadcast the counters TICK_MS from now (call only when the gate opened)."""
    app = current_app._get_current_object()
    socketio.start_background_task(_tick_later, app, room_id)


def _tick_later(app: Flask, room_id: int) -> None:
    socketio.sleep(rules.TICK_MS / 1000)
    with app.app_context():
        try:
            tick(room_id)
        except Exception:
            log.exception("live tick of room %s failed", room_id)


def tick(room_id: int) -> dict | None:
    """Push the figures (counters to the room, statistics to staff); they
    reach the database only when changed, at most every STATS_SAVE_MS. A
    room Redis lost is loaded again first."""
    try:
        recovery.ensure(transaction, engine(), room_id, clock.now())
    except errors.RoomNotFound:
        return None
    with transaction() as session:
        room = session.get(LiveRoom, room_id)
        if room is None:
            return None
        shown = stats.refresh(session, engine(), room)
    if room.state != rules.ENDED:
        engine().sample(room_id, int(time.time() * 1000), shown["online"])
    to_room("counters", {"room_id": room_id, "likes": shown["likes"],
                         "online": shown["online"]}, room_id)
    to_staff("stats", shown, room_id)
    return shown
