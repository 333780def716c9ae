"""Live coupon drops hand out real coupons (app.coupons) of the room's
merchant: a claim grants one in its own transaction and records it on the
claim; the coupon works only in that merchant's shop; a drop may name an
existing coupon; nothing is claimed once the room has ended."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app import clock
from app.coupons.models import Coupon, UserCoupon
from app.db import transaction
from live import errors, promos
from live.engine import current as engine
from live.models import CouponClaim
from tests.conftest import iso
from tests.live.conftest import ack, code, connect

WINDOW = {"valid_from": iso(), "valid_until": iso(days=6)}


def viewer(app, r, make, name: str):
    c = connect(app, make.user(name))
    assert ack(c, "join", {"room_id": r.id})["ok"]
    return c


def order(client, make, name: str, sku_id: int, coupon_id: int):
    return client.post("/mp/v1/orders", headers=make.login(name), json={
        "lines": [{"sku_id": sku_id, "quantity": 1}], "coupon_id": coupon_id})


def test_a_claim_grants_a_real_coupon_usable_only_in_the_rooms_shop(app, client, room, make):
    r = room()
    host, alice = connect(app, r.host_id), viewer(app, r, make, "alice")
    drop = ack(host, "coupon_drop", {"room_id": r.id, "amount_fen": 300, "quantity": 2})["drop"]
    got = ack(alice, "claim", {"room_id": r.id, "drop_id": drop["id"]})
    assert got["ok"] and got["coupon_id"]
    alice_id = make.user("alice")
    with transaction() as s:
        held = s.get(UserCoupon, got["coupon_id"])
        coupon = s.get(Coupon, drop["coupon_id"])
        assert (held.user_id, held.merchant_id, held.source, held.status) == (
            alice_id, r.merchant_id, "live_drop", "unused")
        assert (coupon.kind, coupon.amount_fen, coupon.total, coupon.claimed,
                coupon.public) == ("no_threshold", 300, 2, 1, False)
        assert s.scalars(select(CouponClaim.coupon_id)).all() == [held.id]
    other = make.merchant("other", name="Other shop")
    (other_sku,) = make.product(other, skus=((2000, 5),))
    refused = order(client, make, "alice", other_sku, got["coupon_id"])
    assert (refused.json["error"]["code"], refused.json["error"]["details"]["reason"]) == (
        "coupon_not_usable", "wrong_merchant")
    used = order(client, make, "alice", r.sku_ids[0], got["coupon_id"])
    assert (used.status_code, used.json["discount_fen"]) == (201, 300)


def test_a_drop_can_name_an_active_coupon_of_the_rooms_merchant(app, client, room, make):
    r = room()
    url = f"/api/v1/merchants/{r.merchant_id}/coupons"
    made = client.post(url, headers=r.host, json={
        "name": "Live 10%", "kind": "percent_off", "percent_bps": 1000, "cap_fen": 500,
        "total": 3, **WINDOW}).json["id"]
    host, alice = connect(app, r.host_id), viewer(app, r, make, "alice")
    drop_of = {"room_id": r.id, "coupon_id": made, "quantity": 3}
    assert code(ack(host, "coupon_drop", drop_of)) == "coupon_not_claimable"  # a draft
    assert client.post(f"{url}/{made}/activate", headers=r.host).status_code == 200
    assert code(ack(host, "coupon_drop", {**drop_of, "quantity": 4})) == "coupon_exhausted"
    assert code(ack(host, "coupon_drop", {**drop_of, "amount_fen": 100})) == "validation_error"
    drop = ack(host, "coupon_drop", drop_of)["drop"]
    assert {k: drop[k] for k in ("coupon_id", "kind", "amount_fen", "percent_bps", "cap_fen",
                                 "min_spend_fen", "quantity", "left")} == {
        "coupon_id": made, "kind": "percent_off", "amount_fen": 0, "percent_bps": 1000,
        "cap_fen": 500, "min_spend_fen": 0, "quantity": 3, "left": 3}
    got = ack(alice, "claim", {"room_id": r.id, "drop_id": drop["id"]})
    with transaction() as s:
        assert s.get(UserCoupon, got["coupon_id"]).coupon_id == made
    theirs = make.merchant("other", name="Other shop")
    owner = make.login("other")
    foreign = client.post(f"/api/v1/merchants/{theirs}/coupons", headers=owner, json={
        "name": "x", "kind": "no_threshold", "amount_fen": 1, "total": 3, **WINDOW}).json["id"]
    assert code(ack(host, "coupon_drop", {**drop_of, "coupon_id": foreign})) == \
        "coupon_not_found"


def test_a_grant_refused_gives_the_claim_back_in_redis(app, client, room, make):
    """Alice already holds the named coupon (limit 1): the claim is refused
    with the coupon's code and Redis keeps the unit for someone else."""
    r = room()
    url = f"/api/v1/merchants/{r.merchant_id}/coupons"
    made = client.post(url, headers=r.host, json={
        "name": "One each", "kind": "no_threshold", "amount_fen": 100, "total": 5,
        **WINDOW}).json["id"]
    client.post(f"{url}/{made}/activate", headers=r.host)
    assert client.post(f"/mp/v1/coupons/{made}/claim",
                       headers=make.login("alice")).status_code == 201
    host, alice = connect(app, r.host_id), viewer(app, r, make, "alice")
    drop = ack(host, "coupon_drop", {"room_id": r.id, "coupon_id": made, "quantity": 2})["drop"]
    assert code(ack(alice, "claim", {"room_id": r.id, "drop_id": drop["id"]})) == \
        "coupon_limit_reached"
    assert engine().drop_left(r.id, drop["id"]) == 2
    bob = viewer(app, r, make, "bob")
    assert ack(bob, "claim", {"room_id": r.id, "drop_id": drop["id"]})["ok"]


def test_a_drop_cannot_be_claimed_after_its_room_ended(app, room, make):
    """Also for a viewer still on the page when it ended."""
    r = room()
    host, bob = connect(app, r.host_id), viewer(app, r, make, "bob")
    drop = ack(host, "coupon_drop", {"room_id": r.id, "amount_fen": 300, "quantity": 2})["drop"]
    assert ack(host, "set_state", {"room_id": r.id, "state": "ended"})["ok"]
    alice_id = make.user("alice")
    with pytest.raises(errors.RoomEnded) as err, transaction() as s:
        promos.claim(s, engine(), room_id=r.id, drop_id=drop["id"], user_id=alice_id,
                     now=clock.now())
    assert err.value.code == "room_ended"
    assert code(ack(bob, "claim", {"room_id": r.id, "drop_id": drop["id"]})) == "room_ended"
    assert engine().drop_left(r.id, drop["id"]) == 2
