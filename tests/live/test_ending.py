"""Ending a room: its statistics are written to its row, its running
in-room flash sales are stopped and settled (and nothing new starts), and
its Redis keys expire a day later. While it runs, the statistics reach the
database only when they changed, at most every 5 s."""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import event

from app.db import transaction
from flashsale.models import FlashActivity
from live import keys, push, rules
from live.models import LiveRoom
from tests import redis_keys
from tests.live.conftest import ack, code, connect, events


def test_ending_a_room_stops_its_running_sales_and_none_start_after(app, room, make):
    r = room()
    host, alice = connect(app, r.host_id), connect(app, make.user("alice"))
    ack(alice, "join", {"room_id": r.id})
    started = ack(host, "sale_start", {"room_id": r.id, "sku_id": r.sku_ids[0],
                                       "price_fen": 600, "quota": 3, "minutes": 30})
    sale_id = started["sale"]["activity_id"]
    assert ack(host, "set_state", {"room_id": r.id, "state": "ended"})["ok"]
    with transaction() as s:
        activity = s.get(FlashActivity, sale_id)
        assert (activity.status, activity.settled_at is not None,
                activity.returned_to_sku) == ("stopped", True, 3)
    assert [e["activity_id"] for e in events(alice, "sale_ended")] == [sale_id]
    again = ack(host, "sale_start", {"room_id": r.id, "sku_id": r.sku_ids[0],
                                     "price_fen": 600, "quota": 3, "minutes": 30})
    assert code(again) == "room_not_live"


def test_an_ended_rooms_redis_keys_expire_a_day_after_the_end(app, room, make, redis):
    r = room()
    host, alice = connect(app, r.host_id), connect(app, make.user("alice"))
    for c in (host, alice):
        ack(c, "join", {"room_id": r.id})
    ack(alice, "like", {"room_id": r.id, "count": 4})
    ack(host, "coupon_drop", {"room_id": r.id, "amount_fen": 300, "quantity": 5})
    ack(host, "mute", {"room_id": r.id, "user_id": make.user("bob")})
    push.tick(r.id)
    assert ack(host, "set_state", {"room_id": r.id, "state": "ended"})["ok"]
    with transaction() as s:
        assert (s.get(LiveRoom, r.id).likes, s.get(LiveRoom, r.id).peak_online) == (4, 2)
    left = {k: redis.pttl(k) for k in redis_keys.matching(redis, f"{keys.tag(r.id)}*")}
    assert keys.ended(r.id) in left and keys.drop(r.id, 1) in left, left
    assert all(0 < ttl <= rules.ENDED_KEEP_MS for ttl in left.values()), left
    late = connect(app)  # joining the ended room records nothing in Redis
    assert ack(late, "join", {"room_id": r.id})["online"] == 0
    kept = redis_keys.matching(redis, f"{keys.tag(r.id)}*")
    assert [k for k in kept if redis.pttl(k) == -1] == []


@contextmanager
def room_updates(app):
    seen = []
    engine_ = app.extensions["mall.db"].engine

    def count(_conn, _cursor, statement, *_):
        if statement.lstrip().upper().startswith("UPDATE LIVE_ROOMS"):
            seen.append(statement)
    event.listen(engine_, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine_, "before_cursor_execute", count)


def test_ticks_write_statistics_only_when_changed_and_at_most_every_5_s(app, room, make, redis):
    r = room()
    alice = connect(app, make.user("alice"))
    ack(alice, "join", {"room_id": r.id})
    push.tick(r.id)  # the join's figures are written
    redis.delete(keys.saved(r.id))
    with room_updates(app) as updates:
        for _ in range(5):
            push.tick(r.id)
        assert updates == []  # nothing changed
        ack(alice, "like", {"room_id": r.id, "count": 3})
        push.tick(r.id)
        ack(alice, "like", {"room_id": r.id, "count": 2})
        shown = push.tick(r.id)
        assert (len(updates), shown["likes"]) == (1, 5)  # live for the host, saved once
        assert 0 < redis.pttl(keys.saved(r.id)) <= rules.STATS_SAVE_MS
        redis.delete(keys.saved(r.id))  # 5 s later
        push.tick(r.id)
        assert len(updates) == 2
        host = connect(app, r.host_id)
        ack(host, "set_state", {"room_id": r.id, "state": "ended"})
        assert len(updates) == 3  # the end writes (and moves the state) at once
    with transaction() as s:
        assert s.get(LiveRoom, r.id).likes == 5
