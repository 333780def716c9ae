"""Online counts that heal themselves. Each serving process vouches for
the sockets it holds: every third of the presence TTL it renews their expiry
in each room (one script per room) and drops every socket whose expiry
passed, i.e. the sockets of a process that died or lost its network without
a clean disconnect. When the count differs from the one this process saw at
its last beat (whoever swept: reads of the counters sweep too), the room
hears the new count on the next tick. Reads of the counters sweep too, so a room no live process
holds still counts right."""

from __future__ import annotations

import logging
import threading
from collections import defaultdict

from flask import Flask, current_app

from app.socketio import socketio
from live import push
from live.engine import current as engine
from live.sockets import connections

log = logging.getLogger(__name__)
_started: set[int] = set()  # the apps whose heartbeat runs in this process
_seen: dict[int, int] = {}  # room -> online at this process's last beat
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


def _loop(app: Flask) -> None:
    with app.app_context():
        period_s = ttl_ms() / 3000
    while True:
        socketio.sleep(period_s)
        with app.app_context():
            try:
                beat()
            except Exception:  # Redis blips: the next beat renews in time
                log.exception("live presence heartbeat failed")


def beat() -> dict[int, int]:
    """Renew this process's sockets and sweep each room it holds; returns
    online per room."""
    by_room: dict[int, list[str]] = defaultdict(list)
    for sid, c in list(connections.items()):
        if c.room_id is not None:
            by_room[c.room_id].append(sid)
    online = {}
    for room_id, sids in by_room.items():
        online[room_id], _dropped = engine().beat(room_id, sids, ttl_ms())
        changed = room_id in _seen and _seen[room_id] != online[room_id]
        if changed and engine().open_gate(room_id):
            push.tick_soon(room_id)
        _seen[room_id] = online[room_id]
    for gone in set(_seen) - set(by_room):
        del _seen[gone]
    return online
