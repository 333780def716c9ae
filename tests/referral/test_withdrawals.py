"""Withdrawals and who sees what: a distributor sees and withdraws only their
own; never above the available balance (also racing), never below the
minimum; review once; reject and a failed payout return the funds."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from referral import jobs
from tests.referral.conftest import ledger_ok


@pytest.fixture
def funded(shop):
    """B earned 1000 fen (available); A earned nothing; D bought through B."""
    shop.set_rules(level_bps=[1000], withdraw_fee_bps=30)
    shop.distributor("A")
    shop.distributor("B")
    assert shop.bind("D", "B").status_code == 200
    _, sku = shop.product(10000)
    order_id = shop.order("D", [(sku, 1)])
    shop.complete(order_id, "D")
    assert shop.run_referral_jobs() == 1
    assert shop.available("A", "B") == [0, 1000]
    shop.first_order, shop.sku = order_id, sku
    return shop


def error(resp) -> tuple[int, str]:
    return resp.status_code, resp.json["error"]["code"]


def test_a_withdrawal_above_the_available_balance_is_refused(funded):
    resp = funded.withdraw("B", 1001)
    assert error(resp) == (409, "insufficient_balance")
    assert resp.json["error"]["details"] == {"available_fen": 1000, "min_fen": 100}
    assert error(funded.withdraw("B", 99)) == (409, "below_minimum")
    assert funded.balances("B")["available"] == 1000


def test_nobody_withdraws_or_sees_anothers_funds(funded):
    assert error(funded.withdraw("A", 500)) == (409, "insufficient_balance")
    resp = funded.mp("POST", "/withdrawals", "A",
                     json={"request_id": "x", "amount_fen": 500, "user_id": funded.ids["B"]})
    assert error(resp) == (422, "validation_error")
    wid = funded.withdraw("B", 500).json["id"]
    assert error(funded.mp("GET", f"/withdrawals/{wid}", "A")) == (404, "withdrawal_not_found")
    assert funded.mp("GET", "/withdrawals", "A").json["items"] == []
    assert [w["id"] for w in funded.mp("GET", "/withdrawals", "B").json["items"]] == [wid]
    assert funded.balances("A") == dict.fromkeys(
        ("pending", "available", "withdrawing", "clearing", "paid"), 0)
    assert funded.mp("GET", "/earnings", "A").json["total_fen"] == 0
    assert funded.mp("GET", "/earnings", "B").json["total_fen"] == 1000
    assert funded.balances("B")["withdrawing"] == 500


def test_a_non_distributor_cannot_withdraw(funded):
    assert error(funded.withdraw("D", 100)) == (403, "not_a_distributor")


def test_racing_withdrawals_never_overdraw(funded, app):
    funded.login("B")

    def ask(i):
        return funded.withdraw("B", 300, key=f"k{i}").status_code
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(ask, range(16)))
    assert sorted(answers) == [201] * 3 + [409] * 13
    assert funded.balances("B")["available"] == 100
    assert funded.balances("B")["withdrawing"] == 900
    assert ledger_ok() == ([], 0)


def test_the_same_request_id_withdraws_once(funded):
    first = funded.withdraw("B", 400)
    again = funded.withdraw("B", 400)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json["id"] == again.json["id"]
    assert error(funded.withdraw("B", 500)) == (409, "withdrawal_key_reused")
    assert funded.balances("B")["available"] == 600


def test_reject_returns_the_funds_and_a_review_happens_once(funded):
    wid = funded.withdraw("B", 400).json["id"]
    resp = funded.staff_api("POST", f"/withdrawals/{wid}/reject", json={"reason": "check id"})
    assert (resp.status_code, resp.json["status"], resp.json["reason"]) == (200, "rejected",
                                                                            "check id")
    assert [(p["step"], p["done"]) for p in resp.json["progress"]] == [
        ("requested", True), ("rejected", True)]
    assert funded.balances("B")["available"] == 1000
    assert error(funded.staff_api("POST", f"/withdrawals/{wid}/approve")) == (409,
                                                                             "not_reviewable")
    assert ledger_ok() == ([], 0)


def test_a_failed_payout_returns_the_funds_fee_included(funded, _sandbox_payout):
    _sandbox_payout.failing_users.add(funded.ids["B"])
    wid = funded.withdraw("B", 1000).json["id"]
    resp = funded.staff_api("POST", f"/withdrawals/{wid}/approve")
    assert (resp.json["fee_fen"], resp.json["net_fen"]) == (3, 997)
    assert funded.run_referral_jobs() == 1
    assert funded.mp("GET", f"/withdrawals/{wid}", "B").json["status"] == "failed"
    assert funded.balances("B") == {"pending": 0, "available": 1000, "withdrawing": 0,
                                    "clearing": 0, "paid": 0}
    assert jobs.pay_out(wid) == "done"
    assert ledger_ok() == ([], 0)


def test_a_payout_is_paid_once(funded, _sandbox_payout):
    wid = funded.withdraw("B", 1000).json["id"]
    funded.staff_api("POST", f"/withdrawals/{wid}/approve")
    assert jobs.sweep()["paid"] == 1
    assert funded.run_referral_jobs() == 1  # the approval's own job: nothing left to pay
    assert jobs.pay_out(wid) == "done"
    assert _sandbox_payout.paid == {f"WD{wid}": (funded.ids["B"], 997)}
    assert funded.balances("B")["paid"] == 997


def test_staff_of_another_merchant_cannot_review(funded, make, client):
    wid = funded.withdraw("B", 400).json["id"]
    other = make.merchant("other-owner", name="Other")
    headers = make.login("other-owner")
    resp = client.post(f"/api/v1/merchants/{funded.merchant_id}/referral/withdrawals/{wid}"
                       "/approve", headers=headers)
    assert error(resp) == (403, "forbidden")
    resp = client.post(f"/api/v1/merchants/{other}/referral/withdrawals/{wid}/approve",
                       headers=headers)
    assert error(resp) == (404, "withdrawal_not_found")


def test_a_negative_balance_blocks_withdrawals_until_it_is_positive_again(funded):
    """Withdrawn, then refunded: -1000, owed and shown, never written off."""
    wid = funded.withdraw("B", 1000).json["id"]
    funded.staff_api("POST", f"/withdrawals/{wid}/approve")
    assert funded.run_referral_jobs() == 1
    funded.refund(funded.first_order, "r1", [(0, 1)])
    assert funded.balances("B") == {"pending": 0, "available": -1000, "withdrawing": 0,
                                    "clearing": 0, "paid": 997}
    assert error(funded.withdraw("B", 100, key="w2")) == (409, "negative_balance")
    for _ in range(2):
        order_id = funded.order("D", [(funded.sku, 1)])
        funded.complete(order_id, "D")
    assert funded.run_referral_jobs() == 2
    assert funded.available("B") == [1000]
    assert funded.withdraw("B", 1000, key="w3").status_code == 201
    assert ledger_ok() == ([], 0)
