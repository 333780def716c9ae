"""A distributor's ledger exported (finance staff only): every entry oldest
first with its account's balance after it, in Chinese or English."""

from __future__ import annotations

import csv
import io

from rq import SimpleWorker

from app import clock


def china_text(moment) -> str:
    return moment.astimezone(clock.CHINA).strftime("%Y-%m-%d %H:%M:%S")


def _export(shop, user_id: int, lang: str) -> list[list[str]]:
    asked = shop.client.post(f"/api/v1/merchants/{shop.merchant_id}/exports", headers=shop.staff,
                             json={"kind": "ledger", "format": "csv", "lang": lang,
                                   "filters": {"user_id": user_id}})
    assert asked.status_code == 202, asked.json
    queues = shop.app.extensions["mall.queues"]
    SimpleWorker([queues.get("default")], connection=queues.connection).work(
        burst=True, with_scheduler=False)
    got = shop.client.get(f"/api/v1/merchants/{shop.merchant_id}/exports/{asked.json['id']}/file",
                          headers=shop.staff)
    assert got.status_code == 200, got.json
    return list(csv.reader(io.StringIO(got.data.decode("utf-8-sig"))))


def test_a_distributors_ledger_with_running_balances(shop):
    shop.distributor("A")
    shop.distributor("B", "A")
    assert shop.bind("D", "B").status_code == 200
    sku = shop.product(1000)[1]
    order_id = shop.order("D", [(sku, 1)])
    accrued = china_text(clock.now())
    shop.complete(order_id, "D")
    assert shop.run_referral_jobs() == 1
    settled = china_text(clock.now())
    rows = _export(shop, shop.ids["B"], "zh")
    assert rows[0] == ["时间", "流水号", "类型", "订单号", "账户", "金额(元)", "账户余额(元)"]
    assert [[r[0], r[2], r[3], r[4], r[5], r[6]] for r in rows[1:]] == [
        [accrued, "佣金入账", str(order_id), "待结算", "1.00", "1.00"],
        [settled, "佣金结算", str(order_id), "待结算", "-1.00", "0.00"],
        [settled, "佣金结算", str(order_id), "可提现", "1.00", "1.00"],
    ]
    english = _export(shop, shop.ids["A"], "en")
    assert [[r[2], r[4], r[5], r[6]] for r in english[1:]] == [
        ["Commission accrued", "Pending", "0.50", "0.50"],
        ["Commission settled", "Pending", "-0.50", "0.00"],
        ["Commission settled", "Available", "0.50", "0.50"],
    ]
    assert shop.available("B", "A") == [100, 50]
