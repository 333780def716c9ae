"""The checkout preview prices through the code path create_order prices
with: for carts with a coupon, points, a member tier and several shops, each
shop's preview is exactly what its order then charges, and a preview writes
nothing (no order, no stock, coupon still unused, points unspent)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app import clock
from app.cart.models import CartLine
from app.catalog.models import Sku
from app.coupons.models import UserCoupon
from app.db import transaction
from app.orders.models import Order
from members import members
from members.points import ledger as points_ledger

AMOUNTS = ("goods_fen", "postage_fen", "discount_fen", "total_fen")
LINE_FIELDS = ("sku_id", "title", "unit_price_fen", "quantity", "amount_fen")


def amounts(body: dict) -> dict:
    return {k: body[k] for k in AMOUNTS}


def lines_of(body: dict) -> list[tuple]:
    return sorted(tuple(line[k] for k in LINE_FIELDS) for line in body["lines"])


@pytest.fixture
def perks(client, make, shops):
    """perks(buyer, coupon=, points=, tier=) gives the buyer at the tea house
    a held coupon (500 off from 3000), a balance of points, and a tier of
    5% off; returns the held coupon's id (or None)."""
    def give(name: str, *, coupon=False, points=0, tier=False):
        buyer = make.user(name)
        with transaction() as s:
            members.join(s, merchant_id=shops.tea, user_id=buyer, via="test", now=clock.now())
            if points:
                points_ledger.add_points(s, key=f"gift:{buyer}", merchant_id=shops.tea,
                                         user_id=buyer, kind="gift", points=points,
                                         now=clock.now())
        base = f"/api/v1/merchants/{shops.tea}"
        if tier:
            assert client.put(f"{base}/members/tiers", headers=shops.tea_staff, json={"tiers": [
                {"name": "gold", "min_growth": 0, "discount_bps": 500,
                 "free_shipping": False}]}).status_code == 200
        if not coupon:
            return None
        made = client.post(f"{base}/coupons", headers=shops.tea_staff, json={
            "name": "500 off", "kind": "amount_off", "amount_fen": 500, "min_spend_fen": 3000,
            "total": 10, "valid_days": 7}).json["id"]
        assert client.post(f"{base}/coupons/{made}/activate",
                           headers=shops.tea_staff).status_code == 200
        resp = client.post(f"/mp/v1/coupons/{made}/claim", headers=make.login(name))
        assert resp.status_code == 201, resp.json
        return resp.json["id"]
    return give


def written(shops, buyer_name, make) -> tuple:
    """What an order would write: orders, stock, held coupons' status,
    points entries, cart lines."""
    buyer = make.user(buyer_name)
    with transaction() as s:
        return (s.scalar(select(func.count()).select_from(Order)),
                [s.get(Sku, sku).stock for sku in (shops.longjing, shops.tin, shops.cup)],
                sorted(s.scalars(select(UserCoupon.status))),
                points_ledger.balance(s, shops.tea, buyer, clock.now()),
                s.scalar(select(func.count()).select_from(CartLine)))


CASES = [
    pytest.param({}, {}, 0, id="no_asks"),
    pytest.param({"coupon": True}, {"coupon": 500}, 500, id="coupon"),
    pytest.param({"points": 5000}, {"points": 1000}, 1000, id="points"),
    pytest.param({"coupon": True, "points": 5000, "tier": True},
                 {"tier": 225, "coupon": 500, "points": 1000}, 1725,
                 id="tier_coupon_and_points"),
]


@pytest.mark.parametrize(("given", "steps", "discount"), CASES)
def test_preview_is_what_the_order_charges(shops, cart_of, perks, make, given, steps,
                                           discount):
    held = perks("alice", **given)
    alice = cart_of("alice")
    alice.added(shops.longjing, 2)
    alice.added(shops.tin, 1)
    asks = {"coupon_id": held} if held else {}
    if "points" in steps:
        asks["points"] = 1000
    before = written(shops, "alice", make)

    resp = alice.preview(cart=True, merchant_id=shops.tea, **asks)
    assert resp.status_code == 200, resp.json
    (shop,) = resp.json["merchants"]
    assert amounts(resp.json) == amounts(shop) == {
        "goods_fen": 4500, "postage_fen": 0, "discount_fen": discount,
        "total_fen": 4500 - discount}
    applied = dict(shop["applied"])
    assert applied.pop("freight") == {"delivery_kind": "express", "postage_fen": 0,
                                      "templates": []}  # the shop names no template
    assert {name: step["discount_fen"] for name, step in applied.items()} == steps
    assert (shop["merchant_id"], shop["merchant_name"]) == (shops.tea, "Tea House")
    assert lines_of(shop) == [(shops.longjing, "Longjing", 1000, 2, 2000),
                              (shops.tin, "Longjing", 2500, 1, 2500)]
    assert written(shops, "alice", make) == before  # the preview wrote nothing

    order = alice.order(cart=True, merchant_id=shops.tea, **asks)
    assert order.status_code == 201, order.json
    assert amounts(order.json) == amounts(shop)
    assert lines_of(order.json) == lines_of(shop)


