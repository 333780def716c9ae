"""Refunds through the staff API: per line, partial or full, never past what
was paid (also when requests race), idempotent by refund id, settled once
whether the provider answers at once or by notice; stock comes back and
order_refunded carries the lines and amounts."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy import select

from app import clock, events
from app.db import transaction
from app.orders.models import Order
from app.payments import flows
from app.payments import jobs as pay_jobs
from app.payments.errors import ProviderError, UnverifiedAnswer
from app.payments.models import Payment, PaymentAnomaly, Refund
from app.payments.provider import RefundResult
from app.payments.sandbox import Sandbox
from tests.conftest import count, drain_events, stock_of
from tests.payments.conftest import post_notice, run_jobs


@pytest.fixture
def refunded_events():
    seen: list[dict] = []

    def receiver(_session, e):
        seen.append({"order_id": e.order_id, "amount_fen": e.amount_fen,
                     "lines": [vars(line) for line in e.lines]})

    events.subscribe(events.Handler(events.OrderRefunded, "test.refunded", receiver))
    return seen


@pytest.fixture
def staff(client, make):
    merchant = make.merchant("owner")
    headers = make.login("owner")

    def refund(order_id, refund_id, lines, **extra):
        return client.post(f"/api/v1/merchants/{merchant}/orders/{order_id}/refunds",
                           headers=headers,
                           json={"refund_id": refund_id, "lines": lines, **extra})
    refund.merchant = merchant
    refund.headers = headers
    return refund


def line_id(order_id: int) -> int:
    with transaction() as s:
        return s.get(Order, order_id).lines[0].id


def order_state(order_id: int) -> tuple:
    with transaction() as s:
        o = s.get(Order, order_id)
        return o.status, o.refunded_fen, o.refund_status


def test_partial_refunds_that_sum_past_the_paid_amount_are_refused(client, app, staff, paid,
                                                                   refunded_events):
    c = paid(price_fen=1000, stock=5, quantity=3, merchant=staff.merchant)
    line = line_id(c.order_id)
    r1 = staff(c.order_id, "r1", [{"line_id": line, "quantity": 1}])
    assert (r1.status_code, r1.json["amount_fen"], r1.json["status"]) == (201, 1000,
                                                                          "processing")
    assert order_state(c.order_id) == ("to_ship", 0, "refunding")
    r2 = staff(c.order_id, "r2", [{"line_id": line, "quantity": 0, "amount_fen": 1500}])
    assert (r2.status_code, r2.json["amount_fen"]) == (201, 1500)
    # 1000 + 1500 asked (still processing) + 501 > 3000
    r3 = staff(c.order_id, "r3", [{"line_id": line, "quantity": 0, "amount_fen": 501}])
    assert r3.status_code == 422
    assert r3.json["error"] == {"code": "refund_exceeds_paid",
                                "message": "The refund is more than what is left.",
                                "details": {"line_id": line, "left_fen": 500,
                                            "left_units": 2}}
    too_many = staff(c.order_id, "r4", [{"line_id": line, "quantity": 3}])
    assert (too_many.status_code, too_many.json["error"]["details"]["left_units"]) == (422, 2)

    assert run_jobs(app, "payments") == 2
    assert order_state(c.order_id) == ("to_ship", 2500, "partially_refunded")
    assert stock_of(c.sku_ids[0]) == 3  # one unit came back
    last = staff(c.order_id, "r5", [{"line_id": line, "quantity": 2}])
    assert (last.status_code, last.json["amount_fen"]) == (201, 500)  # what is left
    assert run_jobs(app, "payments") == 1
    assert order_state(c.order_id) == ("refunded", 3000, "refunded")
    assert stock_of(c.sku_ids[0]) == 5
    drain_events()
    assert [e["amount_fen"] for e in refunded_events] == [1000, 1500, 500]
    assert refunded_events[0]["lines"] == [{"order_line_id": line, "sku_id": c.sku_ids[0],
                                            "quantity": 1, "amount_fen": 1000}]
    nothing_left = staff(c.order_id, "r6", [{"line_id": line, "quantity": 0,
                                             "amount_fen": 1}])
    assert (nothing_left.status_code, nothing_left.json["error"]["code"]) == (
        409, "refund_not_allowed")
    with transaction() as s:
        assert s.scalars(select(Payment)).one().refunded_fen == 3000


def test_the_same_refund_id_twice_refunds_once(client, app, staff, paid, sandbox,
                                               refunded_events):
    c = paid(price_fen=333, stock=3, quantity=3, merchant=staff.merchant)
    line = line_id(c.order_id)
    body = [{"line_id": line, "quantity": 1}]
    first = staff(c.order_id, "after-sale-7", body)
    again = staff(c.order_id, "after-sale-7", body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json == first.json
    assert first.json["amount_fen"] == 333
    assert run_jobs(app, "payments") == 1
    third = staff(c.order_id, "after-sale-7", body)
    assert (third.status_code, third.json["status"]) == (200, "succeeded")
    assert run_jobs(app, "payments") == 0
    drain_events()
    assert [e["amount_fen"] for e in refunded_events] == [333]
    assert stock_of(c.sku_ids[0]) == 1
    assert sandbox.query_refund(first.json["out_refund_no"]).amount_fen == 333
    # the provider's notice for it, twice: nothing more happens
    for _ in range(2):
        headers, body_bytes = sandbox.notice(sandbox.refund_resource(first.json["out_refund_no"]),
                                             clock.now(), event_type="REFUND.SUCCESS")
        assert post_notice(client, headers, body_bytes).status_code == 204
    assert order_state(c.order_id) == ("to_ship", 333, "partially_refunded")
    drain_events()
    assert [e["amount_fen"] for e in refunded_events] == [333]
    reused = staff(c.order_id, "after-sale-7", [{"line_id": line, "quantity": 2}])
    assert (reused.status_code, reused.json["error"]["code"]) == (409, "refund_key_reused")


def test_units_refunded_one_by_one_give_back_the_whole_line(app, staff, paid):
    c = paid(price_fen=1000, stock=3, quantity=3, merchant=staff.merchant)
    line = line_id(c.order_id)
    amounts = [staff(c.order_id, f"u{i}", [{"line_id": line, "quantity": 1}]).json["amount_fen"]
               for i in range(3)]
    assert amounts == [1000, 1000, 1000]
    run_jobs(app, "payments")
    assert order_state(c.order_id) == ("refunded", 3000, "refunded")


def test_racing_refund_requests_never_exceed_the_payment(app, staff, paid):
    c = paid(price_fen=2500, stock=2, quantity=2, merchant=staff.merchant)
    line = line_id(c.order_id)
    url = f"/api/v1/merchants/{staff.merchant}/orders/{c.order_id}/refunds"

    def ask(i):
        return app.test_client().post(url, headers=staff.headers, json={
            "refund_id": f"race-{i}", "lines": [{"line_id": line, "quantity": 1}]}).status_code

    with ThreadPoolExecutor(max_workers=10) as pool:
        statuses = sorted(pool.map(ask, range(20)))
    assert statuses == [201, 201] + [422] * 18
    assert run_jobs(app, "payments") == 2
    assert order_state(c.order_id) == ("refunded", 5000, "refunded")
    assert stock_of(c.sku_ids[0]) == 2


def test_refund_notice_settles_a_refund_the_provider_was_still_processing(
        client, app, staff, paid, sandbox, refunded_events):
    """The job's call was lost; the provider's notice is what settles it."""
    c = paid(price_fen=800, merchant=staff.merchant)
    resp = staff(c.order_id, "n1", [{"line_id": line_id(c.order_id), "quantity": 1}],
                 restock=False)
    out_refund_no = resp.json["out_refund_no"]
    app.extensions["mall.queues"].get("payments").empty()  # the job never ran
    sandbox.refund(out_refund_no=out_refund_no, out_trade_no=c.out_trade_no, refund_fen=800,
                   total_fen=800, reason="lost call")
    headers, body = sandbox.notice(sandbox.refund_resource(out_refund_no), clock.now(),
                                   event_type="REFUND.SUCCESS")
    assert post_notice(client, headers, body).status_code == 204
    assert order_state(c.order_id) == ("refunded", 800, "refunded")
    assert stock_of(c.sku_ids[0]) == 9  # restock=False: the goods did not come back
    drain_events()
    assert [e["amount_fen"] for e in refunded_events] == [800]


def test_a_refund_notice_with_a_wrong_amount_is_refused(client, app, staff, paid, sandbox):
    c = paid(price_fen=800, merchant=staff.merchant)
    resp = staff(c.order_id, "n2", [{"line_id": line_id(c.order_id), "quantity": 1}])
    app.extensions["mall.queues"].get("payments").empty()
    out_refund_no = resp.json["out_refund_no"]
    sandbox.refund(out_refund_no=out_refund_no, out_trade_no=c.out_trade_no, refund_fen=800,
                   total_fen=800, reason="x")
    resource = {**sandbox.refund_resource(out_refund_no), "amount": {"refund": 80000,
                                                                     "total": 800}}
    headers, body = sandbox.notice(resource, clock.now(), event_type="REFUND.SUCCESS")
    resp = post_notice(client, headers, body)
    assert (resp.status_code, resp.json["error"]["code"]) == (400, "amount_mismatch")
    assert order_state(c.order_id) == ("to_ship", 0, "refunding")
    with transaction() as s:
        assert s.scalars(select(Refund)).one().status == "processing"


def test_refunds_are_listed_for_staff_and_buyer(client, app, staff, paid):
    c = paid(price_fen=600, quantity=2, merchant=staff.merchant)
    staff(c.order_id, "l1", [{"line_id": line_id(c.order_id), "quantity": 1}],
          reason="damaged")
    run_jobs(app, "payments")
    mine = client.get(f"/mp/v1/orders/{c.order_id}/refunds", headers=c.headers)
    theirs = client.get(f"/api/v1/merchants/{staff.merchant}/orders/{c.order_id}/refunds",
                        headers=staff.headers)
    assert mine.status_code == theirs.status_code == 200
    assert mine.json == theirs.json
    assert [(r["refund_id"], r["amount_fen"], r["status"], r["reason"], r["kind"])
            for r in mine.json] == [("l1", 600, "succeeded", "damaged", "after_sale")]
    other = client.get(f"/mp/v1/orders/{c.order_id}/refunds", headers=client.application
                       and _login_other(client))
    assert (other.status_code, other.json["error"]["code"]) == (404, "order_not_found")


def _login_other(client):
    resp = client.post("/mp/v1/auth/login", json={"code": "mallory:1"})
    return {"Authorization": f"Bearer {resp.json['token']}"}


def test_an_unpaid_order_cannot_be_refunded(client, staff, checkout):
    c = checkout(merchant=staff.merchant)
    resp = staff(c.order_id, "x", [{"line_id": line_id(c.order_id), "quantity": 1}])
    assert (resp.status_code, resp.json["error"]["code"]) == (409, "refund_not_allowed")
    with transaction() as s:
        assert s.scalar(select(Refund.id)) is None


class AnswerLost(Sandbox):
    """The provider makes the refund but its answer fails verification (a
    forged or mangled answer, a rotated key): we cannot know it happened."""

    def refund(self, **ask):
        super().refund(**ask)
        raise UnverifiedAnswer()


def test_an_unverifiable_refund_answer_leaves_it_processing_until_a_query_settles_it(
        app, staff, paid, sandbox):
    c = paid(price_fen=900, merchant=staff.merchant)
    resp = staff(c.order_id, "lost", [{"line_id": line_id(c.order_id), "quantity": 1}])
    app.extensions["mall.queues"].get("payments").empty()
    lost = AnswerLost(sandbox.keys, sandbox.redis, sandbox.notify_url)
    with pytest.raises(UnverifiedAnswer):
        flows.submit_refund(lost, resp.json["id"], clock.now())
    assert order_state(c.order_id) == ("to_ship", 0, "refunding")
    clock.advance(timedelta(minutes=10))
    assert pay_jobs.sweep() == {"reconciled": 0, "closed": 0, "refunds_checked": 1,
                              "errors": 0}
    assert order_state(c.order_id) == ("refunded", 900, "refunded")
    with transaction() as s:
        assert s.scalars(select(Refund)).one().status == "succeeded"


class Refuses(Sandbox):
    """The provider refuses the first call (WeChat's NOT_ENOUGH: low balance)."""

    calls = 0

    def refund(self, **ask):
        Refuses.calls += 1
        if Refuses.calls == 1:
            raise ProviderError(details={"status": 403, "code": "NOT_ENOUGH"})
        return super().refund(**ask)


def test_a_refused_refund_stays_processing_is_recorded_once_and_is_sent_again(
        app, staff, paid, sandbox, monkeypatch):
    c = paid(price_fen=700, merchant=staff.merchant)
    resp = staff(c.order_id, "low-balance", [{"line_id": line_id(c.order_id), "quantity": 1}])
    app.extensions["mall.queues"].get("payments").empty()
    refusing = Refuses(sandbox.keys, sandbox.redis, sandbox.notify_url)
    assert flows.submit_refund(refusing, resp.json["id"], clock.now()) == "refused"
    assert order_state(c.order_id) == ("to_ship", 0, "refunding")
    with transaction() as s:
        anomaly = s.scalars(select(PaymentAnomaly)).one()
        assert (anomaly.kind, anomaly.reference, anomaly.notice_id, anomaly.expected_fen) == (
            "refund_refused", resp.json["out_refund_no"], "NOT_ENOUGH", 700)
    # the units stay held: nobody can ask for them again meanwhile
    again = staff(c.order_id, "again", [{"line_id": line_id(c.order_id), "quantity": 1}])
    assert (again.status_code, again.json["error"]["code"]) == (422, "refund_exceeds_paid")
    clock.advance(timedelta(minutes=10))
    monkeypatch.setitem(app.extensions, "mall.pay", refusing)
    assert pay_jobs.sweep()["refunds_checked"] == 1
    assert order_state(c.order_id) == ("refunded", 700, "refunded")
    assert count(PaymentAnomaly) == 1


def test_an_abnormal_refund_keeps_its_units_until_it_succeeds(app, client, staff, paid,
                                                              sandbox):
    """ABNORMAL: the bank refused, the merchant re-sends it by hand; it is not over."""
    c = paid(price_fen=900, quantity=2, merchant=staff.merchant)
    line = line_id(c.order_id)
    resp = staff(c.order_id, "r1", [{"line_id": line, "quantity": 1}])
    app.extensions["mall.queues"].get("payments").empty()
    out_refund_no = resp.json["out_refund_no"]
    abnormal = RefundResult(out_refund_no=out_refund_no, refund_id="x", status="ABNORMAL",
                            amount_fen=900)
    assert flows.settle_refund(abnormal, clock.now()) == "processing"
    second = staff(c.order_id, "r2", [{"line_id": line, "quantity": 2}])
    assert (second.status_code, second.json["error"]["details"]["left_units"]) == (422, 1)
    sandbox.refund(out_refund_no=out_refund_no, out_trade_no=c.out_trade_no, refund_fen=900,
                   total_fen=1800, reason="by hand")
    headers, body = sandbox.notice(sandbox.refund_resource(out_refund_no), clock.now(),
                                   event_type="REFUND.SUCCESS")
    assert post_notice(client, headers, body).status_code == 204
    assert order_state(c.order_id) == ("to_ship", 900, "partially_refunded")


def test_a_refund_of_units_whose_money_already_went_back_is_empty(staff, paid):
    """All of a line's money refunded by amount, its units not: a refund of a
    unit alone would send back 0 fen, and is refused."""
    c = paid(price_fen=1000, stock=5, quantity=2, merchant=staff.merchant)
    line = line_id(c.order_id)
    first = staff(c.order_id, "r1", [{"line_id": line, "quantity": 0, "amount_fen": 2000}])
    assert (first.status_code, first.json["amount_fen"]) == (201, 2000)
    empty = staff(c.order_id, "r2", [{"line_id": line, "quantity": 1}])
    assert (empty.status_code, empty.json["error"]["code"]) == (422, "empty_refund")
