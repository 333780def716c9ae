"""Referral fixtures: a shop driven through the real APIs (rules, joining,
binding by invite code, two-line orders paid by signed sandbox notices,
shipping, receipt, completion, refunds, withdrawals) and ledger checks."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app import clock
from app.db import transaction
from app.orders import jobs as order_jobs
from app.orders.models import Order
from referral import ledger, payout
from tests.conftest import drain_events
from tests.payments.conftest import post_notice, run_jobs


@pytest.fixture(autouse=True)
def _sandbox_payout():
    old = payout.use(payout.SandboxPayout())
    yield payout.provider()
    payout.use(old)


class Shop:
    def __init__(self, app, client, make, sandbox):
        self.app, self.client, self.make, self.sandbox = app, client, make, sandbox
        self.addresses: dict[str, int] = {}
        self.merchant_id = make.merchant("owner")
        self.staff = make.login("owner")
        self.headers: dict[str, dict] = {}
        self.ids: dict[str, int] = {}

    # ---- people
    def login(self, name: str) -> dict:
        if name not in self.headers:
            self.headers[name] = self.make.login(name)
            self.ids[name] = self.make.user(name)
        return self.headers[name]

    def mp(self, method: str, path: str, name: str, **kw):
        return self.client.open(f"/mp/v1/referral/merchants/{self.merchant_id}{path}",
                                method=method, headers=self.login(name), **kw)

    def staff_api(self, method: str, path: str, **kw):
        return self.client.open(f"/api/v1/merchants/{self.merchant_id}/referral{path}",
                                method=method, headers=self.staff, **kw)

    def set_rules(self, **changes) -> None:
        body = {"binding_policy": "permanent", "window_days": 30, "level_bps": [1000, 500],
                "self_purchase": False, "join_policy": "everyone", "spend_threshold_fen": 0,
                "withdraw_min_fen": 100, "withdraw_fee_bps": 0, **changes}
        resp = self.staff_api("PUT", "/rules", json=body)
        assert resp.status_code == 200, resp.json

    def join(self, name: str) -> dict:
        resp = self.mp("POST", "/join", name, json={"accept_terms": True})
        assert resp.status_code == 201, resp.json
        return resp.json

    def bind(self, name: str, referrer: str):
        code = self.mp("GET", "/me", referrer).json["invite_code"]
        return self.client.post("/mp/v1/referral/bind", headers=self.login(name),
                                json={"merchant_id": self.merchant_id, "invite_code": code})

    def distributor(self, name: str, referrer: str | None = None) -> None:
        self.join(name)
        if referrer:
            resp = self.bind(name, referrer)
            assert resp.status_code == 200, resp.json

    # ---- orders
    def product(self, price_fen: int, stock: int = 100, title: str = "Tea") -> tuple[int, int]:
        """(product id, sku id)."""
        sku_id = self.make.product(self.merchant_id, skus=((price_fen, stock),), title=title)[0]
        resp = self.client.get("/mp/v1/products?per_page=100")
        product_id = next(p["id"] for p in resp.json["items"] if p["title"] == title)
        return product_id, sku_id

    def order(self, buyer: str, lines, source: dict | None = None, **extra) -> int:
        """Create and pay an order (`extra`: more of its body); returns its id."""
        headers = self.login(buyer)
        body = {"lines": [{"sku_id": s, "quantity": q} for s, q in lines], **extra}
        if source:
            body["source"] = source
        resp = self.client.post("/mp/v1/orders", headers=headers, json=body)
        assert resp.status_code == 201, resp.json
        order_id = resp.json["id"]
        resp = self.client.post(f"/mp/v1/orders/{order_id}/pay", headers=headers)
        assert resp.status_code == 200, resp.json
        self.notice = self.sandbox.notice(self.sandbox.pay(resp.json["out_trade_no"],
                                                           clock.now()), clock.now())
        assert post_notice(self.client, *self.notice).status_code == 204
        drain_events()
        return order_id

    def address_of(self, buyer: str) -> int:
        if buyer not in self.addresses:
            self.addresses[buyer] = self.make.address(buyer)
        return self.addresses[buyer]

    def complete(self, order_id: int, buyer: str) -> None:
        """Give the order an address, ship, receive, let the after-sale window
        pass, complete, run jobs."""
        resp = self.client.post(f"/mp/v1/orders/{order_id}/address", headers=self.login(buyer),
                                json={"address_id": self.address_of(buyer)})
        assert resp.status_code == 200, resp.json
        resp = self.client.post(f"/api/v1/merchants/{self.merchant_id}/orders/{order_id}/ship",
                                headers=self.staff,
                                json={"carrier": "SF", "tracking_no": f"SF{order_id:013d}"})
        assert resp.status_code == 200, resp.json
        resp = self.client.post(f"/mp/v1/orders/{order_id}/receive", headers=self.login(buyer))
        assert resp.status_code == 200, resp.json
        clock.advance(timedelta(days=7, seconds=1))
        assert order_jobs.complete(order_id)
        drain_events()

    def refund(self, order_id: int, key: str, lines: list[tuple[int, int]]) -> None:
        """Refund (line index, quantity) pairs and let the provider settle it."""
        line_ids = self.line_ids(order_id)
        resp = self.client.post(
            f"/api/v1/merchants/{self.merchant_id}/orders/{order_id}/refunds",
            headers=self.staff, json={"refund_id": key, "lines": [
                {"line_id": line_ids[i], "quantity": q} for i, q in lines]})
        assert resp.status_code == 201, resp.json
        assert run_jobs(self.app, "payments") == 1
        drain_events()

    def line_ids(self, order_id: int) -> list[int]:
        with transaction() as s:
            return [ln.id for ln in s.get(Order, order_id).lines]

    def run_referral_jobs(self) -> int:
        return run_jobs(self.app, "referral")

    # ---- money
    def balances(self, name: str) -> dict:
        resp = self.mp("GET", "/me", name)
        assert resp.status_code == 200, resp.json
        return resp.json["balances"]

    def available(self, *names: str) -> list[int]:
        return [self.balances(n)["available"] for n in names]

    def pending(self, *names: str) -> list[int]:
        return [self.balances(n)["pending"] for n in names]

    def withdraw(self, name: str, amount_fen: int, key: str = "w1"):
        return self.mp("POST", "/withdrawals", name,
                       json={"request_id": key, "amount_fen": amount_fen})


def ledger_ok() -> tuple[list[int], int]:
    """(unbalanced transactions, sum of all entries): ([], 0) always."""
    with transaction() as s:
        return ledger.unbalanced(s), ledger.total(s)


def merchant_balance(merchant_id: int, kind: str) -> int:
    with transaction() as s:
        return ledger.balance(s, merchant_id, kind)


@pytest.fixture
def shop(app, client, make, sandbox) -> Shop:
    return Shop(app, client, make, sandbox)


@pytest.fixture
def sandbox(app):
    from app.payments.sandbox import Sandbox
    from app.payments.setup import provider

    pay = provider()
    assert isinstance(pay, Sandbox)
    return pay
