"""The after-sales export (a job, like every export): one row per request
line, newest request first, with the merchant's reason label; filtered by the
China day it was asked and by order; an order-status filter is refused."""

from __future__ import annotations

import csv
import io

from rq import SimpleWorker

from app import clock
from app.aftersales.models import AfterSale
from app.auth.models import User
from app.db import transaction
from app.orders.models import Order


def _export(aftersales, filters: dict, lang: str = "zh"):
    shop = aftersales.shop
    asked = shop.client.post(f"/api/v1/merchants/{shop.merchant_id}/exports", headers=shop.staff,
                             json={"kind": "after_sales", "format": "csv", "lang": lang,
                                   "filters": filters})
    if asked.status_code != 202:
        return asked
    queues = shop.app.extensions["mall.queues"]
    SimpleWorker([queues.get("default")], connection=queues.connection).work(
        burst=True, with_scheduler=False)
    got = shop.client.get(f"/api/v1/merchants/{shop.merchant_id}/exports/{asked.json['id']}/file",
                          headers=shop.staff)
    assert got.status_code == 200, got.json
    return list(csv.reader(io.StringIO(got.data.decode("utf-8-sig"))))


def test_after_sales_export_rows_filters_and_refusals(aftersales, buy):
    first, second = buy(2, 0), buy(1, 1, buyer="bob")
    rejected = aftersales.opened(first, "refund_only", [(0, 2)], description="不要了")
    assert aftersales.staff(rejected["id"], "reject", reason="已发货请拒收").status_code == 200
    both = aftersales.opened(second, "refund_only", [(0, 1), (1, 1)], reason="damaged")
    with transaction() as s:
        alice, bob = (s.get(User, s.get(AfterSale, sale["id"]).buyer_id).nickname
                      for sale in (rejected, both))
    asked_at = clock.now().astimezone(clock.CHINA).strftime("%Y-%m-%d %H:%M:%S")
    rows = _export(aftersales, {})
    assert rows[0] == ["售后单号", "订单号", "申请时间", "类型", "状态", "原因", "买家", "商品",
                       "规格", "数量", "申请金额(元)", "同意金额(元)", "退货快递", "拒绝原因",
                       "买家说明"]
    assert [r[:7] + r[9:] for r in rows[1:]] == [
        [str(both["id"]), str(second.order_id), asked_at, "仅退款", "待审核",
         "破损 / Arrived damaged", bob, "1", "30.00", "", "", "", ""],
        [str(both["id"]), str(second.order_id), asked_at, "仅退款", "待审核",
         "破损 / Arrived damaged", bob, "1", "30.00", "", "", "", ""],
        [str(rejected["id"]), str(first.order_id), asked_at, "仅退款", "已拒绝",
         "质量问题 / Quality problem", alice, "2", "20.00", "", "", "已发货请拒收", "不要了"],
    ]
    with transaction() as s:
        goods = [(ln.title, ln.spec) for ln in s.get(Order, second.order_id).lines]
    assert [(r[7], r[8]) for r in rows[1:3]] == goods
    by_order = _export(aftersales, {"order_id": first.order_id}, lang="en")
    assert [(r[0], r[3], r[4]) for r in by_order[1:]] == [
        (str(rejected["id"]), "Refund only", "Rejected")]
    today = clock.now().astimezone(clock.CHINA).date()
    assert len(_export(aftersales, {"created_from": today.isoformat()})) == 4
    assert _export(aftersales, {"created_to": "2020-01-01"}) == [rows[0]]
    refused = _export(aftersales, {"status": "to_ship"})
    assert refused.status_code == 422
    assert refused.json["error"]["code"] == "export_filter_invalid"
    assert refused.json["error"]["details"] == {"filters": ["status"]}
