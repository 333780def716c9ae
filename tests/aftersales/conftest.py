"""After-sale fixtures: the shipping tests' shop (two SKUs, orders paid
through the payment sandbox's real notice), and the buyer's and staff's
after-sale calls through the HTTP API."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from app.aftersales.models import AfterSale
from app.db import transaction
from app.payments.models import Refund
from tests.conftest import drain_events
from tests.payments.conftest import run_jobs
from tests.shipping.conftest import Bought, Shop, buy, sandbox, shop  # noqa: F401 - fixtures


@dataclass
class AfterSales:
    shop: Shop
    client: object
    app: object

    def ask(self, bought: Bought, kind: str, lines, reason="quality", headers=None, **extra):
        body = {"kind": kind, "reason_code": reason,
                "lines": [{"line_id": bought.lines[i], "quantity": q} for i, q in lines],
                **extra}
        return self.client.post(f"/mp/v1/orders/{bought.order_id}/after-sales",
                                headers=headers or bought.headers, json=body)

    def opened(self, bought: Bought, kind: str, lines, **extra) -> dict:
        resp = self.ask(bought, kind, lines, **extra)
        assert resp.status_code == 201, resp.json
        return resp.json

    def buyer(self, bought: Bought, sale_id: int, action: str = "", headers=None, **body):
        path = f"/mp/v1/after-sales/{sale_id}" + (f"/{action}" if action else "")
        if not action:
            return self.client.get(path, headers=headers or bought.headers)
        return self.client.post(path, headers=headers or bought.headers, json=body)

    def staff(self, sale_id: int, action: str = "", headers=None, merchant_id=None, **body):
        mid = merchant_id or self.shop.merchant_id
        path = f"/api/v1/merchants/{mid}/after-sales/{sale_id}" + (f"/{action}" if action else "")
        if not action:
            return self.client.get(path, headers=headers or self.shop.staff)
        return self.client.post(path, headers=headers or self.shop.staff, json=body)

    def settle(self) -> None:
        """The refund job runs (the sandbox refunds at once), then the events."""
        run_jobs(self.app, "payments")
        drain_events()

    def ship_all(self, bought: Bought, tracking_no: str) -> None:
        resp = self.shop.ship(bought.order_id, tracking_no)
        assert resp.status_code == 200, resp.json

    def receive(self, bought: Bought) -> None:
        resp = self.client.post(f"/mp/v1/orders/{bought.order_id}/receive",
                                headers=bought.headers)
        assert resp.status_code == 200, resp.json


@pytest.fixture
def aftersales(app, client, shop) -> AfterSales:  # noqa: F811 - the shipping fixture
    return AfterSales(shop, client, app)


def refunds_of(order_id: int) -> list[tuple[str, int, str]]:
    with transaction() as s:
        return [(r.refund_key, r.amount_fen, r.status) for r in s.query(Refund)
                .filter_by(order_id=order_id).order_by(Refund.id)]


def status_of(sale_id: int) -> str:
    with transaction() as s:
        return s.get(AfterSale, sale_id).status
