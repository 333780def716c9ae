"""Payment notices: verified with real RSA signatures and AES-GCM, credited
exactly once however often and however concurrently they arrive; every bad
notice is a 4xx with a code and changes nothing."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app import clock, events
from app.db import transaction
from app.orders.models import Order
from app.payments.models import Payment, PaymentAnomaly, PaymentIntent, PaymentNotice, Refund
from tests.conftest import count, drain_events, stock_of
from tests.payments.conftest import NOTIFY, post_notice


@pytest.fixture
def paid_events():
    """Order ids as OrderPaid announces them."""
    seen: list[int] = []
    events.subscribe(events.Handler(events.OrderPaid, "test.paid",
                                    lambda _s, e: seen.append(e.order_id)))
    return seen


def order_row(order_id: int) -> tuple:
    with transaction() as s:
        o = s.get(Order, order_id)
        return o.status, o.paid_at, o.refunded_fen


def world_state(order_id: int, sku_id: int) -> dict:
    with transaction() as s:
        return {"order": order_row(order_id), "stock": stock_of(sku_id),
                "payments": count(Payment), "notices": count(PaymentNotice),
                "refunds": count(Refund), "anomalies": count(PaymentAnomaly),
                "intent": s.scalar(select(PaymentIntent.status))}


def test_one_notice_posted_100_times_20_at_a_time_credits_once(app, sandbox, checkout,
                                                              paid_events):
    c = checkout(price_fen=1234, stock=5, quantity=2)
    headers, body = sandbox.notice(sandbox.pay(c.out_trade_no, clock.now()), clock.now())

    def post(_):
        return app.test_client().post(NOTIFY, data=body, headers=headers).status_code

    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(post, range(100)))

    assert statuses == [204] * 100
    drain_events()
    assert paid_events == [c.order_id]
    status, paid_at, _ = order_row(c.order_id)
    assert (status, paid_at) == ("to_ship", clock.now())
    with transaction() as s:
        payment = s.scalars(select(Payment)).one()
        assert (payment.order_id, payment.amount_fen, payment.outcome) == (c.order_id, 2468,
                                                                            "credited")
        assert s.scalar(select(func.count()).select_from(PaymentNotice)) == 1
        assert s.scalar(select(PaymentIntent.status)) == "paid"
    assert stock_of(c.sku_ids[0]) == 3
    assert count(Refund) == 0


def test_a_new_notice_for_the_same_transaction_is_a_replay(client, sandbox, checkout,
                                                           paid_events):
    """WeChat Pay may send a fresh notice id for a transaction already credited."""
    c = checkout()
    resource = sandbox.pay(c.out_trade_no, clock.now())
    for notice_id in ("EV-1", "EV-2", "EV-1"):
        headers, body = sandbox.notice(resource, clock.now(), notice_id=notice_id)
        assert post_notice(client, headers, body).status_code == 204
    drain_events()
    assert paid_events == [c.order_id]
    assert count(Payment) == 1
    with transaction() as s:
        rows = s.execute(select(PaymentNotice.notice_id, PaymentNotice.outcome)
                         .order_by(PaymentNotice.id)).all()
    assert [tuple(r) for r in rows] == [("EV-1", "credited"), ("EV-2", "replay")]


def test_a_replay_after_shipping_does_not_set_the_order_back_to_paid(client, make, sandbox,
                                                                     checkout, paid_events):
    c = checkout()
    headers, body = sandbox.notice(sandbox.pay(c.out_trade_no, clock.now()), clock.now())
    assert post_notice(client, headers, body).status_code == 204
    owner = make.login("owner")
    with transaction() as s:
        merchant_id = s.get(Order, c.order_id).merchant_id
    assert client.post(f"/mp/v1/orders/{c.order_id}/address", headers=c.headers,
                       json={"address_id": make.address("alice")}).status_code == 200
    resp = client.post(f"/api/v1/merchants/{merchant_id}/orders/{c.order_id}/ship",
                       headers=owner, json={"carrier": "SF", "tracking_no": "SF1234567890123"})
    assert resp.status_code == 200
    clock.advance(timedelta(seconds=200))
    headers, body = sandbox.notice(sandbox.transaction_resource(c.out_trade_no), clock.now())
    assert post_notice(client, headers, body).status_code == 204
    assert order_row(c.order_id)[0] == "shipped"
    drain_events()
    assert paid_events == [c.order_id]
    assert count(Payment) == 1


def test_a_notice_300_seconds_old_is_still_accepted(client, sandbox, checkout):
    c = checkout()
    signed_at = clock.now()
    headers, body = sandbox.notice(sandbox.pay(c.out_trade_no, signed_at), signed_at)
    clock.advance(timedelta(seconds=300))
    assert post_notice(client, headers, body).status_code == 204
    assert order_row(c.order_id)[0] == "to_ship"


def _tamper_ciphertext(sandbox, headers, body):
    data = json.loads(body)
    ct = data["resource"]["ciphertext"]
    data["resource"]["ciphertext"] = ("A" if ct[0] != "A" else "B") + ct[1:]
    text = json.dumps(data)
    return sandbox.sign(text, clock.now()), text.encode()


BAD_NOTICES = {
    "bad_signature": (401, "bad_signature",
                      lambda sb, h, b: (h, b.replace(b'"id": "', b'"id": "X'))),
    "unknown_serial": (401, "unknown_serial",
                       lambda sb, h, b: ({**h, "Wechatpay-Serial": "5157F09EFDC096DE"}, b)),
    "timestamp_301_s_old": (401, "stale_timestamp", None),
    "tampered_ciphertext": (400, "bad_ciphertext", _tamper_ciphertext),
    "wrong_amount": (400, "amount_mismatch", None),
    "unknown_order": (404, "unknown_trade", None),
    "amount_not_an_object": (400, "malformed_notice", None),
    "missing_headers": (400, "malformed_notice", lambda sb, h, b: ({}, b)),
    "not_json": (400, "malformed_notice",
                 lambda sb, h, b: (sb.sign("not json", clock.now()), b"not json")),
}


@pytest.mark.parametrize("case", sorted(BAD_NOTICES))
def test_a_bad_notice_is_refused_with_a_code_and_changes_nothing(client, sandbox, checkout,
                                                                 paid_events, case):
    status, code, tamper = BAD_NOTICES[case]
    c = checkout(price_fen=1500, stock=3)
    resource = sandbox.pay(c.out_trade_no, clock.now())
    signed_at = clock.now()
    if case == "timestamp_301_s_old":
        signed_at = clock.now() - timedelta(seconds=301)
    if case == "wrong_amount":
        resource = {**resource, "amount": {"total": 1, "payer_total": 1, "currency": "CNY"}}
    if case == "unknown_order":
        resource = {**resource, "out_trade_no": "PO999999999999"}
    if case == "amount_not_an_object":  # correctly signed and encrypted, wrong shape
        resource = {**resource, "amount": "1500"}
    headers, body = sandbox.notice(resource, signed_at)
    if tamper:
        headers, body = tamper(sandbox, headers, body)
    before = world_state(c.order_id, c.sku_ids[0])

    resp = post_notice(client, headers, body)

    assert (resp.status_code, resp.json["error"]["code"]) == (status, code)
    after = world_state(c.order_id, c.sku_ids[0])
    if case == "wrong_amount":  # refused, and recorded for people to look at
        assert after.pop("anomalies") - before.pop("anomalies") == 1
        with transaction() as s:
            anomaly = s.scalars(select(PaymentAnomaly)).one()
            assert (anomaly.kind, anomaly.reference, anomaly.expected_fen,
                    anomaly.received_fen) == ("amount_mismatch", c.out_trade_no, 1500, 1)
        assert resp.json["error"]["details"] == {"expected_fen": 1500, "received_fen": 1}
    assert after == before
    assert before["order"][0] == "pending_payment" and before["stock"] == 2
    drain_events()
    assert paid_events == []
    # the genuine notice still works afterwards
    headers, body = sandbox.notice(sandbox.pay(c.out_trade_no, clock.now()), clock.now())
    assert post_notice(client, headers, body).status_code == 204
    assert order_row(c.order_id)[0] == "to_ship"


def test_a_notice_of_another_event_is_acknowledged_and_ignored(client, sandbox, checkout):
    c = checkout()
    resource = sandbox.pay(c.out_trade_no, clock.now())
    headers, body = sandbox.notice(resource, clock.now(), event_type="TRANSACTION.CLOSED.X",
                                   notice_id="EV-odd")
    headers2, body2 = sandbox.notice({"hello": 1}, clock.now(), event_type="PROFIT.SHARING",
                                     notice_id="EV-other")
    assert post_notice(client, headers2, body2).status_code == 204
    assert order_row(c.order_id)[0] == "pending_payment"
    with transaction() as s:
        assert s.scalar(select(PaymentNotice.outcome)
                        .where(PaymentNotice.notice_id == "EV-other")) == "ignored"
    assert post_notice(client, headers, body).status_code == 204  # trade_state is SUCCESS
    assert order_row(c.order_id)[0] == "to_ship"
