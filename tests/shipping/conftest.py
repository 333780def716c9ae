"""Shipping fixtures: a shop of two SKUs, orders paid through the payment
sandbox's real notice (so they can also be refunded), and staff calls."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from app import clock
from app.db import transaction
from app.orders.models import Order
from tests.payments.conftest import post_notice, run_jobs, sandbox  # noqa: F401 - fixture


@dataclass
class Bought:
    order_id: int
    lines: list[int]  # order line ids, in the order of the shop's SKUs asked for
    headers: dict  # the buyer's


@dataclass
class Shop:
    merchant_id: int
    skus: list[int]
    staff: dict  # the owner's headers
    client: object
    app: object

    def ship(self, order_id: int, tracking_no: str, lines=None, carrier="SF", headers=None,
             client=None):
        body = {"carrier": carrier, "tracking_no": tracking_no}
        if lines is not None:
            body["lines"] = [{"line_id": i, "quantity": q} for i, q in lines]
        return (client or self.client).post(
            f"/api/v1/merchants/{self.merchant_id}/orders/{order_id}/ship",
            headers=headers or self.staff, json=body)

    def refund(self, order_id: int, refund_id: str, line_id: int, quantity: int, settle=True):
        resp = self.client.post(f"/api/v1/merchants/{self.merchant_id}/orders/{order_id}/refunds",
                                headers=self.staff, json={"refund_id": refund_id, "lines": [
                                    {"line_id": line_id, "quantity": quantity}]})
        assert resp.status_code == 201, resp.json
        if settle:
            run_jobs(self.app, "payments")
        return resp

    def packages(self, order_id: int):
        return self.client.get(f"/api/v1/merchants/{self.merchant_id}/orders/{order_id}/packages",
                               headers=self.staff)


@pytest.fixture
def shop(app, client, make) -> Shop:
    merchant_id = make.merchant("owner")
    skus = make.product(merchant_id, skus=((1000, 50), (2000, 50)))
    return Shop(merchant_id, skus, make.login("owner"), client, app)


@pytest.fixture
def buy(client, make, shop, sandbox):  # noqa: F811 - the payments fixture
    """buy(3, 2) -> an order of 3 of the first SKU and 2 of the second,
    paid by a verified sandbox notice (to_ship), to the buyer's address."""
    addresses: dict[str, int] = {}

    def _buy(*quantities: int, buyer: str = "alice") -> Bought:
        headers = make.login(buyer)
        if buyer not in addresses:
            addresses[buyer] = make.address(buyer)
        lines = [{"sku_id": sku, "quantity": q} for sku, q in zip(shop.skus, quantities,
                                                                  strict=False) if q]
        order = client.post("/mp/v1/orders", headers=headers, json={"lines": lines,
                                                                  "address_id": addresses[buyer]})
        assert order.status_code == 201, order.json
        prepay = client.post(f"/mp/v1/orders/{order.json['id']}/pay", headers=headers)
        assert prepay.status_code == 200, prepay.json
        notice_headers, body = sandbox.notice(sandbox.pay(prepay.json["out_trade_no"],
                                                          clock.now()), clock.now())
        assert post_notice(client, notice_headers, body).status_code == 204
        return Bought(order.json["id"], [ln["id"] for ln in order.json["lines"]], headers)
    return _buy


def order_row(order_id: int) -> tuple:
    with transaction() as s:
        o = s.get(Order, order_id)
        return o.status, o.shipped_at, o.carrier, o.tracking_no
