"""Checkout with a coupon over /mp/v1/orders: at most one, the buyer's own,
of the order's shop, valid now, on normal orders only; threshold and scope
checked and the discount computed by the server; two orders racing for one
coupon: exactly one is made."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from app import clock
from app.coupons.errors import NotWithPromotion
from app.db import transaction
from app.orders import service as orders
from app.orders.models import Order
from tests.conftest import count, iso, stock_of
from tests.coupons.conftest import claimed, code, counts, held, order, product, users


def refusal(resp) -> tuple:
    err = resp.json["error"]
    return resp.status_code, err["code"], err["details"].get("reason")


def test_an_order_with_a_coupon_gets_the_server_computed_discount_and_uses_it(
        app, client, shop, coupon):
    c = coupon(amount_fen=1000, min_spend_fen=5000)
    ((_, alice),) = users(app, 1)
    mine = claimed(client, alice, c)
    resp = order(client, alice, [(shop.cup_sku, 2)], coupon_id=mine)
    assert resp.status_code == 201, resp.json
    assert (resp.json["goods_fen"], resp.json["discount_fen"], resp.json["total_fen"]) == (
        6000, 1000, 5000)
    with transaction() as s:
        assert s.get(Order, resp.json["id"]).coupon_id == mine
    assert held(mine) == ("used", resp.json["id"])
    assert counts(c) == (1, 1)
    again = order(client, alice, [(shop.cup_sku, 2)], coupon_id=mine)
    assert refusal(again) == (422, "coupon_not_usable", "used")
    assert stock_of(shop.cup_sku) == 98  # the refused order took nothing


def test_percent_off_of_a_category_is_capped_and_counts_only_that_category(
        app, client, shop, coupon):
    c = coupon(kind="percent_off", amount_fen=0, min_spend_fen=0, percent_bps=1500,
               cap_fen=400, scope="category", categories=["tea"])
    ((_, alice),) = users(app, 1)
    resp = order(client, alice, [(shop.tea_sku, 2), (shop.cup_sku, 1)],
                 coupon_id=claimed(client, alice, c))
    assert (resp.json["discount_fen"], resp.json["total_fen"]) == (300, 4700)  # 15% of 2000
    c2 = coupon(kind="percent_off", amount_fen=0, min_spend_fen=0, percent_bps=1500,
                cap_fen=400, scope="category", categories=["tea"])
    resp = order(client, alice, [(shop.tea_sku, 5)], coupon_id=claimed(client, alice, c2))
    assert resp.json["discount_fen"] == 400  # 750 capped


def test_no_threshold_coupon_never_takes_the_order_below_one_fen(app, client, shop, coupon):
    c = coupon(kind="no_threshold", amount_fen=5000, min_spend_fen=0)
    ((_, alice),) = users(app, 1)
    resp = order(client, alice, [(shop.tea_sku, 1)], coupon_id=claimed(client, alice, c))
    assert (resp.json["discount_fen"], resp.json["total_fen"]) == (999, 1)


def test_coupon_not_usable_says_why(app, client, make, shop, coupon):
    ((_, alice),) = users(app, 1)
    below = claimed(client, alice, coupon(min_spend_fen=5000))
    assert refusal(order(client, alice, [(shop.tea_sku, 4)], below)) == (
        422, "coupon_not_usable", "below_min_spend")
    scoped = claimed(client, alice, coupon(scope="products", product_ids=[shop.tea_product],
                                          min_spend_fen=2000))
    assert refusal(order(client, alice, [(shop.cup_sku, 1)], scoped)) == (
        422, "coupon_not_usable", "out_of_scope")
    later = claimed(client, alice, coupon(valid_from=iso(days=1)))
    assert refusal(order(client, alice, [(shop.cup_sku, 2)], later)) == (
        422, "coupon_not_usable", "not_started")
    other_shop = make.merchant("other", name="Other")
    _, other_sku = product(other_shop, "Oolong", "tea", 9000)
    mine = claimed(client, alice, coupon())
    assert refusal(order(client, alice, [(other_sku, 1)], mine)) == (
        422, "coupon_not_usable", "wrong_merchant")
    clock.advance(timedelta(days=7))
    assert refusal(order(client, alice, [(shop.cup_sku, 2)], mine)) == (
        422, "coupon_not_usable", "expired")
    assert count(Order) == 0


def test_someone_elses_or_an_unknown_coupon_is_not_found(app, client, shop, coupon):
    (_, alice), (_, bob) = users(app, 2)
    alices = claimed(client, alice, coupon())
    assert code(order(client, bob, [(shop.cup_sku, 2)], alices)) == "coupon_not_found"
    assert code(order(client, bob, [(shop.cup_sku, 2)], 999_999)) == "coupon_not_found"
    assert held(alices) == ("unused", None)


def test_promotion_orders_refuse_coupons(app, client, shop, coupon):
    ((uid, alice),) = users(app, 1)
    mine = claimed(client, alice, coupon())
    with pytest.raises(NotWithPromotion) as err, transaction() as s:
        orders.create_order(s, buyer_id=uid, lines=[(shop.cup_sku, 2)], now=clock.now(),
                            kind="flashsale", prices={shop.cup_sku: 2500},
                            asks={"coupon_id": mine})
    assert (err.value.code, err.value.details) == ("coupon_not_with_promotion",
                                                   {"kind": "flashsale"})
    assert held(mine) == ("unused", None)


def test_two_orders_racing_for_one_coupon_exactly_one_is_made(app, shop, coupon):
    c = coupon()
    ((_, alice),) = users(app, 1)
    mine = claimed(app.test_client(), alice, c)

    def place(_):
        resp = order(app.test_client(), alice, [(shop.cup_sku, 2)], mine)
        return resp.status_code, resp.json.get("error", {}).get("details", {}).get("reason")

    with ThreadPoolExecutor(8) as pool:
        answers = sorted(pool.map(place, range(8)))
    assert answers == [(201, None)] + [(422, "used")] * 7
    assert count(Order) == 1
    assert stock_of(shop.cup_sku) == 98
    assert counts(c) == (1, 1)


def test_the_cart_preview_shows_which_coupons_apply_and_what_each_gives(
        app, client, shop, coupon):
    ((_, alice),) = users(app, 1)
    ten = claimed(client, alice, coupon(amount_fen=1000, min_spend_fen=5000))
    tea_only = claimed(client, alice, coupon(kind="percent_off", amount_fen=0, min_spend_fen=0,
                                             percent_bps=1000, cap_fen=5000, scope="category",
                                             categories=["tea"]))
    big = claimed(client, alice, coupon(amount_fen=1000, min_spend_fen=9000))
    body = {"lines": [{"sku_id": shop.cup_sku, "quantity": 2},
                      {"sku_id": shop.tea_sku, "quantity": 1}]}
    resp = client.post("/mp/v1/me/coupons/preview", headers=alice, json=body)
    assert resp.status_code == 200, resp.json
    assert [(i["coupon"]["id"], i["usable"], i["reason"], i["discount_fen"])
            for i in resp.json["items"]] == [(ten, True, "", 1000), (tea_only, True, "", 100),
                                             (big, False, "below_min_spend", 0)]
    made = order(client, alice, [(shop.cup_sku, 2), (shop.tea_sku, 1)], tea_only)
    assert made.json["discount_fen"] == 100  # the order agrees with the preview
