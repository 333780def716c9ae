"""What the console reads: distributors and applications by name with their
balances, one distributor's ledger entries, withdrawals and the payable
report with nicknames; operators see distributors but no money out."""

from __future__ import annotations

import pytest

from app.auth.models import User
from app.db import transaction

BALANCES = ("pending", "available", "withdrawing", "clearing", "paid")


@pytest.fixture
def funded(shop):
    """B earned 1000 fen and asked for 500 of it; C applied and waits."""
    shop.set_rules(level_bps=[1000], withdraw_fee_bps=30)
    shop.distributor("B")
    assert shop.bind("D", "B").status_code == 200
    _, sku = shop.product(10000)
    order_id = shop.order("D", [(sku, 1)])
    shop.complete(order_id, "D")
    assert shop.run_referral_jobs() == 1
    shop.withdrawal_id = shop.withdraw("B", 500).json["id"]
    shop.order_id = order_id
    shop.set_rules(level_bps=[1000], join_policy="application")
    shop.join("C")
    with transaction() as s:  # logins get made-up nicknames: name them
        for name in ("B", "C"):
            s.get(User, shop.ids[name]).nickname = name
    return shop


def test_distributors_come_with_nicknames_and_balances(funded):
    body = funded.staff_api("GET", "/distributors").json
    assert body["meta"]["total"] == 2
    rows = {r["nickname"]: r for r in body["items"]}
    assert rows["B"]["status"] == "active"
    assert rows["B"]["balances"] == {**dict.fromkeys(BALANCES, 0), "available": 500,
                                     "withdrawing": 500}
    assert rows["C"]["status"] == "pending" and rows["C"]["invite_code"] is None
    assert rows["C"]["balances"] == dict.fromkeys(BALANCES, 0)
    pending = funded.staff_api("GET", "/distributors?status=pending").json["items"]
    assert [r["nickname"] for r in pending] == ["C"]


def test_a_distributors_ledger_lists_their_entries_newest_first(funded):
    body = funded.staff_api("GET", f"/distributors/{funded.ids['B']}/ledger").json
    assert body["distributor"]["nickname"] == "B"
    assert body["distributor"]["balances"]["available"] == 500
    assert body["meta"] == {"page": 1, "per_page": 20, "total": 5}
    assert [(e["txn_kind"], e["account"], e["amount_fen"], e["order_id"])
            for e in body["items"]] == [
        ("wd_request", "withdrawing", 500, None), ("wd_request", "available", -500, None),
        ("settle", "available", 1000, funded.order_id),
        ("settle", "pending", -1000, funded.order_id),
        ("accrue", "pending", 1000, funded.order_id)]
    second = funded.staff_api("GET", f"/distributors/{funded.ids['B']}/ledger?page=2&per_page=2")
    assert [e["amount_fen"] for e in second.json["items"]] == [1000, -1000]


def test_the_ledger_of_someone_who_is_no_distributor_is_not_found(funded):
    resp = funded.staff_api("GET", f"/distributors/{funded.ids['D']}/ledger")
    assert (resp.status_code, resp.json["error"]["code"]) == (404, "distributor_not_found")


def test_withdrawals_and_the_payable_report_name_the_people(funded):
    items = funded.staff_api("GET", "/withdrawals?status=requested").json["items"]
    assert [(w["id"], w["nickname"], w["amount_fen"], w["fee_fen"], w["net_fen"])
            for w in items] == [(funded.withdrawal_id, "B", 500, 1, 499)]
    report = funded.staff_api("GET", "/payable").json
    assert [(r["nickname"], r["available"], r["withdrawing"])
            for r in report["distributors"]] == [("B", 500, 500)]
    assert report["sum_fen"] == 0 and report["unbalanced_txns"] == []


def test_an_operator_reads_distributors_but_no_money_out(funded):
    funded.make.grant("op", "merchant_operator", funded.merchant_id)
    headers = funded.make.login("op")
    base = f"/api/v1/merchants/{funded.merchant_id}/referral"
    assert funded.client.get(f"{base}/distributors", headers=headers).status_code == 200
    for path in ("/withdrawals", "/payable"):
        resp = funded.client.get(base + path, headers=headers)
        assert resp.status_code == 403, path
