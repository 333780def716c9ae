"""The three deadlines with the app clock moved (merchant silent 48 h ->
approved; buyer ships no return in 7 days -> closed; merchant does not
confirm the return in 10 days -> refunded), each a job at the deadline and
the sweep; racing each other, they apply once. Each is a merchant setting."""

from __future__ import annotations

from datetime import timedelta

from app import clock
from app.aftersales import jobs
from tests.aftersales.conftest import race, refunds_of, scheduled, status_of
from tests.conftest import T0


def _timeline(aftersales, bought, sale_id) -> list[str]:
    return [e["action"] for e in aftersales.buyer(bought, sale_id).json["timeline"]]


def test_merchant_silent_48h_refunds_an_unshipped_refund_only_once(aftersales, buy, app):
    bought = buy(2, 1)
    sale = aftersales.opened(bought, "refund_only", [(0, 2)])
    job_id = f"after-sale-{sale['id']}-requested"
    assert scheduled(app, job_id) == (T0 + timedelta(hours=48))
    clock.advance(timedelta(hours=48) - timedelta(seconds=1))
    assert jobs.deadline(sale["id"]) == ""  # not yet
    assert jobs.sweep() == {"approve": 0, "close": 0, "refund": 0, "error": 0}
    clock.advance(timedelta(seconds=1))
    done = race(app, lambda: jobs.deadline(sale["id"]), jobs.sweep,
                lambda: jobs.deadline(sale["id"]))
    assert [done[0], done[2]].count("approve") + done[1]["approve"] == 1
    assert refunds_of(bought.order_id) == [(f"after-sale-{sale['id']}", 2000, "processing")]
    aftersales.settle()
    assert status_of(sale["id"]) == "refunded"
    assert _timeline(aftersales, bought, sale["id"]) == ["requested", "approved_by_deadline",
                                                         "refunded"]
    assert jobs.deadline(sale["id"]) == "" and jobs.sweep()["approve"] == 0


def test_merchant_silent_48h_approves_a_return(aftersales, buy):
    bought = buy(1, 0)
    aftersales.ship_all(bought, "SF1000000000001")
    aftersales.receive(bought)
    sale = aftersales.opened(bought, "return_refund", [(0, 1)])
    clock.advance(timedelta(hours=48))
    assert jobs.sweep() == {"approve": 1, "close": 0, "refund": 0, "error": 0}
    assert status_of(sale["id"]) == "approved"
    assert refunds_of(bought.order_id) == []


def test_buyer_ships_no_return_in_7_days_closes_once(aftersales, buy, app):
    bought = buy(1, 0)
    aftersales.ship_all(bought, "SF1000000000001")
    sale = aftersales.opened(bought, "exchange", [(0, 1)])
    clock.advance(timedelta(hours=1))
    aftersales.staff(sale["id"], "approve")
    assert scheduled(app, f"after-sale-{sale['id']}-approved") == \
        (T0 + timedelta(hours=1, days=7))
    clock.advance(timedelta(days=7) - timedelta(seconds=1))
    assert jobs.deadline(sale["id"]) == ""
    clock.advance(timedelta(seconds=1))
    done = race(app, lambda: jobs.deadline(sale["id"]), jobs.sweep)
    assert (done[0] == "close") + done[1]["close"] == 1
    assert status_of(sale["id"]) == "closed"
    assert _timeline(aftersales, bought, sale["id"]) == ["requested", "approved",
                                                         "closed_by_deadline"]
    resp = aftersales.buyer(bought, sale["id"], "ship", carrier="SF",
                            tracking_no="SF2000000000001")
    assert (resp.status_code, resp.json["error"]["code"]) == (409,
                                                              "after_sale_illegal_transition")


def test_merchant_not_confirming_the_return_in_10_days_refunds_once(aftersales, buy, app, shop):
    bought = buy(0, 2)
    aftersales.ship_all(bought, "SF1000000000001")
    aftersales.receive(bought)
    sale = aftersales.opened(bought, "return_refund", [(0, 1)])
    aftersales.staff(sale["id"], "approve")
    aftersales.buyer(bought, sale["id"], "ship", carrier="SF", tracking_no="SF2000000000001")
    clock.advance(timedelta(days=10))
    done = race(app, lambda: jobs.deadline(sale["id"]), jobs.sweep, jobs.sweep)
    assert (done[0] == "refund") + done[1]["refund"] + done[2]["refund"] == 1
    aftersales.settle()
    assert status_of(sale["id"]) == "refunded"
    assert refunds_of(bought.order_id) == [(f"after-sale-{sale['id']}", 2000, "succeeded")]
    from tests.conftest import stock_of
    assert stock_of(shop.skus[1]) == 48  # nobody confirmed the goods: not restocked
    # the merchant is too late
    assert aftersales.staff(sale["id"], "confirm-receipt").status_code == 409


def test_deadlines_are_merchant_settings(aftersales, buy, shop, app):
    resp = aftersales.client.put(
        f"/api/v1/merchants/{shop.merchant_id}/after-sale-settings", headers=shop.staff,
        json={"review_hours": 24, "ship_days": 3, "confirm_days": 5})
    assert resp.status_code == 200, resp.json
    bought = buy(2, 0)
    aftersales.ship_all(bought, "SF1000000000001")
    sale = aftersales.opened(bought, "return_refund", [(0, 1)])
    assert aftersales.buyer(bought, sale["id"]).json["deadline_at"] == \
        (T0 + timedelta(hours=24)).isoformat()
    clock.advance(timedelta(hours=24))
    assert jobs.deadline(sale["id"]) == "approve"
    clock.advance(timedelta(days=3))
    assert jobs.deadline(sale["id"]) == "close"
    other = aftersales.opened(bought, "return_refund", [(0, 1)])
    aftersales.staff(other["id"], "approve")
    aftersales.buyer(bought, other["id"], "ship", carrier="SF", tracking_no="SF2000000000001")
    clock.advance(timedelta(days=5))
    assert jobs.sweep() == {"approve": 0, "close": 0, "refund": 1, "error": 0}


def test_a_deadline_whose_refund_is_no_longer_possible_closes_the_request(aftersales, buy,
                                                                          shop):
    bought = buy(1, 0)
    sale = aftersales.opened(bought, "refund_only", [(0, 1)])
    shop.refund(bought.order_id, "staff-1", bought.lines[0], 1)  # staff refunded it meanwhile
    clock.advance(timedelta(hours=48))
    assert jobs.deadline(sale["id"]) == "close"
    detail = aftersales.buyer(bought, sale["id"]).json
    assert (detail["status"], detail["timeline"][-1]["action"],
            detail["timeline"][-1]["note"]) == ("closed", "closed_no_refund",
                                                "refund_not_allowed")
    assert jobs.sweep() == {"approve": 0, "close": 0, "refund": 0, "error": 0}
    assert [r[0] for r in refunds_of(bought.order_id)] == ["staff-1"]
