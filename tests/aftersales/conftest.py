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
        defaults = {"approve": {"amount_fen": None}, "confirm-receipt": {"restock": True}}
        body = {**defaults.get(action, {}), **body}
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


def race(app, *calls) -> list:
    """Run the calls at once, each in a thread of its own with the app's
    context; their results in order. None of them may fail."""
    import threading

    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(i, call):
        with app.app_context():
            barrier.wait()
            try:
                results[i] = call()
            except Exception as exc:  # noqa: BLE001 - handed back to the test
                results[i] = exc

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    failed = [r for r in results if isinstance(r, Exception)]
    assert not failed, failed
    return results


def scheduled(app, job_id: str):
    """When the job of `job_id` is scheduled to run (None: not scheduled)."""
    queue = app.extensions["mall.queues"].get("orders")
    registry = queue.scheduled_job_registry
    if job_id not in registry.get_job_ids():
        return None
    return registry.get_scheduled_time(job_id)
