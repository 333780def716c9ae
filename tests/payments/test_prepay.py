"""Prepay: what wx.requestPayment needs, signed with the merchant key; one
trade per order however often it is asked for; refused for orders that
cannot be paid. The sandbox's pay button makes the worker post the signed
notice over HTTP to the notify endpoint."""

from __future__ import annotations

from datetime import timedelta

import pytest
from rq.registry import ScheduledJobRegistry
from sqlalchemy import select
from werkzeug.serving import make_server

from app import clock
from app.db import transaction
from app.orders.models import Order
from app.payments import crypto
from app.payments.models import PaymentIntent
from tests.loopback import serving_thread
from tests.payments.conftest import NOTIFY, run_jobs


def test_prepay_returns_signed_request_payment_params(client, sandbox, checkout):
    c = checkout(price_fen=2590, quantity=2)
    resp = client.post(f"/mp/v1/orders/{c.order_id}/pay", headers=c.headers)
    assert resp.status_code == 200
    assert (resp.json["provider"], resp.json["out_trade_no"], resp.json["amount_fen"]) == (
        "sandbox", f"PO{c.order_id:012d}", 5180)
    params = resp.json["request_payment"]
    assert sorted(params) == ["appId", "nonceStr", "package", "paySign", "signType",
                              "timeStamp"]
    assert (params["appId"], params["signType"], params["timeStamp"]) == (
        "wxsandbox", "RSA", str(int(clock.now().timestamp())))
    merchant_public = sandbox.keys.merchant_key.public_key()
    crypto.verify(merchant_public, params["paySign"], params["appId"], params["timeStamp"],
                  params["nonceStr"], params["package"])
    with pytest.raises(crypto.CryptoError):
        crypto.verify(merchant_public, params["paySign"], params["appId"], params["timeStamp"],
                      params["nonceStr"], "prepay_id=other")


def test_asking_again_reuses_the_trade(client, sandbox, checkout):
    c = checkout()
    packages = {client.post(f"/mp/v1/orders/{c.order_id}/pay", headers=c.headers)
                .json["request_payment"]["package"] for _ in range(3)}
    assert len(packages) == 1
    with transaction() as s:
        intent = s.scalars(select(PaymentIntent)).one()
        assert (intent.order_id, intent.amount_fen, intent.status, intent.expires_at) == (
            c.order_id, 1000, "open", clock.now() + timedelta(minutes=15))
    assert packages == {f"prepay_id={intent.prepay_id}"}


def test_prepay_schedules_reconciliation_after_the_window(app, sandbox, checkout):
    c = checkout()
    with transaction() as s:
        intent_id = s.scalar(select(PaymentIntent.id))
    registry = ScheduledJobRegistry("payments",
                                    connection=app.extensions["mall.queues"].connection)
    assert registry.get_job_ids() == [f"pay-reconcile-{intent_id}"]
    when = registry.get_scheduled_time(f"pay-reconcile-{intent_id}")
    assert when.timestamp() == (clock.now() + timedelta(minutes=16)).timestamp()
    assert c.order_id


@pytest.mark.parametrize("case,status,code", [
    ("someone_else", 404, "order_not_found"),
    ("cancelled", 409, "not_payable"),
    ("past_deadline", 409, "not_payable"),
    ("unknown", 404, "order_not_found"),
])
def test_prepay_refused(client, make, checkout, case, status, code):
    c = checkout()
    headers, order_id = c.headers, c.order_id
    if case == "someone_else":
        headers = make.login("mallory")
    if case == "cancelled":
        assert client.post(f"/mp/v1/orders/{order_id}/cancel", headers=headers).status_code == 200
    if case == "past_deadline":
        clock.advance(timedelta(minutes=15))
    if case == "unknown":
        order_id += 1000
    resp = client.post(f"/mp/v1/orders/{order_id}/pay", headers=headers)
    assert (resp.status_code, resp.json["error"]["code"]) == (status, code)


def test_sandbox_pay_needs_a_prepay_first(client, make):
    merchant = make.merchant("owner")
    sku = make.product(merchant)[0]
    headers = make.login("alice")
    order_id = client.post("/mp/v1/orders", headers=headers,
                           json={"lines": [{"sku_id": sku, "quantity": 1}]}).json["id"]
    resp = client.post(f"/mp/v1/sandbox/orders/{order_id}/pay", headers=headers)
    assert (resp.status_code, resp.json["error"]["code"]) == (409, "not_payable")


@pytest.fixture
def live_server(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = serving_thread(server)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(10)


def test_sandbox_pay_posts_the_notice_over_http(app, client, sandbox, checkout, live_server,
                                                monkeypatch):
    c = checkout(price_fen=4200)
    monkeypatch.setattr(sandbox, "notify_url", live_server + NOTIFY)
    resp = client.post(f"/mp/v1/sandbox/orders/{c.order_id}/pay", headers=c.headers)
    assert (resp.status_code, resp.json["delivery"]) == (202, "queued")
    assert resp.json["transaction_id"].startswith("42000")
    with transaction() as s:
        assert s.get(Order, c.order_id).status == "pending_payment"
    assert run_jobs(app, "payments") == 1
    with transaction() as s:
        assert s.get(Order, c.order_id).status == "to_ship"
