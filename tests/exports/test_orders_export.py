"""Order exports through the API: filters shared with the staff list, the
job writes XLSX or CSV with exact cells, progress on the export, one writer
when the job and the sweep race, a lost job taken over, files kept 7 days,
and who may ask for and download what."""

from __future__ import annotations

import csv
import io
import os
import threading
from datetime import timedelta

import pytest
from openpyxl import load_workbook
from rq import SimpleWorker

from app import clock
from app.db import transaction
from app.exports import files, jobs, service
from app.exports.models import Export

pytestmark = pytest.mark.usefixtures("app")


def files_in(app) -> str:
    with app.app_context():
        return str(files.folder())


def run_queue(app) -> None:
    queues = app.extensions["mall.queues"]
    SimpleWorker([queues.get("default")], connection=queues.connection).work(
        burst=True, with_scheduler=False)


@pytest.fixture
def shop(client, make):
    """A shop with one product of two SKUs and three orders by two buyers:
    #1 ana 2 x small, #2 bo 1 x small + 1 x large (cancelled), #3 ana 3 x large."""
    merchant = make.merchant("owner", name="茶铺")
    staff = make.login("owner")
    small, large = make.product(merchant, skus=((1250, 50), (3000, 50)), title="龙井")
    orders = []
    for buyer, lines in (("ana", [(small, 2)]), ("bo", [(small, 1), (large, 1)]),
                         ("ana", [(large, 3)])):
        address = make.address(buyer, recipient=f"{buyer} 收", phone="13900001111")
        resp = client.post("/mp/v1/orders", headers=make.login(buyer), json={
            "lines": [{"sku_id": s, "quantity": q} for s, q in lines],
            "address_id": address})
        assert resp.status_code == 201, resp.json
        orders.append(resp.json["id"])
    cancel = client.post(f"/mp/v1/orders/{orders[1]}/cancel", headers=make.login("bo"))
    assert cancel.status_code == 200, cancel.json
    return {"merchant": merchant, "staff": staff, "orders": orders,
            "base": f"/api/v1/merchants/{merchant}"}


def _export(client, shop, **body):
    resp = client.post(f"{shop['base']}/exports", headers=shop["staff"], json=body)
    assert resp.status_code == 202, resp.json
    return resp.json


def test_the_staff_list_and_the_export_share_their_filters(client, shop):
    first, second, third = shop["orders"]
    listed = client.get(f"{shop['base']}/orders?status=pending_payment", headers=shop["staff"])
    assert [o["id"] for o in listed.json["items"]] == [third, first]
    by_name = client.get(f"{shop['base']}/orders?q=bo", headers=shop["staff"])
    assert [o["id"] for o in by_name.json["items"]] == [second]
    today = clock.china_day(clock.now()).isoformat()
    tomorrow = (clock.china_day(clock.now()) + timedelta(days=1)).isoformat()
    assert client.get(f"{shop['base']}/orders?created_from={today}&created_to={today}",
                      headers=shop["staff"]).json["meta"]["total"] == 3
    assert client.get(f"{shop['base']}/orders?created_from={tomorrow}",
                      headers=shop["staff"]).json["meta"]["total"] == 0
    bad = client.get(f"{shop['base']}/orders?created_from=2026-13-01", headers=shop["staff"])
    assert bad.status_code == 422


def test_an_xlsx_export_holds_every_line_with_exact_cells(app, client, shop):
    first, second, third = shop["orders"]
    asked = _export(client, shop, kind="orders")
    assert (asked["status"], asked["format"], asked["lang"], asked["percent"],
            asked["download_url"]) == ("queued", "xlsx", "zh", 0, None)
    early = client.get(f"{shop['base']}/exports/{asked['id']}/file", headers=shop["staff"])
    assert (early.status_code, early.json["error"]["code"]) == (409, "export_not_ready")

    run_queue(app)
    done = client.get(f"{shop['base']}/exports/{asked['id']}", headers=shop["staff"]).json
    assert (done["status"], done["rows_total"], done["rows_done"], done["percent"]) == \
        ("done", 4, 4, 100)
    got = client.get(done["download_url"], headers=shop["staff"])
    assert got.status_code == 200
    assert got.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert got.headers["Cache-Control"] == "private, no-store"
    assert "filename*=UTF-8''%E8%AE%A2%E5%8D%95-" in got.headers["Content-Disposition"]
    assert done["bytes"] == len(got.data)
    sheet = load_workbook(io.BytesIO(got.data), read_only=True).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][:4] == ["订单号", "下单时间", "付款时间", "订单状态"]
    assert [r[0] for r in rows[1:]] == [third, second, second, first]
    assert [(r[3], r[6], r[13], r[15], r[16], r[17]) for r in rows[1:]] == [
        ("待付款", "ana 收", "龙井", 30, 3, 90),
        ("已取消", "bo 收", "龙井", 12.5, 1, 12.5),
        ("已取消", "bo 收", "龙井", 30, 1, 30),
        ("待付款", "ana 收", "龙井", 12.5, 2, 25),
    ]
    created = clock.now().astimezone(clock.CHINA).replace(tzinfo=None, microsecond=0)
    assert rows[1][1] == created and rows[1][2] is None


