"""Ordering from the cart: one shop at a time, the selected lines or lines
by id, which leave the cart in the order's transaction; a refused order
leaves the cart and the stock as they were."""

from __future__ import annotations

import pytest

from app.cart import service as cart
from app.cart.errors import CartChanged
from app.cart.models import CartLine
from app.db import transaction
from app.orders.models import Order
from tests.conftest import count, stock_of


def ordered(resp) -> list[tuple[int, int]]:
    return sorted((line["sku_id"], line["quantity"]) for line in resp.json["lines"])


def test_the_selected_lines_become_the_order_and_leave_the_cart(shops, cart_of):
    alice = cart_of("alice")
    alice.added(shops.longjing, 2)
    tin = alice.added(shops.tin, 1)
    alice.select([tin], False)
    resp = alice.order(cart=True)
    assert resp.status_code == 201, resp.json
    assert ordered(resp) == [(shops.longjing, 2)]
    assert (resp.json["goods_fen"], resp.json["total_fen"]) == (2000, 2000)
    assert list(alice.lines()) == [shops.tin]  # the unselected line stays
    assert (stock_of(shops.longjing), stock_of(shops.tin)) == (8, 3)


def test_lines_by_id(shops, cart_of):
    alice = cart_of("alice")
    jing = alice.added(shops.longjing, 1)
    alice.added(shops.tin, 2)
    resp = alice.order(cart_line_ids=[jing])
    assert resp.status_code == 201, resp.json
    assert ordered(resp) == [(shops.longjing, 1)]
    assert list(alice.lines()) == [shops.tin]


def test_one_shop_at_a_time(shops, cart_of):
    alice = cart_of("alice")
    alice.added(shops.longjing, 1)
    alice.added(shops.cup, 1)
    resp = alice.order(cart=True)
    assert (resp.status_code, resp.json["error"]["code"]) == (422, "mixed_merchants")
    assert (count(Order), count(CartLine)) == (0, 2)
    assert (stock_of(shops.longjing), stock_of(shops.cup)) == (10, 5)
    resp = alice.order(cart=True, merchant_id=shops.cups)
    assert resp.status_code == 201, resp.json
    assert (resp.json["merchant_id"], ordered(resp)) == (shops.cups, [(shops.cup, 1)])
    assert list(alice.lines()) == [shops.longjing]


def test_nothing_selected_is_refused(shops, cart_of):
    alice = cart_of("alice")
    resp = alice.order(cart=True)
    assert (resp.status_code, resp.json["error"]["code"]) == (422, "cart_empty")
    alice.added(shops.longjing)
    resp = alice.order(cart=True, merchant_id=shops.cups)
    assert (resp.status_code, resp.json["error"]["code"]) == (422, "cart_empty")
    assert resp.json["error"]["details"] == {"merchant_id": shops.cups}
    assert count(Order) == 0


def test_a_flagged_line_refuses_the_order_and_stays(client, shops, cart_of):
    alice = cart_of("alice")
    alice.added(shops.longjing, 1)
    alice.added(shops.tin, 3)
    client.post(f"/api/v1/merchants/{shops.tea}/skus/{shops.tin}/stock",
                headers=shops.tea_staff, json={"delta": -1})
    resp = alice.order(cart=True)
    assert (resp.status_code, resp.json["error"]["code"]) == (409, "out_of_stock")
    assert sorted(alice.lines()) == sorted([shops.longjing, shops.tin])
    assert (count(Order), stock_of(shops.longjing), stock_of(shops.tin)) == (0, 10, 2)


@pytest.mark.parametrize("body", [
    pytest.param({}, id="nothing_to_order"),
    pytest.param({"cart": True, "lines": [{"sku_id": 1, "quantity": 1}]}, id="cart_and_lines"),
    pytest.param({"cart": True, "cart_line_ids": [1]}, id="cart_and_line_ids"),
    pytest.param({"cart": False}, id="cart_false"),
    pytest.param({"lines": [{"sku_id": 1, "quantity": 1}], "merchant_id": 1},
                 id="merchant_without_cart"),
    pytest.param({"cart_line_ids": []}, id="no_line_ids"),
])
def test_what_to_order_is_named_once(shops, cart_of, body):
    alice = cart_of("alice")
    for resp in (alice.order(**body), alice.preview(**body)):
        assert (resp.status_code, resp.json["error"]["code"]) == (422, "validation_error")


def test_lines_another_order_took_meanwhile_refuse_this_one(shops, cart_of, make):
    """The guard behind PostgreSQL's race of two cart orders: the lines an
    order read are deleted only as they were read."""
    alice = cart_of("alice")
    alice.added(shops.longjing, 2)
    buyer = make.user("alice")
    with transaction() as s:
        held = cart.held(s, buyer_id=buyer)
    assert alice.patch(held[0].id, quantity=3).status_code == 200  # changed meanwhile
    with pytest.raises(CartChanged), transaction() as s:
        cart.remove_ordered(s, buyer, held)
    assert alice.lines()[shops.longjing]["quantity"] == 3
