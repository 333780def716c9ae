"""Likes are counted in Redis and reach the room as totals at most every
500 ms, never one broadcast per tap."""

from __future__ import annotations

import multiprocessing
import time

from live import push
from tests.live.conftest import ack, connect, events


def _quiet(app, r, make):
    watcher = connect(app)
    ack(watcher, "join", {"room_id": r.id})
    time.sleep(0.7)  # the join's own tick has gone out
    watcher.get_received("/live")
    return watcher


def _tapper(redis_url: str, room_id: int, user_id: int, taps: int, start_at: float,
            opened) -> None:
    """A separate process tapping through the like script, paced over 2 s in
    bursts of 25 (as 25 phones would send them; pipelined to spare round
    trips, each tap still its own script run); it reports each time a tap
    opened the gate, as the server process would schedule the broadcast."""
    from app.redis import make_client
    from live import keys, rules
    from live.engine import Engine

    engine = Engine(make_client(redis_url))
    like = engine.scripts["like"]
    time.sleep(max(0.0, start_at - time.time()))
    burst = 25
    for i in range(0, taps, burst):
        pipe = engine.redis.pipeline(transaction=False)
        for _ in range(burst):
            like(keys=[keys.meta(room_id), keys.likers(room_id), keys.tick(room_id)],
                 args=[user_id, 1, rules.TICK_MS], client=pipe)
        for _total, gate in pipe.execute():
            if gate:
                opened.put(room_id)
        lag = start_at + (i + burst) * 2.0 / taps - time.time()
        if lag > 0:
            time.sleep(lag)
    opened.put(None)


def test_10000_taps_in_2_s_make_at_most_5_broadcasts_and_the_exact_total(app, room, make):
    """Four processes tap 2,500 times each within 2 s through the like script;
    whoever opens the gate has the broadcast scheduled; a real watcher counts."""
    r = room()
    watcher = _quiet(app, r, make)
    ctx = multiprocessing.get_context("spawn")
    opened = ctx.Queue()
    start_at = time.time() + 3.0  # after the children have imported
    url = app.extensions["mall.settings"].redis_url
    procs = [ctx.Process(target=_tapper, args=(url, r.id, make.user(f"fan{i}"), 2500,
                                               start_at, opened)) for i in range(4)]
    for p in procs:
        p.start()
    done = 0
    while done < len(procs):
        room_id = opened.get(timeout=30)
        if room_id is None:
            done += 1
        else:
            push.tick_soon(room_id)
    elapsed = time.time() - start_at
    for p in procs:
        p.join(timeout=10)
    time.sleep(0.8)  # the last window's broadcast
    totals = [e["likes"] for e in events(watcher, "counters")]
    assert elapsed < 2.3, elapsed
    assert 1 <= len(totals) <= 5, totals
    assert totals[-1] == 10_000
    assert totals == sorted(totals)


def test_like_events_are_acked_with_the_total_and_broadcast_once_per_window(app, room, make):
    r = room()
    watcher = _quiet(app, r, make)
    alice = connect(app, make.user("alice"))
    ack(alice, "join", {"room_id": r.id})
    answers = [ack(alice, "like", {"room_id": r.id, "count": 2})["likes"] for _ in range(50)]
    assert answers == list(range(2, 101, 2))
    time.sleep(0.8)
    assert [e["likes"] for e in events(watcher, "counters")] == [100]
