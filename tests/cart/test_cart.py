"""The cart: add (adding up per SKU), change, select, remove; lines by
shop; flags for what changed since a line was added, never a line dropped;
the caps; and one buyer's lines out of another's reach."""

from __future__ import annotations

from datetime import timedelta

from app import clock
from app.cart.models import CartLine
from app.catalog import service as catalog
from app.catalog.models import Merchant
from app.db import transaction
from tests.conftest import T0, count

UNKNOWN_ID = 999_999_999
FLAGS_CLEAR = {"off_sale": False, "out_of_stock": False, "short": False,
               "price_changed": False}


def test_add_then_add_again_adds_to_the_line(shops, cart_of):
    alice = cart_of("alice")
    first = alice.add(shops.longjing, 2)
    assert first.status_code == 201
    assert first.json == {
        "id": first.json["id"], "sku_id": shops.longjing,
        "product_id": shops.product_of(shops.longjing), "merchant_id": shops.tea,
        "title": "Longjing", "spec": "", "image_url": "", "quantity": 2, "selected": True,
        "added_at": T0.isoformat(), "unit_price_fen": 1000, "price_at_add_fen": 1000,
        "available": 10, **FLAGS_CLEAR}
    again = alice.add(shops.longjing, 3)
    assert again.status_code == 200
    assert (again.json["id"], again.json["quantity"]) == (first.json["id"], 5)
    assert count(CartLine) == 1


def test_add_past_the_line_quantity_is_refused_and_changes_nothing(shops, cart_of):
    alice = cart_of("alice")
    alice.added(shops.longjing, 995)
    resp = alice.add(shops.longjing, 5)
    assert resp.status_code == 422
    assert resp.json["error"]["code"] == "cart_quantity_too_large"
    assert resp.json["error"]["details"] == {"max_quantity": 999, "in_cart": 995}
    assert alice.lines()[shops.longjing]["quantity"] == 995
    assert alice.add(shops.longjing, 4).json["quantity"] == 999


def test_unknown_sku_and_off_sale_product_are_refused(shops, cart_of, make):
    alice = cart_of("alice")
    resp = alice.add(UNKNOWN_ID)
    assert (resp.status_code, resp.json["error"]["code"]) == (404, "sku_not_found")
    assert resp.json["error"]["details"] == {"sku_ids": [UNKNOWN_ID]}
    (hidden,) = make.product(shops.tea, skus=((500, 5),), title="Hidden", status="off_sale")
    resp = alice.add(hidden)
    assert (resp.status_code, resp.json["error"]["code"]) == (409, "not_on_sale")
    assert count(CartLine) == 0


def test_lines_are_grouped_by_shop_newest_first(shops, cart_of):
    alice = cart_of("alice")
    jing = alice.added(shops.longjing, 1)
    clock.advance(timedelta(minutes=1))
    cup = alice.added(shops.cup, 2)
    clock.advance(timedelta(minutes=1))
    tin = alice.added(shops.tin, 1)
    cart = alice.get()
    assert [(shop["merchant_id"], shop["merchant_name"], [ln["id"] for ln in shop["lines"]])
            for shop in cart["merchants"]] == [
        (shops.tea, "Tea House", [tin, jing]),
        (shops.cups, "Cup Shop", [cup]),
    ]
    assert (cart["line_count"], cart["max_lines"]) == (3, 100)


def test_flags_show_what_changed_and_keep_every_line(client, shops, cart_of):
    alice = cart_of("alice")
    alice.added(shops.longjing, 4)
    alice.added(shops.tin, 2)
    alice.added(shops.cup, 1)
    tea = f"/api/v1/merchants/{shops.tea}"
    # the Longjing's price goes up and its stock down to 3 (fewer than the 4 in the cart)
    assert client.patch(f"{tea}/skus/{shops.longjing}", headers=shops.tea_staff,
                        json={"price_fen": 1200}).status_code == 200
    assert client.post(f"{tea}/skus/{shops.longjing}/stock", headers=shops.tea_staff,
                       json={"delta": -7}).status_code == 200
    # the tin sells out; the cup goes off sale
    assert client.post(f"{tea}/skus/{shops.tin}/stock", headers=shops.tea_staff,
                       json={"delta": -3}).status_code == 200
    assert client.patch(f"/api/v1/merchants/{shops.cups}/products/"
                        f"{shops.product_of(shops.cup)}", headers=shops.cups_staff,
                        json={"status": "off_sale"}).status_code == 200

    lines = alice.lines()
    shown = {sku: {k: lines[sku][k] for k in ("unit_price_fen", "price_at_add_fen",
                                              "price_changed", "short", "available",
                                              "out_of_stock", "off_sale", "quantity")}
             for sku in lines}
    assert shown == {
        shops.longjing: {"unit_price_fen": 1200, "price_at_add_fen": 1000,
                         "price_changed": True, "short": True, "available": 3,
                         "out_of_stock": False, "off_sale": False, "quantity": 4},
        shops.tin: {"unit_price_fen": 2500, "price_at_add_fen": 2500, "price_changed": False,
                    "short": False, "available": 0, "out_of_stock": True, "off_sale": False,
                    "quantity": 2},
        shops.cup: {"unit_price_fen": 3000, "price_at_add_fen": 3000, "price_changed": False,
                    "short": False, "available": 5, "out_of_stock": False, "off_sale": True,
                    "quantity": 1},
    }


