"""Online now and peak heal themselves: a server process killed while it
holds viewers (no clean disconnect) stops counting once its heartbeat
lapses. Online counts people (a user's or a guest key's sockets once).
Unique viewers count signed-in users once each; guests count in online and
peak only."""

from __future__ import annotations

import os
import signal
import time
import uuid
from pathlib import Path

from live import presence
from live.engine import current as engine
from tests.live.conftest import NS, ack, connect, token_of
from tests.live.servers import serve, viewer
from tests.live.test_two_servers import WAIT_S, Inbox

TTL_MS = 1500


def _server_pid(timeout_pid: int) -> int:
    """`serve` runs the server under coreutils `timeout`: its one child."""
    children = Path(f"/proc/{timeout_pid}/task/{timeout_pid}/children").read_text().split()
    assert len(children) == 1, children
    return int(children[0])


def _wait_online(room_id: int, wanted: int) -> int:
    deadline = time.monotonic() + WAIT_S
    while (online := engine().counters(room_id).online) != wanted and \
            time.monotonic() < deadline:
        time.sleep(0.2)
    return online


def test_online_count_recovers_when_a_server_holding_viewers_is_killed(
        app, room, make, tmp_path):
    r = room()
    channel, env = f"live-test-{uuid.uuid4().hex}", {"LIVE_PRESENCE_TTL_MS": str(TTL_MS)}
    with serve(app, tmp_path, name="a", channel=channel, extra_env=env) as a, \
            serve(app, tmp_path, name="b", channel=channel, extra_env=env) as b:
        doomed = [viewer(a.url, None) for _ in range(3)]
        host = viewer(b.url, token_of(app, r.host_id))
        inbox = Inbox(host, ["counters"])
        try:
            for c in [*doomed, host]:
                assert c.call("join", {"room_id": r.id}, namespace="/live",
                              timeout=WAIT_S)["ok"] is True
            time.sleep(2 * TTL_MS / 1000)  # heartbeats keep the living counted
            assert _wait_online(r.id, 4) == 4
            os.kill(_server_pid(a.proc.pid), signal.SIGKILL)
            assert _wait_online(r.id, 1) == 1
            assert engine().counters(r.id).peak == 4
            deadline = time.monotonic() + WAIT_S
            while inbox.got["counters"][-1]["online"] != 1 and time.monotonic() < deadline:
                time.sleep(0.2)  # server b's sweep told the room
            assert inbox.got["counters"][-1]["online"] == 1
        finally:
            host.disconnect()
            for c in doomed:
                c.disconnect()


def test_online_counts_people_and_unique_viewers_signed_in_users_once_not_guests(
        app, room, make):
    """Online and the peak count people: a user's two sockets once, a guest's
    two sockets with one guest key once, a guest without a key per socket."""
    r = room()
    alice = make.user("alice")
    sockets = [connect(app, alice), connect(app, alice), connect(app), connect(app),
               connect(app, guest="guest-key-1"), connect(app, guest="guest-key-1")]
    for c in sockets:
        assert ack(c, "join", {"room_id": r.id})["ok"]
    counted = engine().counters(r.id)
    assert (counted.online, counted.peak, counted.unique_viewers) == (4, 4, 1)
    host = connect(app, r.host_id)
    stats = ack(host, "join", {"room_id": r.id})["stats"]
    assert (stats["online"], stats["unique_viewers"]) == (5, 2)
    sockets[0].disconnect(namespace=NS)
    sockets[4].disconnect(namespace=NS)
    assert engine().counters(r.id).online == 5
    sockets[1].disconnect(namespace=NS)
    assert engine().counters(r.id).online == 4


def test_a_bad_guest_key_is_refused_at_connect(app):
    assert not connect(app, guest="no").is_connected(NS)
    assert not connect(app, guest="x" * 65).is_connected(NS)
    assert connect(app, guest="a-fine_key9").is_connected(NS)


def test_a_first_beat_renews_under_the_joins_epoch_and_brings_back_no_dropped_socket(
        app, room, make, redis):
    """A process's first beat of a room renews its sockets under the epoch
    their join saw, so a socket Redis dropped meanwhile (a ban's kick racing
    the beat) stays dropped; a room Redis lost and loaded anew has them all
    registered again."""
    r = room()
    uid = make.user("alice")
    alice = connect(app, uid)
    assert ack(alice, "join", {"room_id": r.id})["ok"]
    [sid] = engine().sockets_of(r.id, uid)
    engine().leave(r.id, sid)  # dropped in Redis while this process still holds it
    presence.beat()
    assert engine().sockets_of(r.id, uid) == []
    redis.flushdb()
    presence.beat()
    assert engine().sockets_of(r.id, uid) == [sid]
    assert engine().counters(r.id).online == 1
