"""What a Redis loss must not take: likes (the processes' batches in the
database, and a batch written after another process loaded the room is
credited once), unique viewers and like-lottery entrants, an ended room's
refusals, the staff view. Real Redis and database; the process holding a
batch is a real server."""

from __future__ import annotations

import threading
import time

from app import clock
from app.db import transaction
from live import keys, presence, recovery
from live.engine import current as engine
from live.models import LiveRoom
from tests import redis_keys
from tests.live.conftest import ack, code, connect, token_of
from tests.live.servers import disconnect_all, serve, viewer
from tests.live.test_redis_loss_wire import call
from tests.live.test_two_servers import WAIT_S


def _row(room_id: int) -> LiveRoom:
    with transaction() as s:
        return s.get(LiveRoom, room_id)


def _wait(read, wanted, timeout_s: float = WAIT_S):
    deadline = time.monotonic() + timeout_s
    while (got := read()) != wanted and time.monotonic() < deadline:
        time.sleep(0.02)
    return got


def test_likes_written_after_another_process_loaded_the_room_are_credited_once(
        app, room, make, redis, tmp_path):
    """A server (beat every 2 s) holds a batch of 4 likes it has not written
    when Redis is lost; this process (holding none) loads the room: 5, what
    the database held. The server's next beat writes the 4 and credits them:
    9, once; the room's end keeps 11."""
    r = room()
    with serve(app, tmp_path, extra_env={"LIVE_PRESENCE_TTL_MS": "6000"}) as server:
        alice = viewer(server.url, token_of(app, make.user("alice")))
        host = viewer(server.url, token_of(app, r.host_id))
        try:
            assert call(alice, "join", {"room_id": r.id})["ok"] is True
            assert call(alice, "like", {"room_id": r.id, "count": 5})["likes"] == 5
            assert _wait(lambda: _row(r.id).likes_flushed, 5) == 5  # its beat wrote them
            assert call(alice, "like", {"room_id": r.id, "count": 4})["likes"] == 9

            redis.flushdb()  # well before the server's next beat and tick
            recovery.ensure(transaction, engine(), r.id, clock.now())
            assert engine().counters(r.id).likes == 5
            assert _wait(lambda: engine().counters(r.id).likes, 9) == 9
            assert (redis.hget(keys.meta(r.id), "credited"), _row(r.id).likes_flushed) == \
                ("4", 9)
            assert call(alice, "like", {"room_id": r.id, "count": 2})["likes"] == 11
            assert call(host, "set_state", {"room_id": r.id, "state": "ended"})["ok"] is True
            assert _wait(lambda: _row(r.id).likes_flushed, 11) == 11
        finally:
            disconnect_all([alice, host])
    assert _row(r.id).likes == 11


def test_a_load_in_this_process_counts_its_own_batch_at_once(app, room, make, redis):
    r = room()
    alice = connect(app, make.user("alice"))
    ack(alice, "join", {"room_id": r.id})
    assert ack(alice, "like", {"room_id": r.id, "count": 6})["likes"] == 6
    with presence._beating:  # no heartbeat writes the 7th like before the check
        redis.flushdb()
        assert ack(alice, "like", {"room_id": r.id, "count": 1})["likes"] == 7
        assert _row(r.id).likes_flushed == 6  # written by the load, in its transaction


def test_unique_viewers_and_like_lottery_entrants_survive_a_flush(app, room, make, redis):
    r = room()
    host = connect(app, r.host_id)
    ack(host, "join", {"room_id": r.id})
    fans = {n: connect(app, make.user(n)) for n in ("alice", "bob", "carol")}
    for c in fans.values():
        ack(c, "join", {"room_id": r.id})
    for name in ("alice", "bob"):
        ack(fans[name], "like", {"room_id": r.id, "count": 1})
    presence.beat()
    redis.flushdb()
    assert ack(host, "lottery_open", {"room_id": r.id, "prize": "Tea", "winners": 5,
                                      "qualify": "like"})["ok"]
    drawn = ack(host, "lottery_draw", {"room_id": r.id, "lottery_id": 1})
    assert sorted(drawn["lottery"]["winners"]) == sorted(make.user(n) for n in ("alice", "bob"))
    assert engine().counters(r.id).unique_viewers == 4


def test_an_ended_room_still_refuses_likes_after_a_flush(app, room, make, redis):
    r = room()
    alice = connect(app, make.user("alice"))
    ack(alice, "join", {"room_id": r.id})
    host = connect(app, r.host_id)
    assert ack(host, "set_state", {"room_id": r.id, "state": "ended"})["ok"]
    redis.flushdb()
    assert code(ack(alice, "like", {"room_id": r.id})) == "room_ended"
    # every key the refusal loaded expires (-1: kept forever; -2: a short
    # gate that expired between the listing and the check)
    kept = redis_keys.matching(redis, f"{keys.tag(r.id)}*")
    assert [k for k in kept if redis.pttl(k) == -1] == []


def test_the_staff_view_after_a_flush_answers_with_the_saved_figures(app, client, room,
                                                                       make, redis):
    r = room()
    alice = connect(app, make.user("alice"))
    ack(alice, "join", {"room_id": r.id})
    ack(alice, "like", {"room_id": r.id, "count": 3})
    presence.beat()
    redis.flushdb()
    resp = client.get(r.staff_url, headers=r.host)
    assert resp.status_code == 200, resp.json
    assert resp.json["stats"]["likes"] == 3


def test_viewers_racing_right_after_a_flush_load_the_room_once_and_lose_no_like(
        app, room, make, redis):
    """16 viewers tap at once right after a flush: every tap is counted once,
    the room is loaded once (one epoch) and its mutes hold."""
    r = room()
    ids = [make.user(f"fan{i}") for i in range(16)]
    fans = [connect(app, uid) for uid in ids]
    for c in fans:
        assert ack(c, "join", {"room_id": r.id})["ok"]
    host = connect(app, r.host_id)
    assert ack(host, "mute", {"room_id": r.id, "user_id": ids[0], "minutes": None})["ok"]
    for c in fans:
        assert ack(c, "like", {"room_id": r.id, "count": 3})["counted"] == 3
    redis.flushdb()
    start, answers, epochs = threading.Barrier(16), {}, set()

    def tap(i):
        start.wait()
        answers[i] = ack(fans[i], "like", {"room_id": r.id, "count": 2})
        epochs.add(redis.get(keys.loaded(r.id)))

    threads = [threading.Thread(target=tap, args=(i,)) for i in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert [answers[i]["counted"] for i in range(16)] == [2] * 16
    assert len(epochs) == 1 and None not in epochs
    assert engine().counters(r.id).likes == 16 * 5
    assert code(ack(fans[0], "chat", {"room_id": r.id, "text": "hi"})) == "muted"
    presence.beat()
    assert (engine().counters(r.id).likes, _row(r.id).likes_flushed) == (80, 80)
