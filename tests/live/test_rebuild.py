"""Rebuilding live rooms' Redis state from the database: the worker sweeps
every room not over; a Redis loss gives back the counters, bans and coupon
drops; a drop Redis still holds is left alone (its claims may be in flight)."""

from __future__ import annotations

import worker
from live import jobs, push
from live.engine import current as engine
from tests.live.conftest import ack, code, connect


def test_the_worker_sweeps_live_rooms_every_5_minutes():
    assert (jobs.sweep, "promotions", 300) in worker.SWEEPS


def test_after_a_redis_loss_the_sweep_gives_back_likes_bans_and_drops(app, room, make,
                                                                      redis):
    r, ended = room(), room(owner="other")
    host, alice_id, bob_id = connect(app, r.host_id), make.user("alice"), make.user("bob")
    ack(host, "join", {"room_id": r.id})
    push.like(r.id, alice_id, 7)
    drop = ack(host, "coupon_drop", {"room_id": r.id, "amount_fen": 300, "quantity": 2})["drop"]
    alice = connect(app, alice_id)
    ack(alice, "join", {"room_id": r.id})
    assert ack(alice, "claim", {"room_id": r.id, "drop_id": drop["id"]})["ok"]
    assert ack(host, "ban", {"room_id": r.id, "user_id": bob_id})["ok"]
    push.tick(r.id)  # the figures reach the room's row
    other = connect(app, ended.host_id)
    assert ack(other, "set_state", {"room_id": ended.id, "state": "ended"})["ok"]

    redis.flushdb()
    assert jobs.sweep() == [r.id]
    assert engine().counters(r.id).likes == 7
    assert engine().drop_left(r.id, drop["id"]) == 1
    assert engine().is_banned(r.id, bob_id)
    assert code(ack(alice, "claim", {"room_id": r.id, "drop_id": drop["id"]})) == \
        "coupon_already_claimed"


def test_the_sweep_leaves_a_drop_redis_holds_alone(app, room, make):
    """A claim Redis granted whose row is not committed yet must not be
    wiped by a sweep that reloads the drop from the database (that would let
    one more viewer in than N)."""
    r = room()
    host = connect(app, r.host_id)
    drop = ack(host, "coupon_drop", {"room_id": r.id, "amount_fen": 300, "quantity": 1})["drop"]
    engine().claim(r.id, drop["id"], make.user("alice"))  # in flight: no row yet
    assert jobs.sweep() == [r.id]
    assert engine().drop_left(r.id, drop["id"]) == 0
