"""Staff adjust a member's points by hand with a reason: added points are a
lot that expires as earned ones do, a deduction never takes more than the
balance, the same request id adjusts once; the member list shows nicknames
and points."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app import clock
from tests.members.shop import MemberShop
from tests.payments.conftest import sandbox  # noqa: F401 - fixture


@pytest.fixture
def shop(app, client, make, sandbox):  # noqa: F811
    shop = MemberShop(app, client, make, sandbox)
    shop.settings(checkin_points=10, expiry_days=30)
    assert shop.check_in("ann").status_code == 201  # a member with 10 points
    return shop


def adjust(shop, points, reason="goodwill", key="a1", member=None):
    return shop.members("POST", f"/{member or shop.ids['ann']}/points",
                        json={"request_id": key, "points": points, "reason": reason})


def test_added_points_come_with_the_reason_and_expire_like_earned_ones(shop):
    resp = adjust(shop, 25, "补偿：快递延误")
    assert resp.status_code == 200, resp.json
    assert resp.json["balance"] == 35
    entry = resp.json["entries"][0]
    assert (entry["kind"], entry["points"], entry["note"]) == ("adjust", 25, "补偿：快递延误")
    assert entry["expires_at"] == (clock.now() + timedelta(days=30)).isoformat()
    assert shop.points("ann") == 35


def test_a_deduction_never_takes_more_than_the_balance(shop):
    resp = adjust(shop, -11)
    assert (resp.status_code, resp.json["error"]["code"]) == (409, "insufficient_points")
    assert resp.json["error"]["details"] == {"available": 10, "asked": 11}
    resp = adjust(shop, -10, "违规刷单", key="a2")
    assert resp.status_code == 200 and resp.json["balance"] == 0
    assert resp.json["entries"][0]["expires_at"] is None
    assert shop.points("ann") == 0


def test_the_same_request_id_adjusts_once(shop):
    assert adjust(shop, 5).json["balance"] == 15
    assert adjust(shop, 5).json["balance"] == 15
    resp = adjust(shop, 6)
    assert (resp.status_code, resp.json["error"]["code"]) == (409, "adjustment_key_reused")
    assert shop.points("ann") == 15


def test_bad_adjustments_are_refused(shop):
    for body in ({"request_id": "x", "points": 0, "reason": "r"},
                 {"request_id": "x", "points": 5, "reason": ""},
                 {"request_id": "x", "points": 5},
                 {"request_id": "x y", "points": 5, "reason": "r"},
                 {"request_id": "x", "points": "5", "reason": "r"}):
        resp = shop.members("POST", f"/{shop.ids['ann']}/points", json=body)
        assert (resp.status_code, resp.json["error"]["code"]) == (422, "validation_error"), body
    shop.login("bob")  # a user, not a member
    resp = adjust(shop, 5, member=shop.ids["bob"])
    assert (resp.status_code, resp.json["error"]["code"]) == (404, "member_not_found")
    assert shop.points("ann") == 10


def test_the_member_list_shows_nicknames_and_points(shop):
    adjust(shop, 7)
    items = shop.members("GET", "").json["items"]
    assert [(m["user_id"], m["points"]) for m in items] == [(shop.ids["ann"], 17)]
    assert items[0]["nickname"] and items[0]["tags"] == []
