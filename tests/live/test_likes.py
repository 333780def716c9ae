"""Likes are counted in Redis and reach the room as totals at most every
500 ms, never one broadcast per tap; one user's taps count up to a cap per
second (the excess is acked, not counted)."""

from __future__ import annotations

import multiprocessing
import time

from app import clock
from app.auth.models import User
from app.db import transaction
from live import presence, push, rules
from tests.live.conftest import ack, code, connect, events


def _quiet(app, r, make):
    """A guest watching the room, once the join's own push has gone out
    (waited for, not assumed: a loaded machine is slow to send it) and this
    process's presence beat has seen the join (else its next beat, in the
    middle of the taps, would push the new online count too)."""
    watcher = connect(app)
    ack(watcher, "join", {"room_id": r.id})
    with app.app_context():
        presence.beat()
    deadline = time.monotonic() + 10
    while not events(watcher, "counters") and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.7)  # anything else the join set off
    watcher.get_received("/live")
    return watcher


def _tapper(redis_url: str, room_id: int, user_ids: list[int], taps: int, ready,
            opened) -> None:
    """A separate process tapping through the like script, paced over 2 s in
    bursts of 25 (as 25 phones would send them; pipelined to spare round
    trips, each tap still its own script run), its users taking turns (each
    well under the per-user cap). Redis's TIME goes between the
    taps, so each tap that opened the gate is dated by Redis's own clock
    (no later than the TIME after it). It reports each opening at once, as
    the server process would schedule the broadcast, then (first, last) tap
    times and its openings."""
    from redis.cluster import RedisCluster

    from app.redis import make_client
    from live import keys, rules
    from live.engine import LIKE, Engine

    client = make_client(redis_url)
    if isinstance(client, RedisCluster):  # the room's master: its TIME dates the taps
        client = client.get_redis_connection(client.get_node_from_key(keys.meta(room_id)))
    engine = Engine(client)
    ready.wait(timeout=60)  # every tapper imported: start together
    start = time.time()
    burst, dated, times = 25, [], []
    for i in range(0, taps, burst):
        pipe = engine.redis.pipeline(transaction=False)
        for j in range(burst):
            uid = user_ids[(i + j) % len(user_ids)]
            LIKE.queue(pipe, [keys.meta(room_id), keys.likers(room_id), keys.tick(room_id),
                              keys.like_rate(room_id, uid), keys.ended(room_id),
                              keys.loaded(room_id)],
                       [uid, 1, rules.TICK_MS, rules.LIKES_PER_USER_PER_S, rules.LIKE_WINDOW_MS])
            pipe.time()
        replies = pipe.execute()
        for (_counted, _total, gate, *_), (sec, usec) in zip(replies[::2], replies[1::2],
                                                          strict=True):
            times.append(sec + usec / 1e6)
            if gate:
                dated.append(times[-1])
                opened.put(room_id)
        lag = start + (i + burst) * 2.0 / taps - time.time()
        if lag > 0:
            time.sleep(lag)
    opened.put((times[0], times[-1], dated))


def _users(n: int) -> list[int]:
    with transaction() as s:
        people = [User(openid=f"fan-{i}", nickname=f"fan{i}", created_at=clock.now())
                  for i in range(n)]
        s.add_all(people)
        s.flush()
        return [p.id for p in people]


def _most_in_2_s(moments: list[float]) -> int:
    """The most moments in any closed 2 s window."""
    moments = sorted(moments)
    return max((sum(1 for m in moments[i:] if m - t <= 2.0) for i, t in enumerate(moments)),
               default=0)


def test_10000_taps_in_2_s_make_at_most_5_broadcasts_and_the_exact_total(app, room, make):
    """Four processes tap 2,500 times each for 100 users each (12.5 taps per
    user per second, under the cap), paced over 2 s, through the like
    script; whoever opens the gate has the broadcast scheduled; a real
    watcher counts. Dated by Redis's clock, the gate never opens more than 5
    times in any 2 s of tapping (so a loaded machine that stretches the
    taps cannot make this flaky), each opening is exactly one broadcast, and
    the last broadcast carries the exact total."""
    r = room()
    watcher = _quiet(app, r, make)
    ctx = multiprocessing.get_context("spawn")
    opened, ready = ctx.Queue(), ctx.Barrier(5)
    url = app.extensions["mall.settings"].redis_url
    fans = _users(400)
    procs = [ctx.Process(target=_tapper, args=(url, r.id, fans[i::4], 2500, ready, opened))
             for i in range(4)]
    for p in procs:
        p.start()
    ready.wait(timeout=60)
    reports = []
    while len(reports) < len(procs):
        got = opened.get(timeout=60)
        if isinstance(got, int):
            push.tick_soon(got)
        else:
            reports.append(got)
    for p in procs:
        p.join(timeout=10)
    time.sleep(0.8)  # the last window's broadcast
    totals = [e["likes"] for e in events(watcher, "counters")]
    openings = [t for *_, dated in reports for t in dated]
    first, last = min(f for f, *_ in reports), max(la for _, la, _ in reports)
    assert 1 <= _most_in_2_s(openings) <= 5, sorted(openings)
    assert len(openings) <= 1 + int((last - first) / 0.5), (first, last, openings)
    assert last - first >= 1.9  # the taps were spread over (at least) the 2 s
    assert len(totals) == len(openings), (totals, openings)  # one broadcast per opening
    assert totals[-1] == 10_000
    assert totals == sorted(totals)


def test_like_events_are_acked_with_the_total_and_broadcast_once_per_window(app, room, make):
    r = room()
    watcher = _quiet(app, r, make)
    alice = connect(app, make.user("alice"))
    ack(alice, "join", {"room_id": r.id})
    answers = [ack(alice, "like", {"room_id": r.id, "count": 2}) for _ in range(10)]
    assert [(a["likes"], a["counted"]) for a in answers] == [(n, 2) for n in range(2, 21, 2)]
    time.sleep(0.8)
    assert [e["likes"] for e in events(watcher, "counters")] == [20]


def test_like_cap_counts_at_most_30_taps_per_user_per_second(app, room, make):
    """A script tapping as fast as it can adds 30 likes a second, no more;
    the taps past the cap are acked with counted 0; other users are not held back."""
    r = room()
    bot, alice = connect(app, make.user("bot")), connect(app, make.user("alice"))
    for c in (bot, alice):
        ack(c, "join", {"room_id": r.id})
    answers = [ack(bot, "like", {"room_id": r.id, "count": 7}) for _ in range(10)]
    assert [a["counted"] for a in answers] == [7, 7, 7, 7, 2, 0, 0, 0, 0, 0]
    assert answers[-1]["likes"] == rules.LIKES_PER_USER_PER_S == 30
    assert ack(alice, "like", {"room_id": r.id, "count": 5})["likes"] == 35
    time.sleep(1.05)  # the next second: the bot counts again
    assert ack(bot, "like", {"room_id": r.id, "count": 100})["counted"] == 30


def test_likes_in_an_ended_room_are_refused(app, room, make):
    r = room()
    alice = connect(app, make.user("alice"))
    ack(alice, "join", {"room_id": r.id})
    host = connect(app, r.host_id)
    assert ack(host, "set_state", {"room_id": r.id, "state": "ended"})["ok"]
    assert code(ack(alice, "like", {"room_id": r.id})) == "room_ended"
