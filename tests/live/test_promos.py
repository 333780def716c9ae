"""Coupon drops (first N, one each, never over N), lotteries among viewers
who qualify, and in-room flash sales through the flash-sale engine."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import event, func, select

from app import clock
from app.coupons.models import Coupon, UserCoupon
from app.db import transaction
from live import keys, promos
from live.engine import current as engine
from live.models import CouponClaim
from tests.flashsale.conftest import users
from tests.live.conftest import ack, code, connect, events


def test_500_viewers_claim_a_coupon_of_20_at_once_exactly_20_win(app, room):
    r = room()
    host = connect(app, r.host_id)
    drop = ack(host, "coupon_drop", {"room_id": r.id, "amount_fen": 500, "quantity": 20})["drop"]
    viewers = [uid for uid, _ in users(app, 500, "claimer")]
    results, barrier = [], threading.Barrier(50)

    def claim(batch):
        barrier.wait()
        with app.app_context():
            for uid in batch:
                try:
                    with transaction() as s:
                        promos.claim(s, engine(), room_id=r.id, drop_id=drop["id"],
                                     user_id=uid, now=clock.now())
                    results.append("won")
                except Exception as exc:  # noqa: BLE001 - the code is what we count
                    results.append(getattr(exc, "code", repr(exc)))

    threads = [threading.Thread(target=claim, args=(viewers[i::50],)) for i in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count("won") == 20
    assert results.count("coupon_gone") == 480
    with transaction() as s:
        assert s.scalar(select(func.count()).select_from(CouponClaim)) == 20
        # each claim granted one real coupon of the drop, recorded on the claim
        granted = s.execute(select(UserCoupon.id, UserCoupon.user_id)
                            .where(UserCoupon.coupon_id == drop["coupon_id"])).all()
        assert sorted(s.execute(select(CouponClaim.coupon_id, CouponClaim.user_id)).all()) == \
            sorted(granted)
        assert s.get(Coupon, drop["coupon_id"]).claimed == 20
    assert engine().drop_left(r.id, drop["id"]) == 0


def test_a_viewer_claims_once_and_everyone_hears_the_coupons_left(app, room, make):
    r = room()
    host, alice = connect(app, r.host_id), connect(app, make.user("alice"))
    ack(alice, "join", {"room_id": r.id})
    drop = ack(host, "coupon_drop", {"room_id": r.id, "amount_fen": 300, "quantity": 2})["drop"]
    assert events(alice, "coupon")[0]["drop"] == drop
    first = ack(alice, "claim", {"room_id": r.id, "drop_id": drop["id"]})
    assert first["ok"] and first["drop"]["left"] == 1
    assert code(ack(alice, "claim", {"room_id": r.id, "drop_id": drop["id"]})) == \
        "coupon_already_claimed"
    assert events(alice, "coupon_left") == [{"drop_id": drop["id"], "left": 1}]
    assert code(ack(alice, "claim", {"room_id": r.id, "drop_id": 99999})) == \
        "coupon_drop_not_found"


def test_a_claim_whose_database_write_fails_is_given_back_in_redis(app, room, make,
                                                                    monkeypatch):
    """Redis granted the claim, then the transaction failed: in the handler
    after the insert, or at the commit itself. Each time the coupon goes
    back (still 1 left, alice not a claimer), and a later claim wins it."""
    r = room()
    host, alice_id = connect(app, r.host_id), make.user("alice")
    alice = connect(app, alice_id)
    ack(alice, "join", {"room_id": r.id})
    drop = ack(host, "coupon_drop", {"room_id": r.id, "amount_fen": 300, "quantity": 1})["drop"]

    def broken(*_a, **_k):
        raise RuntimeError("the database went away")

    with monkeypatch.context() as m:
        m.setattr(promos, "present_drop", broken)  # after the Redis claim and the insert
        assert code(ack(alice, "claim", {"room_id": r.id, "drop_id": drop["id"]})) == \
            "internal_error"
    assert engine().drop_left(r.id, drop["id"]) == 1
    assert engine().redis.smembers(keys.claimers(r.id, drop["id"])) == set()

    with pytest.raises(RuntimeError, match="commit refused"), transaction() as s:
        event.listen(s, "before_commit", lambda _s: broken_commit())
        promos.claim(s, engine(), room_id=r.id, drop_id=drop["id"], user_id=alice_id,
                     now=clock.now())
        assert engine().drop_left(r.id, drop["id"]) == 0  # Redis said yes
    assert engine().drop_left(r.id, drop["id"]) == 1
    with transaction() as s:
        assert s.scalar(select(func.count()).select_from(CouponClaim)) == 0

    won = ack(alice, "claim", {"room_id": r.id, "drop_id": drop["id"]})
    assert (won["ok"], won["drop"]["left"]) == (True, 0)
    assert engine().redis.smembers(keys.claimers(r.id, drop["id"])) == {str(alice_id)}
    with transaction() as s:
        assert s.scalars(select(CouponClaim.user_id)).all() == [alice_id]


def broken_commit():
    raise RuntimeError("commit refused")


def test_a_stale_redis_never_lets_a_drop_go_over_its_quantity(app, room, make):
    """Redis forgot a claim (a failover): it lets a second viewer in, the
    database refuses, and the coupon stays with the first."""
    r = room()
    host = connect(app, r.host_id)
    alice_id, bob_id = make.user("alice"), make.user("bob")
    alice, bob = connect(app, alice_id), connect(app, bob_id)
    for viewer in (alice, bob):
        ack(viewer, "join", {"room_id": r.id})
    drop = ack(host, "coupon_drop", {"room_id": r.id, "amount_fen": 300, "quantity": 1})["drop"]
    assert ack(alice, "claim", {"room_id": r.id, "drop_id": drop["id"]})["ok"]
    engine().redis.hset(keys.drop(r.id, drop["id"]), "claimed", 0)
    engine().redis.srem(keys.claimers(r.id, drop["id"]), alice_id)
    assert code(ack(bob, "claim", {"room_id": r.id, "drop_id": drop["id"]})) == "coupon_gone"
    with transaction() as s:
        assert s.scalars(select(CouponClaim.user_id)).all() == [alice_id]
    with transaction() as s:  # a reload keeps what Redis holds (no claims forgotten)
        promos.load_drop(s, engine(), s.get(promos.CouponDrop, drop["id"]))
    assert engine().drop_left(r.id, drop["id"]) == 1
