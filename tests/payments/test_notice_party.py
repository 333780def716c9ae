"""A notice must name our mchid and appid (the sandbox's own here); a notice
whose resource carries no associated_data is verified and credited once.
Real RSA signatures and AES-GCM throughout, from the sandbox's keys."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app import clock
from app.db import transaction
from app.orders.models import Order
from app.payments import rules
from app.payments.models import Payment, PaymentAnomaly, PaymentIntent, PaymentNotice, Refund
from app.payments.sandbox import MCHID
from tests.conftest import count, drain_events, stock_of
from tests.payments.conftest import post_notice, run_jobs
from tests.payments.test_notices import paid_events  # noqa: F401 - a fixture


def tables(order_id: int, sku_id: int) -> dict:
    """Every row a notice could write, and the order it could move."""
    with transaction() as s:
        order = s.get(Order, order_id)
        state = {"order": (order.status, order.paid_at, order.refunded_fen,
                           order.refund_status),
                 "intent": s.scalar(select(PaymentIntent.status)),
                 "refund_states": list(s.scalars(select(Refund.status).order_by(Refund.id)))}
    return {**state, "stock": stock_of(sku_id), "payments": count(Payment),
            "notices": count(PaymentNotice), "refunds": count(Refund),
            "anomalies": count(PaymentAnomaly)}


def test_the_sandbox_has_its_own_mchid_and_appid(sandbox):
    assert (sandbox.mchid, sandbox.appid) == (MCHID, "wxsandbox")


@pytest.mark.parametrize("field, value, code", [
    ("mchid", "1900000999", "mchid_mismatch"),
    ("appid", "wxother", "appid_mismatch"),
    ("mchid", None, "mchid_mismatch"),
    ("appid", None, "appid_mismatch"),
])
def test_a_notice_for_another_mchid_or_appid_is_400_and_writes_nothing(
        client, sandbox, checkout, paid_events, field, value, code):  # noqa: F811
    c = checkout(price_fen=1500, stock=3)
    resource = sandbox.pay(c.out_trade_no, clock.now())
    if value is None:
        resource.pop(field)
    else:
        resource[field] = value
    headers, body = sandbox.notice(resource, clock.now(), notice_id="EV-foreign")
    before = tables(c.order_id, c.sku_ids[0])

    resp = post_notice(client, headers, body)

    assert (resp.status_code, resp.json["error"]["code"]) == (400, code)
    assert resp.json["error"]["details"]["field"] == field
    assert tables(c.order_id, c.sku_ids[0]) == before
    assert before["order"][0] == "pending_payment"
    assert (before["payments"], before["notices"], before["anomalies"]) == (0, 0, 0)
    drain_events()
    assert paid_events == []
    # the same trade's genuine notice (same id) is then credited
    headers, body = sandbox.notice(sandbox.transaction_resource(c.out_trade_no), clock.now(),
                                   notice_id="EV-foreign")
    assert post_notice(client, headers, body).status_code == 204
    drain_events()
    assert paid_events == [c.order_id]


def test_a_refund_notice_for_another_mchid_is_400_and_settles_nothing(
        client, app, make, sandbox, paid):
    c = paid(price_fen=800)
    with transaction() as s:
        merchant_id = s.get(Order, c.order_id).merchant_id
        line_id = s.get(Order, c.order_id).lines[0].id
    resp = client.post(f"/api/v1/merchants/{merchant_id}/orders/{c.order_id}/refunds",
                       headers=make.login("owner"),
                       json={"refund_id": "r1", "lines": [{"line_id": line_id,
                                                           "quantity": 1}]})
    assert resp.status_code == 201, resp.json
    app.extensions["mall.queues"].get("payments").empty()  # the job's call was lost
    out_refund_no = resp.json["out_refund_no"]
    sandbox.refund(out_refund_no=out_refund_no, out_trade_no=c.out_trade_no, refund_fen=800,
                   total_fen=800, reason="x")
    for change, code in (({"mchid": "1900000999"}, "mchid_mismatch"),
                         ({"appid": "wxother"}, "appid_mismatch")):
        resource = {**sandbox.refund_resource(out_refund_no), **change}
        headers, body = sandbox.notice(resource, clock.now(), event_type="REFUND.SUCCESS")
        before = tables(c.order_id, c.sku_ids[0])
        resp = post_notice(client, headers, body)
        assert (resp.status_code, resp.json["error"]["code"]) == (400, code)
        assert tables(c.order_id, c.sku_ids[0]) == before
        assert before["refund_states"] == ["processing"]
    # ours (a refund resource carries no appid) settles it
    headers, body = sandbox.notice(sandbox.refund_resource(out_refund_no), clock.now(),
                                   event_type="REFUND.SUCCESS")
    assert post_notice(client, headers, body).status_code == 204
    assert tables(c.order_id, c.sku_ids[0])["refund_states"] == ["succeeded"]
    assert run_jobs(app, "payments") == 0


def test_a_notice_without_associated_data_is_verified_and_credited_once(
        app, client, sandbox, checkout, paid_events):  # noqa: F811
    c = checkout(price_fen=1234, stock=5, quantity=2)
    resource = sandbox.pay(c.out_trade_no, clock.now())
    headers, body = sandbox.notice(resource, clock.now(), associated_data=False)
    sealed = json.loads(body)["resource"]
    assert "associated_data" not in sealed and sealed["algorithm"] == "AEAD_AES_256_GCM"

    statuses = [post_notice(client, headers, body).status_code for _ in range(3)]
    headers, body = sandbox.notice(resource, clock.now(), associated_data=False)  # a new id
    statuses.append(post_notice(client, headers, body).status_code)

    assert statuses == [204] * 4
    drain_events()
    assert paid_events == [c.order_id]
    with transaction() as s:
        payment = s.scalars(select(Payment)).one()
        assert (payment.order_id, payment.amount_fen, payment.outcome) == (
            c.order_id, 2468, "credited")
        assert [tuple(r) for r in s.execute(select(PaymentNotice.outcome)
                                            .order_by(PaymentNotice.id))] == [
            ("credited",), ("replay",)]
        assert s.get(Order, c.order_id).status == "to_ship"
    assert stock_of(c.sku_ids[0]) == 3


def test_a_null_associated_data_reads_as_empty_and_a_wrong_one_does_not_decrypt(
        client, sandbox, checkout):
    c = checkout()
    headers, body = sandbox.notice(sandbox.pay(c.out_trade_no, clock.now()), clock.now(),
                                   associated_data=False)
    data = json.loads(body)
    for value, status in (("transaction", 400), (None, 204)):
        data["resource"]["associated_data"] = value
        text = json.dumps(data)
        resp = post_notice(client, sandbox.sign(text, clock.now()), text.encode())
        assert resp.status_code == status
        if status == 400:
            assert resp.json["error"]["code"] == "bad_ciphertext"


def test_foreign_party_rule():
    ours = {"mchid": "M", "appid": "A"}
    check = lambda r, needs=True: rules.foreign_party(r, mchid="M", appid="A",  # noqa: E731
                                                      needs_appid=needs)
    assert check(ours) is None
    assert check({"mchid": "X", "appid": "X"}) == "mchid"
    assert check({"mchid": "M", "appid": "X"}) == "appid"
    assert check({"mchid": "M"}) == "appid"
    assert check({"mchid": "M"}, needs=False) is None  # a refund resource has no appid
    assert check({"mchid": "M", "appid": "X"}, needs=False) == "appid"
    assert check({"appid": "A"}, needs=False) == "mchid"