def test_shops_previewed_separately_are_what_their_orders_charge(shops, cart_of, perks):
    held = perks("alice", coupon=True)
    alice = cart_of("alice")
    alice.added(shops.longjing, 2)
    alice.added(shops.tin, 1)
    alice.added(shops.cup, 2)

    whole = alice.preview(cart=True)
    assert whole.status_code == 200, whole.json
    by_shop = {shop["merchant_id"]: shop for shop in whole.json["merchants"]}
    assert {mid: amounts(shop) for mid, shop in by_shop.items()} == {
        shops.tea: {"goods_fen": 4500, "postage_fen": 0, "discount_fen": 0,
                    "total_fen": 4500},
        shops.cups: {"goods_fen": 6000, "postage_fen": 0, "discount_fen": 0,
                     "total_fen": 6000}}
    assert amounts(whole.json) == {"goods_fen": 10500, "postage_fen": 0, "discount_fen": 0,
                                   "total_fen": 10500}

    tea = alice.preview(cart=True, merchant_id=shops.tea, coupon_id=held).json["merchants"][0]
    cups = alice.preview(cart=True, merchant_id=shops.cups).json["merchants"][0]
    assert amounts(tea) == {"goods_fen": 4500, "postage_fen": 0, "discount_fen": 500,
                            "total_fen": 4000}
    assert amounts(cups) == amounts(by_shop[shops.cups])

    tea_order = alice.order(cart=True, merchant_id=shops.tea, coupon_id=held)
    cups_order = alice.order(cart=True, merchant_id=shops.cups)
    assert (tea_order.status_code, cups_order.status_code) == (201, 201)
    assert amounts(tea_order.json) == amounts(tea)
    assert amounts(cups_order.json) == amounts(cups)
    assert (tea_order.json["coupon_id"], cups_order.json["coupon_id"]) == (held, None)
    assert alice.get()["merchants"] == []


def test_preview_of_explicit_lines_with_points(shops, cart_of, perks):
    perks("alice", points=300)
    alice = cart_of("alice")
    lines = [{"sku_id": shops.tin, "quantity": 2}, {"sku_id": shops.longjing, "quantity": 1}]
    preview = alice.preview(lines=lines, points=300)
    assert preview.status_code == 200, preview.json
    assert amounts(preview.json) == {"goods_fen": 6000, "postage_fen": 0, "discount_fen": 300,
                                     "total_fen": 5700}
    order = alice.order(lines=lines, points=300)
    assert order.status_code == 201, order.json
    assert amounts(order.json) == amounts(preview.json)


@pytest.mark.parametrize(("change", "status", "code"), [
    pytest.param("short", 409, "out_of_stock", id="short_of_stock"),
    pytest.param("off_sale", 409, "not_on_sale", id="off_sale"),
])
def test_preview_refuses_what_the_order_would(client, shops, cart_of, make, change, status,
                                              code):
    alice = cart_of("alice")
    alice.added(shops.tin, 3)
    tea = f"/api/v1/merchants/{shops.tea}"
    if change == "short":
        client.post(f"{tea}/skus/{shops.tin}/stock", headers=shops.tea_staff,
                    json={"delta": -1})
    else:
        client.patch(f"{tea}/products/{shops.product_of(shops.tin)}", headers=shops.tea_staff,
                     json={"status": "off_sale"})
    before = written(shops, "alice", make)
    preview, order = alice.preview(cart=True), alice.order(cart=True)
    assert [(r.status_code, r.json["error"]["code"]) for r in (preview, order)] == \
        [(status, code)] * 2
    if change == "short":
        assert preview.json["error"]["details"] == {"sku_id": shops.tin, "quantity": 3,
                                                    "available": 2}
    assert written(shops, "alice", make) == before
    assert alice.lines()[shops.tin]["quantity"] == 3  # never dropped from the cart


def test_preview_of_an_empty_selection(shops, cart_of):
    alice = cart_of("alice")
    jing = alice.added(shops.longjing)
    alice.select([jing], False)
    resp = alice.preview(cart=True)
    assert (resp.status_code, resp.json["error"]["code"]) == (422, "cart_empty")
