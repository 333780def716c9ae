"""Orders through POST /mp/v1/orders charged by the real freight step (the
ship-to region set by the `ship_to` stand-in until orders carry an address),
refusals that write nothing, and postage refunded with the refund that
empties the order: partial refunds give back goods only, and refunding
everything gives back exactly what was paid."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app import clock
from app.catalog.models import Sku
from app.db import transaction
from app.orders.models import Order
from app.payments.models import Payment, Refund
from tests.conftest import count, drain_events, stock_of
from tests.freight.conftest import HANGZHOU_XIHU
from tests.payments.conftest import (
    post_notice,
    run_jobs,
    sandbox,  # noqa: F401 - fixture
)


@pytest.fixture
def buyer(make):
    return make.login("buyer")


def order(client, headers, lines, **extra):
    return client.post("/mp/v1/orders", headers=headers,
                       json={"lines": [{"sku_id": s, "quantity": q} for s, q in lines],
                             **extra})


def test_an_order_pays_its_postage_exactly(client, shop, buyer, ship_to):
    ship_to["region_code"] = "653101"  # Kashgar: Xinjiang's group, 20 + 5 yuan each more
    piece, free = shop.sku("piece", 1000), shop.sku(None, 700)
    resp = order(client, buyer, [(piece, 3), (free, 1)])
    assert resp.status_code == 201, resp.json
    assert (resp.json["goods_fen"], resp.json["postage_fen"], resp.json["discount_fen"],
            resp.json["total_fen"]) == (3700, 3000, 0, 6700)


def test_goods_with_a_template_need_an_address(client, shop, buyer, ship_to):
    piece, free = shop.sku("piece", 1000), shop.sku(None, 700)
    resp = order(client, buyer, [(piece, 1), (free, 1)])
    assert resp.status_code == 422
    assert resp.json["error"]["code"] == "address_required"
    assert resp.json["error"]["details"] == {"product_ids": [_product_of(piece)]}
    assert (count(Order), stock_of(piece)) == (0, 100)
    # goods without a template need none
    resp = order(client, buyer, [(free, 2)])
    assert (resp.status_code, resp.json["postage_fen"], resp.json["total_fen"]) == (201, 0, 1400)


def test_a_region_not_delivered_is_refused_and_nothing_written(client, shop, buyer, ship_to):
    ship_to["region_code"] = "820102"  # Macao
    piece = shop.sku("piece", 1000)
    resp = order(client, buyer, [(piece, 2)])
    assert resp.status_code == 422
    assert resp.json["error"] == {
        "code": "region_not_delivered",
        "message": "Some goods are not delivered to this region.",
        "details": {"region_code": "820102", "refused": "820000",
                    "product_ids": [_product_of(piece)]}}
    assert (count(Order), stock_of(piece)) == (0, 100)


def test_pickup_orders_pay_no_postage(client, shop, buyer, ship_to):
    ship_to["delivery_kind"] = "pickup"
    resp = order(client, buyer, [(shop.sku("piece", 1000), 2)])
    assert (resp.status_code, resp.json["postage_fen"], resp.json["total_fen"]) == (201, 0, 2000)


# ---------------------------------------------------------------- refunds


@pytest.fixture
def paid_order(client, shop, buyer, ship_to, sandbox):  # noqa: F811
    """3 x 10 yuan + 1 x 7 yuan by piece to Hangzhou: 37 yuan of goods, 8 + 3 x
    2 = 14 yuan postage, 51 yuan paid."""
    ship_to["region_code"] = HANGZHOU_XIHU
    tea, cake = shop.sku("piece", 1000), shop.sku("piece", 700)
    resp = order(client, buyer, [(tea, 3), (cake, 1)])
    assert (resp.status_code, resp.json["postage_fen"], resp.json["total_fen"]) == (
        201, 1400, 5100), resp.json
    order_id = resp.json["id"]
    pay = client.post(f"/mp/v1/orders/{order_id}/pay", headers=buyer)
    headers, body = sandbox.notice(sandbox.pay(pay.json["out_trade_no"], clock.now()),
                                   clock.now())
    assert post_notice(client, headers, body).status_code == 204
    with transaction() as s:
        lines = [ln.id for ln in s.get(Order, order_id).lines]
    return order_id, lines


def refund(client, make, shop, order_id, key, lines):
    return client.post(f"/api/v1/merchants/{shop.merchant_id}/orders/{order_id}/refunds",
                       headers=make.login("owner"),
                       json={"refund_id": key, "lines": [{"line_id": i, "quantity": q}
                                                          for i, q in lines]})


def state(order_id: int) -> tuple:
    with transaction() as s:
        o = s.get(Order, order_id)
        paid = s.scalars(select(Payment).where(Payment.order_id == order_id)).one()
        return o.status, o.refund_status, o.refunded_fen, paid.refunded_fen


def test_the_refund_that_empties_the_order_carries_the_postage(app, client, make, shop,
                                                               paid_order):
    order_id, (tea, cake) = paid_order
    first = refund(client, make, shop, order_id, "r1", [(tea, 2)])
    assert (first.status_code, first.json["amount_fen"], first.json["postage_fen"]) == (
        201, 2000, 0)
    assert run_jobs(app, "payments") == 1
    assert state(order_id) == ("to_ship", "partially_refunded", 2000, 2000)

    last = refund(client, make, shop, order_id, "r2", [(tea, 1), (cake, 1)])
    assert (last.status_code, last.json["amount_fen"], last.json["postage_fen"]) == (
        201, 1000 + 700 + 1400, 1400)
    assert [(ln["quantity"], ln["amount_fen"]) for ln in last.json["lines"]] == [
        (1, 1000), (1, 700)]
    assert run_jobs(app, "payments") == 1
    assert state(order_id) == ("refunded", "refunded", 5100, 5100)
    drain_events()
    nothing_left = refund(client, make, shop, order_id, "r3", [(cake, 0)])
    assert (nothing_left.status_code, nothing_left.json["error"]["code"]) == (
        409, "refund_not_allowed")


def test_a_failed_emptying_refund_leaves_the_postage_for_the_next(client, make, shop,
                                                                  paid_order):
    order_id, (tea, cake) = paid_order
    first = refund(client, make, shop, order_id, "r1", [(tea, 3), (cake, 1)])
    assert (first.json["amount_fen"], first.json["postage_fen"]) == (5100, 1400)
    with transaction() as s:  # the provider closed it: nothing went back
        s.scalars(select(Refund)).one().status = "failed"
    again = refund(client, make, shop, order_id, "r2", [(tea, 3), (cake, 1)])
    assert (again.status_code, again.json["amount_fen"], again.json["postage_fen"]) == (
        201, 5100, 1400)


def test_a_full_refund_at_once_gives_back_the_total(app, client, make, shop, paid_order):
    order_id, (tea, cake) = paid_order
    whole = refund(client, make, shop, order_id, "all", [(tea, 3), (cake, 1)])
    assert (whole.json["amount_fen"], whole.json["postage_fen"]) == (5100, 1400)
    assert run_jobs(app, "payments") == 1
    assert state(order_id) == ("refunded", "refunded", 5100, 5100)


def _product_of(sku_id: int) -> int:
    with transaction() as s:
        return s.get(Sku, sku_id).product_id