def test_a_csv_export_in_english_with_a_filter(app, client, shop):
    first, _, third = shop["orders"]
    asked = _export(client, shop, kind="orders", format="csv", lang="en",
                    filters={"status": "pending_payment"})
    assert asked["filters"] == {"status": "pending_payment"}
    run_queue(app)
    got = client.get(f"{shop['base']}/exports/{asked['id']}/file", headers=shop["staff"])
    assert got.mimetype == "text/csv" and got.data.startswith(b"\xef\xbb\xbf")
    assert "filename=orders-" in got.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(got.data.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Order no.", "Created", "Paid", "Status"]
    assert [(r[0], r[3], r[15], r[17], r[20]) for r in rows[1:]] == [
        (str(third), "Awaiting payment", "30.00", "90.00", "90.00"),
        (str(first), "Awaiting payment", "12.50", "25.00", "25.00"),
    ]


def test_the_job_and_the_sweep_racing_write_the_file_once(app, client, shop):
    asked = _export(client, shop, kind="orders")
    folder = files_in(app)
    before = set(os.listdir(folder))
    clock.advance(timedelta(minutes=1))  # past the queued grace: the sweep also wants it
    results: list[bool] = []
    barrier = threading.Barrier(4)

    def runner():
        with app.app_context():
            barrier.wait()
            results.append(jobs.run_export(asked["id"]))

    threads = [threading.Thread(target=runner) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [False, False, False, True]
    with transaction() as s:
        export = s.get(Export, asked["id"])
    assert (export.status, export.rows_done) == ("done", 4)
    assert set(os.listdir(folder)) - before == {export.file_name}
    with app.app_context():
        assert jobs.sweep() == {"restarted": 0, "expired": 0}


def test_a_lost_runner_is_taken_over_and_its_late_writes_change_nothing(app, client, shop):
    asked = _export(client, shop, kind="orders")
    with transaction() as s:
        lost = service.claim(s, asked["id"], clock.now())
    assert lost is not None
    with transaction() as s:
        assert service.claim(s, asked["id"], clock.now()) is None  # still its own
    clock.advance(timedelta(minutes=3))
    with app.app_context():
        assert jobs.sweep() == {"restarted": 1, "expired": 0}
    run_queue(app)
    with transaction() as s:
        assert not service.progress(s, asked["id"], lost, done=1, now=clock.now())
        assert not service.finish(s, asked["id"], lost, file_name="x", size=1, done=1,
                                  now=clock.now())
    done = client.get(f"{shop['base']}/exports/{asked['id']}", headers=shop["staff"]).json
    assert (done["status"], done["rows_done"]) == ("done", 4)


def test_files_are_kept_seven_days(app, client, shop):
    asked = _export(client, shop, kind="orders", format="csv")
    run_queue(app)
    with transaction() as s:
        name = s.get(Export, asked["id"]).file_name
    clock.advance(timedelta(days=7, minutes=1))
    with app.app_context():
        assert jobs.sweep() == {"restarted": 0, "expired": 1}
    assert not os.path.exists(os.path.join(files_in(app), name))
    gone = client.get(f"{shop['base']}/exports/{asked['id']}/file", headers=shop["staff"])
    assert (gone.status_code, gone.json["error"]["details"]) == (409, {"status": "expired"})


def test_who_may_ask_and_download(app, client, make, shop):
    asked = _export(client, shop, kind="orders")
    run_queue(app)
    url = f"{shop['base']}/exports/{asked['id']}"
    make.grant("olga", "merchant_operator", shop["merchant"])
    operator = make.login("olga")
    assert client.get(url, headers=operator).status_code == 404  # not theirs
    assert client.get(f"{url}/file", headers=operator).status_code == 404
    other = make.merchant("rival")
    rival = make.login("rival")
    assert client.get(f"/api/v1/merchants/{other}/exports/{asked['id']}",
                      headers=rival).status_code == 404
    assert client.get(url, headers=rival).status_code == 403
    ledger = client.post(f"{shop['base']}/exports", headers=operator,
                         json={"kind": "ledger", "filters": {"user_id": 1}})
    assert (ledger.status_code, ledger.json["error"]["code"]) == (403, "forbidden")
    mine = client.post(f"{shop['base']}/exports", headers=operator, json={"kind": "orders"})
    assert mine.status_code == 202
    listed = client.get(f"{shop['base']}/exports", headers=operator).json
    assert [e["id"] for e in listed["items"]] == [mine.json["id"]]


def test_bad_asks_are_refused_and_write_nothing(client, shop):
    base, staff = shop["base"], shop["staff"]
    cases = [
        ({"kind": "invoices"}, 422, "validation_error"),
        ({"kind": "orders", "format": "pdf"}, 422, "validation_error"),
        ({"kind": "orders", "filters": {"colour": "red"}}, 422, "validation_error"),
        ({"kind": "ledger"}, 422, "export_filter_invalid"),
        ({"kind": "pick_list", "filters": {"day": "2026-01-01"}}, 422, "export_filter_invalid"),
    ]
    for body, status, code in cases:
        resp = client.post(f"{base}/exports", headers=staff, json=body)
        assert (resp.status_code, resp.json["error"]["code"]) == (status, code), body
    assert client.get(f"{base}/exports", headers=staff).json["meta"]["total"] == 0
    for _ in range(3):
        _export(client, shop, kind="orders")
    busy = client.post(f"{base}/exports", headers=staff, json={"kind": "orders"})
    assert (busy.status_code, busy.json["error"]["code"]) == (429, "exports_busy")
    missing = client.post(f"{base}/exports", headers=staff, json={"kind": "ledger"})
    assert missing.json["error"]["details"] == {"missing": ["user_id"]}
