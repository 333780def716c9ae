"""Payment fixtures: the app's sandbox provider (real RSA keys and AES-GCM),
and a checkout helper that takes an order through the real API up to the
point where the provider sends its notice."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from app.payments.sandbox import Sandbox
from app.payments.setup import provider

NOTIFY = "/pay/notify/wechat"


@pytest.fixture
def sandbox(app) -> Sandbox:
    pay = provider()
    assert isinstance(pay, Sandbox)
    return pay


@dataclass
class Checkout:
    order_id: int
    out_trade_no: str
    sku_ids: list[int]
    headers: dict  # the buyer's auth headers


@pytest.fixture
def checkout(client, make):
    """checkout(price, stock, quantity) -> a pending order with its prepay made."""
    def _checkout(price_fen=1000, stock=10, quantity=1, buyer="alice", merchant=None):
        merchant = merchant or make.merchant("owner")
        sku_ids = make.product(merchant, skus=((price_fen, stock),))
        headers = make.login(buyer)
        resp = client.post("/mp/v1/orders", headers=headers,
                           json={"lines": [{"sku_id": sku_ids[0], "quantity": quantity}]})
        assert resp.status_code == 201, resp.json
        order_id = resp.json["id"]
        resp = client.post(f"/mp/v1/orders/{order_id}/pay", headers=headers)
        assert resp.status_code == 200, resp.json
        return Checkout(order_id, resp.json["out_trade_no"], sku_ids, headers)
    return _checkout


def post_notice(client, headers: dict, body: bytes):
    return client.post(NOTIFY, data=body, headers=headers)


def run_jobs(app, *names: str) -> int:
    """Run every queued job of the named queues in this process (a real RQ
    worker in burst mode); returns how many jobs ran."""
    from rq import SimpleWorker

    queues = app.extensions["mall.queues"]
    before = sum(q.count for q in (queues.get(n) for n in names))
    SimpleWorker([queues.get(n) for n in names], connection=queues.connection).work(
        burst=True, with_scheduler=False)
    return before


@pytest.fixture
def paid(client, sandbox, checkout):
    """paid(price, stock, quantity) -> a Checkout whose order was paid by a notice."""
    from app import clock

    def _paid(**kw):
        c = checkout(**kw)
        headers, body = sandbox.notice(sandbox.pay(c.out_trade_no, clock.now()), clock.now())
        resp = post_notice(client, headers, body)
        assert resp.status_code == 204, resp.json
        return c
    return _paid
