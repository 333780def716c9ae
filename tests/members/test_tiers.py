"""Tiers by growth value (1 per yuan of completed paid goods, taken back on
refund; plus growth per check-in) and their perks at checkout."""

import pytest

from app import clock
from app.db import transaction
from app.orders import service
from tests.members.shop import MemberShop
from tests.payments.conftest import sandbox  # noqa: F401 - fixture

TIERS = [{"name": "silver", "min_growth": 10, "discount_bps": 500, "free_shipping": False},
         {"name": "gold", "min_growth": 100, "discount_bps": 1000, "free_shipping": True}]


@pytest.fixture
def shop(app, client, make, sandbox):  # noqa: F811
    shop = MemberShop(app, client, make, sandbox)
    shop.settings(checkin_growth=10)
    resp = shop.members("PUT", "/tiers", json={"tiers": TIERS})
    assert resp.status_code == 200, resp.json
    return shop


def tier(shop, name):
    t = shop.me("GET", "", name).json
    return (t["growth"], t["tier"] and t["tier"]["name"], t["next_tier"] and
            t["next_tier"]["name"])


def test_growth_from_check_ins_and_completed_spend_moves_the_tier(shop):
    shop.check_in("ann")
    assert tier(shop, "ann") == (10, "silver", "gold")
    _, sku = shop.product(10_099)
    shop.completed("ann", sku)  # 100.99 less silver's 5% (5.04): 95.95 paid -> 95 growth
    assert tier(shop, "ann") == (105, "gold", None)


def test_a_refund_after_completion_takes_growth_and_tier_back(shop):
    _, sku = shop.product(5_000)
    order_id = shop.order("ann", [(sku, 2)])
    shop.complete(order_id, "ann")
    assert tier(shop, "ann") == (100, "gold", None)
    shop.refund(order_id, "r1", [(0, 1)])
    assert tier(shop, "ann") == (50, "silver", "gold")


def test_tier_perks_apply_to_normal_orders_rounded_down(shop):
    for _ in range(10):
        shop.check_in("ann")
        shop.next_day()
    assert tier(shop, "ann")[1] == "gold"
    _, sku = shop.product(999)
    resp = shop.buy("ann", sku, 3)
    assert (resp.json["goods_fen"], resp.json["discount_fen"], resp.json["total_fen"],
            resp.json["postage_fen"]) == (2997, 299, 2698, 0)
    with transaction() as s:  # promotion orders get no perk
        order = service.create_order(s, buyer_id=shop.ids["ann"], lines=[(sku, 1)],
                                     now=clock.now(), kind="flashsale", prices={sku: 500})
        assert order.discount_fen == 0


def test_tier_discount_and_points_stack_in_rank_order(shop):
    shop.check_in("ann")  # silver: 5%, and 10 points
    _, sku = shop.product(1000)
    resp = shop.buy("ann", sku, 1, points=10)
    assert (resp.json["discount_fen"], resp.json["total_fen"]) == (60, 940)


def test_redefining_tiers_recomputes_every_members_tier(shop):
    shop.check_in("ann")
    shop.check_in("bob")
    assert tier(shop, "ann")[1] == "silver"
    resp = shop.members("PUT", "/tiers", json={"tiers": [{**TIERS[0], "min_growth": 20}]})
    assert resp.status_code == 200
    assert tier(shop, "ann") == (10, None, "silver")
    ranks = {m["user_id"]: m["tier_rank"] for m in shop.members("GET", "").json["items"]}
    assert ranks == {shop.ids["ann"]: 0, shop.ids["bob"]: 0}


def test_tiers_must_climb(shop):
    resp = shop.members("PUT", "/tiers", json={"tiers": [TIERS[1], TIERS[0]]})
    assert (resp.status_code, resp.json["error"]["code"]) == (422, "invalid_tiers")
    assert [t["name"] for t in shop.members("GET", "/tiers").json] == ["silver", "gold"]
