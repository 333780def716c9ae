"""Online and the peak count people, not sockets. A web node (a real `python
-m app.serve`) is killed outright under its viewers (no goodbye: their
sockets stay in Redis until their presence lapses) and started again on the
same port; every viewer's client reconnects by itself with a new socket and
joins again, as the pages do. Online and peak_online stay at the number of
real viewers. And a refused connection tells the client why, as data."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest
import socketio as sio_lib

from live import keys
from live.engine import current as engine
from tests.live.conftest import token_of
from tests.live.servers import disconnect_all, free_port, serve, socket_client
from tests.live.test_presence import _server_pid
from tests.live.test_two_servers import WAIT_S

USERS, GUESTS = 8, 4


class Rejoiner:
    """A python-socketio client on /live that reconnects by itself and joins
    the room on every connect."""

    def __init__(self, url: str, room_id: int, auth: dict):
        self.joins, self.room_id = 0, room_id
        self.cv = threading.Condition()
        self.client = socket_client(reconnection=True, reconnection_delay=0.2,
                                     reconnection_delay_max=1)
        self.client.on("connect", self._connected, namespace="/live")
        self.client.connect(url, namespaces=["/live"], transports=["websocket"], auth=auth,
                            wait_timeout=10)

    def _connected(self):
        self.client.emit("join", {"room_id": self.room_id}, namespace="/live",
                         callback=self._joined)

    def _joined(self, answer):
        if answer.get("ok"):
            with self.cv:
                self.joins += 1
                self.cv.notify_all()

    def wait_joins(self, n: int) -> int:
        with self.cv:
            self.cv.wait_for(lambda: self.joins >= n, timeout=2 * WAIT_S)
            return self.joins


def test_peak_counts_people_when_a_node_restarts_under_reconnecting_viewers(
        app, client, room, make, redis, tmp_path):
    r = room()
    auths = [{"token": token_of(app, make.user(f"fan{i}"))} for i in range(USERS)]
    auths += [{"guest": f"guest-key-{i}"} for i in range(GUESTS)]
    real = USERS + GUESTS
    port = free_port()
    with serve(app, tmp_path, name="a", port=port) as first:
        people = [Rejoiner(first.url, r.id, auth) for auth in auths]
        assert [p.wait_joins(1) for p in people] == [1] * real
        assert engine().counters(r.id).online == real
        os.kill(_server_pid(first.proc.pid), signal.SIGKILL)
        first.proc.wait(timeout=10)
    try:
        with serve(app, tmp_path, name="a-again", port=port):
            assert [p.wait_joins(2) for p in people] == [2] * real
            # the dead node's sockets are still there (their presence has not
            # lapsed), beside every viewer's new one
            assert redis.zcard(keys.online(r.id)) == 2 * real
            counted = engine().counters(r.id)
            assert (counted.online, counted.peak) == (real, real)
            stats = client.get(r.staff_url, headers=r.host).json["stats"]
            assert (stats["online"], stats["peak_online"]) == (real, real)
    finally:
        disconnect_all([p.client for p in people])


REFUSALS = [
    ("/live", {"token": "forged"}, "invalid_token", "The token is not valid."),
    ("/live", {"guest": "no"}, "invalid_guest_key",
     "The guest key must be 8-64 letters, digits, - or _."),
    ("/", {"token": "forged"}, "invalid_token", "The token is not valid."),
]


def test_a_refused_connection_carries_its_code_and_message_as_data(app, tmp_path):
    """python-socketio hands connect_error the CONNECT_ERROR packet's data:
    {"message": ..., "data": ...}; the JavaScript client makes them
    err.message and err.data."""
    with serve(app, tmp_path) as server:
        for namespace, auth, code, message in REFUSALS:
            refused = socket_client(reconnection=False)
            seen = []
            refused.on("connect_error", seen.append, namespace=namespace)
            started = time.monotonic()
            with pytest.raises(sio_lib.exceptions.ConnectionError):
                refused.connect(server.url, namespaces=[namespace], transports=["websocket"],
                                auth=auth, wait_timeout=WAIT_S)
            assert time.monotonic() - started < WAIT_S  # refused, not timed out
            assert seen == [{"message": message, "data": {"code": code, "message": message}}]