def test_adding_again_takes_todays_price(client, shops, cart_of):
    alice = cart_of("alice")
    alice.added(shops.longjing, 1)
    assert client.patch(f"/api/v1/merchants/{shops.tea}/skus/{shops.longjing}",
                        headers=shops.tea_staff, json={"price_fen": 900}).status_code == 200
    assert alice.lines()[shops.longjing]["price_changed"] is True
    line = alice.add(shops.longjing, 1).json
    assert (line["quantity"], line["unit_price_fen"], line["price_at_add_fen"],
            line["price_changed"]) == (2, 900, 900, False)


def test_change_select_and_remove(shops, cart_of):
    alice = cart_of("alice")
    jing, tin, cup = (alice.added(sku) for sku in (shops.longjing, shops.tin, shops.cup))
    resp = alice.patch(jing, quantity=7, selected=False)
    assert resp.status_code == 200
    assert (resp.json["quantity"], resp.json["selected"]) == (7, False)
    assert alice.patch(jing).json["quantity"] == 7  # nothing asked, nothing changed
    resp = alice.select([tin, cup], False)
    assert resp.status_code == 200
    assert [ln["selected"] for shop in resp.json["merchants"] for ln in shop["lines"]] == \
        [False, False, False]
    assert alice.select([jing], True).status_code == 200
    assert alice.lines()[shops.longjing]["selected"] is True
    resp = alice.remove([jing, tin])
    assert resp.status_code == 200
    assert [ln["id"] for shop in resp.json["merchants"] for ln in shop["lines"]] == [cup]
    assert alice.delete(cup).status_code == 204
    assert alice.get()["merchants"] == []


def test_removing_an_unknown_line_removes_none(shops, cart_of):
    alice = cart_of("alice")
    jing = alice.added(shops.longjing)
    resp = alice.remove([jing, UNKNOWN_ID])
    assert (resp.status_code, resp.json["error"]["code"]) == (404, "cart_line_not_found")
    assert resp.json["error"]["details"] == {"line_ids": [UNKNOWN_ID]}
    assert count(CartLine) == 1


def test_a_quantity_outside_one_to_999_is_refused(shops, cart_of):
    alice = cart_of("alice")
    jing = alice.added(shops.longjing)
    for bad in (0, 1000, -1, "2", True):
        resp = alice.patch(jing, quantity=bad)
        assert (resp.status_code, resp.json["error"]["code"]) == (422, "validation_error"), bad
        resp = alice.add(shops.longjing, bad)
        assert (resp.status_code, resp.json["error"]["code"]) == (422, "validation_error"), bad
    assert alice.lines()[shops.longjing]["quantity"] == 1


def test_a_cart_holds_at_most_100_different_items(shops, cart_of):
    with transaction() as s:
        owner = s.get(Merchant, shops.tea).owner_id
        product = catalog.create_product(s, staff_id=owner, merchant_id=shops.tea,
                                         now=clock.now(), data={
                                             "title": "Sampler",
                                             "skus": [{"price_fen": 100 + i, "stock": 1}
                                                      for i in range(101)]})
        skus = [sku.id for sku in product.skus]
    alice = cart_of("alice")
    for sku in skus[:100]:
        assert alice.add(sku).status_code == 201
    resp = alice.add(skus[100])
    assert (resp.status_code, resp.json["error"]["code"]) == (409, "cart_full")
    assert resp.json["error"]["details"] == {"max_lines": 100}
    assert alice.add(skus[0]).status_code == 200  # a held SKU still adds up
    assert count(CartLine) == 100


def test_another_buyers_lines_are_not_found(shops, cart_of):
    alice, bob = cart_of("alice"), cart_of("bob")
    jing = alice.added(shops.longjing, 2)
    refused = [bob.patch(jing, quantity=5), bob.patch(jing, selected=False), bob.delete(jing),
               bob.remove([jing]), bob.select([jing], False),
               bob.order(cart_line_ids=[jing]), bob.preview(cart_line_ids=[jing])]
    assert [(r.status_code, r.json["error"]["code"]) for r in refused] == \
        [(404, "cart_line_not_found")] * 7
    assert bob.get()["merchants"] == []
    line = alice.lines()[shops.longjing]
    assert (line["id"], line["quantity"], line["selected"]) == (jing, 2, True)
    assert bob.added(shops.longjing, 1) != jing  # bob's own line of the same SKU
    assert alice.lines()[shops.longjing]["quantity"] == 2


def test_the_cart_needs_a_token(client):
    for resp in (client.get("/mp/v1/cart"),
                 client.post("/mp/v1/cart/lines", json={"sku_id": 1, "quantity": 1})):
        assert (resp.status_code, resp.json["error"]["code"]) == (401, "unauthorized")
