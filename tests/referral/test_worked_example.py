"""The worked example, every balance exact at every step, through the APIs.

Chain A <- B <- C <- D (D buys, not a distributor); rates 1000/500/200 bps.
Line 1: tea 3333 fen x 3 = 9999 (default rates):
  L1 9999*1000//10000 = 999, L2 499, L3 199 (the merchant keeps .9+.95+.98 fen)
Line 2: cup 1250 x 2 = 2500, product override fixed fen per unit [300, 100]:
  L1 600, L2 200, L3 0
C 1599, B 699, A 199; total 2497.
"""

from __future__ import annotations

from app.db import transaction
from referral.models import Attribution
from tests.referral.conftest import ledger_ok, merchant_balance


def test_worked_example_three_levels_override_refunds_withdrawal(shop, app):
    shop.set_rules(level_bps=[1000, 500, 200], withdraw_fee_bps=100)
    shop.distributor("A")
    shop.distributor("B", "A")
    shop.distributor("C", "B")
    assert shop.bind("D", "C").status_code == 200
    tea, tea_sku = shop.product(3333, title="Tea")
    cup, cup_sku = shop.product(1250, title="Cup")
    resp = shop.staff_api("PUT", f"/products/{cup}/commission",
                          json={"mode": "fen", "values": [300, 100]})
    assert resp.status_code == 200, resp.json

    order_id = shop.order("D", [(tea_sku, 3), (cup_sku, 2)])
    with transaction() as s:
        att = s.get(Attribution, order_id)
        assert att.chain == ",".join(str(shop.ids[n]) for n in "CBA")
        assert att.goods_fen == 12499
    assert shop.pending("C", "B", "A") == [1599, 699, 199]
    assert shop.available("C", "B", "A") == [0, 0, 0]
    assert merchant_balance(shop.merchant_id, "expense") == -2497
    assert ledger_ok() == ([], 0)

    # after-sale window closed, no refund: the job makes it available
    shop.complete(order_id, "D")
    assert shop.pending("C", "B", "A") == [1599, 699, 199]  # not before the job runs
    assert shop.run_referral_jobs() == 1
    assert shop.pending("C", "B", "A") == [0, 0, 0]
    assert shop.available("C", "B", "A") == [1599, 699, 199]
    assert ledger_ok() == ([], 0)

    # partial refund after settlement: one tea (3333 of 9999 on line 1)
    # line 1 owed: C 999*6666//9999 = 666, B 499*6666//9999 = 332, A 199*6666//9999 = 132
    shop.refund(order_id, "r1", [(0, 1)])
    assert shop.available("C", "B", "A") == [666 + 600, 332 + 200, 132]
    assert merchant_balance(shop.merchant_id, "expense") == -(1266 + 532 + 132)
    assert ledger_ok() == ([], 0)

    # C withdraws 1200: fee 100 bps = 12, net 1188; approved, paid by the job
    resp = shop.withdraw("C", 1200)
    assert resp.status_code == 201, resp.json
    assert (resp.json["amount_fen"], resp.json["fee_fen"], resp.json["net_fen"]) == (1200, 12,
                                                                                     1188)
    assert shop.balances("C") == {"pending": 0, "available": 66, "withdrawing": 1200,
                                  "clearing": 0, "paid": 0}
    wid = resp.json["id"]
    resp = shop.staff_api("POST", f"/withdrawals/{wid}/approve")
    assert (resp.status_code, resp.json["status"]) == (200, "approved")
    assert shop.balances("C") == {"pending": 0, "available": 66, "withdrawing": 0,
                                  "clearing": 1188, "paid": 0}
    assert shop.run_referral_jobs() == 1
    assert shop.balances("C") == {"pending": 0, "available": 66, "withdrawing": 0,
                                  "clearing": 0, "paid": 1188}
    assert merchant_balance(shop.merchant_id, "fee") == 12
    mine = shop.mp("GET", f"/withdrawals/{wid}", "C").json
    assert mine["status"] == "paid"
    assert [(p["step"], p["done"]) for p in mine["progress"]] == [
        ("requested", True), ("approved", True), ("paid", True)]
    assert ledger_ok() == ([], 0)

    # full refund of the rest: everything reversed; C's balance goes negative
    shop.refund(order_id, "r2", [(0, 2), (1, 2)])
    assert shop.available("C", "B", "A") == [66 - 1266, 0, 0]
    assert shop.balances("C")["paid"] == 1188
    assert merchant_balance(shop.merchant_id, "expense") == 0
    assert ledger_ok() == ([], 0)
    resp = shop.withdraw("C", 100, key="w2")
    assert (resp.status_code, resp.json["error"]["code"]) == (409, "negative_balance")
    report = shop.staff_api("GET", "/payable").json
    assert report["totals"] == {"pending": 0, "available": -1200, "withdrawing": 0,
                                "clearing": 0, "paid": 1188}
    assert report["merchant"] == {"expense": 0, "fee": 12}
    assert (report["sum_fen"], report["unbalanced_txns"]) == (0, [])


def test_a_full_refund_of_a_discounted_order_reverses_all_its_commission(shop, client):
    """Commission is measured against what each line paid (after the coupon),
    so refunds, which give back what was paid, reverse it in full: a coupon
    of 1000 on 9999 pays 8999; B earns 899, A 449; refunding everything
    leaves nothing owed (before, 89 and 44 stayed, measured against 9999)."""
    from app import clock
    from tests.conftest import iso

    shop.set_rules(level_bps=[1000, 500])
    shop.distributor("A")
    shop.distributor("B", "A")
    assert shop.bind("D", "B").status_code == 200
    _, tea = shop.product(3333, title="Tea")
    coupons = f"/api/v1/merchants/{shop.merchant_id}/coupons"
    made = client.post(coupons, headers=shop.staff, json={
        "name": "Ten off", "kind": "amount_off", "amount_fen": 1000, "min_spend_fen": 5000,
        "total": 10, "valid_from": iso(), "valid_until": iso(days=6)})
    assert made.status_code == 201, made.json
    assert client.post(f"{coupons}/{made.json['id']}/activate",
                       headers=shop.staff).status_code == 200
    mine = client.post(f"/mp/v1/coupons/{made.json['id']}/claim", headers=shop.login("D"))
    assert mine.status_code == 201, (mine.json, clock.now())
    order_id = shop.order("D", [(tea, 3)], coupon_id=mine.json["id"])
    assert shop.pending("B", "A") == [899, 449]
    shop.refund(order_id, "r1", [(0, 1)])  # 8999 // 3 = 2999 back
    assert shop.pending("B", "A") == [899 * 6000 // 8999, 449 * 6000 // 8999]
    shop.refund(order_id, "r2", [(0, 2)])
    assert shop.pending("B", "A") == [0, 0]
    assert merchant_balance(shop.merchant_id, "expense") == 0
    assert ledger_ok() == ([], 0)
