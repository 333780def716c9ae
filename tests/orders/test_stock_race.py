"""Stock is taken with a guarded atomic update: racing buyers can never
oversell, on SQLite and (in CI's second leg) on PostgreSQL."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import select

from app.catalog.models import Sku
from app.db import transaction
from app.orders.models import Order
from tests.conftest import count, stock_of


def _race(n, fn):
    barrier = threading.Barrier(n)

    def run(i):
        barrier.wait()
        return fn(i)

    with ThreadPoolExecutor(max_workers=n) as pool:
        return list(pool.map(run, range(n)))


def test_hundred_threads_race_for_last_ten_units(app, make):
    merchant = make.merchant("owner")
    (sku,) = make.product(merchant, skus=[(990, 10)])
    headers = [make.login(f"buyer{i}") for i in range(100)]

    def buy(i):
        resp = app.test_client().post("/mp/v1/orders", headers=headers[i],
                                      json={"lines": [{"sku_id": sku, "quantity": 1}]})
        return resp.status_code, resp.json

    results = _race(100, buy)

    statuses = sorted(code for code, _ in results)
    assert statuses == [201] * 10 + [409] * 90
    assert {body["error"]["code"] for code, body in results if code == 409} == {"out_of_stock"}
    assert stock_of(sku) == 0
    assert count(Order) == 10
    with transaction() as s:
        buyers = set(s.scalars(select(Order.buyer_id)))
        assert len(buyers) == 10
        assert s.scalar(select(Sku.stock).where(Sku.id == sku)) == 0


def test_multi_unit_race_never_goes_negative(app, make):
    """Quantities 1..3 racing for 20 units: what is sold + what is left = 20."""
    merchant = make.merchant("owner")
    (sku,) = make.product(merchant, skus=[(500, 20)])
    headers = [make.login(f"b{i}") for i in range(40)]

    def buy(i):
        qty = i % 3 + 1
        resp = app.test_client().post("/mp/v1/orders", headers=headers[i],
                                      json={"lines": [{"sku_id": sku, "quantity": qty}]})
        return resp.status_code, qty

    results = _race(40, buy)
    sold = sum(qty for code, qty in results if code == 201)
    assert {code for code, _ in results} <= {201, 409}
    assert sold + stock_of(sku) == 20
    assert stock_of(sku) >= 0
    assert stock_of(sku) < 3  # a failed buyer means fewer units were left than asked


def test_two_line_orders_in_opposite_order_do_not_deadlock(app, make):
    """Lines are taken in SKU-id order, so A+B and B+A orders cannot deadlock."""
    merchant = make.merchant("owner")
    sku_a, sku_b = make.product(merchant, skus=[(100, 15), (200, 15)])
    headers = [make.login(f"c{i}") for i in range(30)]

    def buy(i):
        first, second = (sku_a, sku_b) if i % 2 else (sku_b, sku_a)
        lines = [{"sku_id": first, "quantity": 1}, {"sku_id": second, "quantity": 1}]
        return app.test_client().post("/mp/v1/orders", headers=headers[i],
                                      json={"lines": lines}).status_code

    results = _race(30, buy)
    assert sorted(results) == [201] * 15 + [409] * 15
    assert stock_of(sku_a) == 0 and stock_of(sku_b) == 0
