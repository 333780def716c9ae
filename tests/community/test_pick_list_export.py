"""A pickup point's pick list of one China day exported by staff: a row per
order line, the collector's phone masked; a point that is not there is
refused when asked."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from rq import SimpleWorker

from app import clock
from tests.community.test_pickup import _setup


def test_a_days_pick_list_as_a_workbook(hood):
    c, point = _setup(hood)
    _, tea = hood.product(1000, title="Tea")
    _, rice = hood.product(300, title="Rice")
    order = hood.pickup_order("bob", [(tea, 2), (rice, 1)], point)
    paid = clock.now().astimezone(clock.CHINA).replace(tzinfo=None)  # a spreadsheet time
    nickname = hood.mp_as("bob", "GET", "/me").json["nickname"]
    base = f"/api/v1/merchants/{hood.merchant_id}/exports"
    filters = {"community_id": c["id"], "leader_id": hood.ids["lily"],
               "day": clock.china_day(clock.now()).isoformat()}
    asked = hood.client.post(base, headers=hood.staff, json={"kind": "pick_list",
                                                             "filters": filters})
    assert asked.status_code == 202, asked.json
    queues = hood.app.extensions["mall.queues"]
    SimpleWorker([queues.get("default")], connection=queues.connection).work(
        burst=True, with_scheduler=False)
    got = hood.client.get(f"{base}/{asked.json['id']}/file", headers=hood.staff)
    assert got.status_code == 200, got.json
    rows = [list(r) for r in load_workbook(io.BytesIO(got.data)).active.iter_rows(
        values_only=True)]
    assert rows == [
        ["订单号", "取货人", "手机号", "商品", "规格", "数量", "取货状态", "付款时间"],
        [order, nickname, None, "Tea", None, 2, "待取货", paid],
        [order, nickname, None, "Rice", None, 1, "待取货", paid],
    ]
    for bad, code in (({**filters, "leader_id": hood.ids["bob"]}, "leader_not_found"),
                      ({**filters, "community_id": c["id"] + 99}, "community_not_found")):
        refused = hood.client.post(base, headers=hood.staff, json={"kind": "pick_list",
                                                                   "filters": bad})
        assert (refused.status_code, refused.json["error"]["code"]) == (404, code)
