"""Online counts that heal themselves. Each serving process vouches for
the sockets it holds: every third of the presence TTL it renews their expiry
in each room (one script per room) and drops every socket whose expiry
passed, i.e. the sockets of a process that died or lost its network without
a clean disconnect. When Redis lost the room, the beat has it loaded again
from the database and registers every socket of this process once more (it
sees a new epoch: every other process does the same at its own next beat),
so within one beat online counts everyone again. Online counts people, not
sockets (live/rules.py viewer_key). When the count differs from the one this
process saw at its last beat, the room hears the new count on the next tick.
Reads of the counters sweep too, so a room no live process holds still
counts right. Each beat also writes this process's like tally to the
database (live/tally.py)."""

from __future__ import annotations

import logging
import threading
from collections import defaultdict

from flask import Flask, current_app

from app import clock
from app.db import transaction
from app.socketio import socketio
from live import push, recovery, tally
from live.engine import Beat, StateMissing
from live.engine import current as engine
from live.sockets import connections

log = logging.getLogger(__name__)
_started: set[int] = set()  # the apps whose heartbeat runs in this process
_beating = threading.Lock()  # a loop's beat, or a reset: never both
_seen: dict[int, int] = {}  # room -> online at this process's last beat
_epochs: dict[int, str] = {}  # room -> the epoch of its load this process last saw
_lock = threading.Lock()


def ttl_ms() -> int:
    return current_app.extensions["mall.settings"].live_presence_ttl_ms


def ensure_heartbeat() -> None:
    """Start this process's heartbeat for the current app, once."""
    app = current_app._get_current_object()
    with _lock:
        if id(app) in _started:
            return
        _started.add(id(app))
    socketio.start_background_task(_loop, app)


def reset() -> None:
    """Forget the rooms seen and the tally, and stop the heartbeats started
    so far (tests: room ids start again, and an earlier app's beat must not
    write this test's tally to its own database). A beat under way ends
    first, so nothing it gives back outlives the reset."""
    with _beating:
        with _lock:
            _started.clear()
        _seen.clear()
        _epochs.clear()
        tally.reset()


def joined(room_id: int, epoch: str) -> None:
    """A join registered a socket under `epoch`: this process's first beat of
    the room renews its sockets under that epoch instead of registering them
    all again, so a socket banned or gone meanwhile is not brought back; a
    room loaded anew since still differs and is registered again."""
    _epochs.setdefault(room_id, epoch)


def _loop(app: Flask) -> None:
    with app.app_context():
        period_s = ttl_ms() / 3000
    while True:
        socketio.sleep(period_s)
        with _beating, app.app_context():
            if id(app) not in _started:
                return  # reset: a later app beats now
            try:
                beat()
            except Exception:  # Redis blips: the next beat renews in time
                log.exception("live presence heartbeat failed")


def _beat_room(room_id: int, held: list[tuple[str, str]]) -> Beat:
    """One room's beat; a room Redis lost is loaded again, then beaten."""
    try:
        done = engine().beat(room_id, held, ttl_ms(), _epochs.get(room_id))
    except StateMissing as missing:
        recovery.heal(transaction, engine(), missing, clock.now())
        done = engine().beat(room_id, held, ttl_ms(), None)
    _epochs[room_id] = done.epoch
    if done.registered:  # a socket that left meanwhile must not stay registered
        for sid, _viewer in held:
            c = connections.get(sid)
            if c is None or c.room_id != room_id:
                engine().leave(room_id, sid)
    return done


def beat() -> dict[int, int]:
    """Renew this process's sockets and sweep each room it holds, then write
    its tally; returns online per room."""
    by_room: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for sid, c in list(connections.items()):
        if c.room_id is not None:
            by_room[c.room_id].append((sid, c.viewer))
    online = {}
    for room_id, held in by_room.items():
        try:
            done = _beat_room(room_id, held)
        except Exception:  # one room's failure must not stop the others' beats
            log.exception("live presence beat of room %s failed", room_id)
            continue
        online[room_id] = done.online
        changed = room_id in _seen and _seen[room_id] != done.online
        if (changed or done.registered) and engine().open_gate(room_id):
            push.tick_soon(room_id)
        _seen[room_id] = online[room_id]
    for gone in set(_seen) - set(by_room):
        del _seen[gone]
        _epochs.pop(gone, None)
    tally.flush(transaction, engine())
    return online
