"""Batch shipping from CSV and XLSX: every row answered exactly, a bad row
never blocks a good one, files that are not sheets (or too big, too long,
without the columns) refused whole; the template lists what is to ship."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook

from app.shipping.models import Package
from tests.conftest import count
from tests.shipping.conftest import order_row

UPLOAD = "/api/v1/merchants/{}/shipments/batch"


def upload(shop, data: bytes, filename: str):
    return shop.client.post(UPLOAD.format(shop.merchant_id), headers=shop.staff,
                            data={"file": (io.BytesIO(data), filename)},
                            content_type="multipart/form-data")


def csv_bytes(rows, encoding="utf-8") -> bytes:
    return "\r\n".join(",".join(str(c) for c in row) for row in rows).encode(encoding)


def xlsx_bytes(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def orders(client, make, shop, buy):
    """Two paid orders, one paid and already shipped, one unpaid."""
    paid1, paid2, shipped = buy(1, 0), buy(2, 1, buyer="bob"), buy(1, 0, buyer="carol")
    shop.ship(shipped.order_id, "SF9000000000001")
    unpaid = client.post("/mp/v1/orders", headers=make.login("dave"), json={
        "lines": [{"sku_id": shop.skus[0], "quantity": 1}]}).json["id"]
    return paid1.order_id, paid2.order_id, shipped.order_id, unpaid


def _error(row, order_id, code, **details):
    return {"row": row, "order_id": order_id, "ok": False, "code": code, "details": details}


def _answers(resp) -> list[dict]:
    """Each row's answer, its error as its code and details."""
    out = []
    for row in resp.json["rows"]:
        row = dict(row)
        error = row.pop("error", None)
        if error:
            row["code"], row["details"] = error["code"], error["details"]
        out.append(row)
    return out


def test_csv_every_row_answered_good_rows_ship(shop, orders):
    paid1, paid2, shipped, unpaid = orders
    resp = upload(shop, csv_bytes([
        ("订单号", "快递公司", "快递单号"),
        (paid1, "顺丰", "SF1000000000001"),
        (999999, "SF", "SF1000000000002"),
        (paid2, "UPS", "1Z999"),
        ("", "", ""),  # blank: skipped, still counted in the row numbers
        (paid2, "中通", "0123"),
        (unpaid, "SF", "SF1000000000003"),
        (shipped, "SF", "SF1000000000004"),
        ("abc", "SF", "SF1000000000005"),
        (paid2, "", "SF1000000000006"),
        (paid2, "SF", "SF1000000000001"),  # the number row 2 used
        (paid2, "zhongtong", "731234567890123"),
    ]), "发货.csv")
    assert resp.status_code == 200, resp.json
    assert (resp.json["total"], resp.json["shipped"], resp.json["failed"]) == (10, 2, 8)
    assert _answers(resp) == [
        {"row": 2, "order_id": paid1, "ok": True, "package_id": resp.json["rows"][0][
            "package_id"], "status": "shipped"},
        _error(3, 999999, "order_not_found"),
        _error(4, paid2, "carrier_unknown", carrier="UPS"),
        _error(6, paid2, "tracking_no_invalid", carrier="ZTO", tracking_no="0123",
               example="731234567890123"),
        _error(7, unpaid, "illegal_transition", status="pending_payment", target="shipped"),
        _error(8, shipped, "illegal_transition", status="shipped", target="shipped"),
        _error(9, None, "batch_row_invalid", column="order_id", value="abc"),
        _error(10, paid2, "batch_row_invalid", empty=["carrier"]),
        _error(11, paid2, "tracking_no_in_use", carrier="SF", tracking_no="SF1000000000001"),
        {"row": 12, "order_id": paid2, "ok": True, "package_id": resp.json["rows"][9][
            "package_id"], "status": "shipped"},
    ]
    assert [order_row(i)[0] for i in orders] == ["shipped", "shipped", "shipped",
                                                  "pending_payment"]
    assert count(Package) == 3


def test_xlsx_with_english_headers_and_numbers_as_cells(shop, orders):
    paid1, paid2, shipped, _ = orders
    resp = upload(shop, xlsx_bytes([
        ("Tracking number", "Order ID", "Carrier", "Note"),
        (731234567890123, paid1, "ZTO", "fragile"),  # Excel keeps digits as a number
        ("YT1234567890123", paid2, "圆通速递", None),
        ("YT1234567890124", shipped, "YTO", None),
    ]), "ship.xlsx")
    assert resp.status_code == 200, resp.json
    assert _answers(resp) == [
        {"row": 2, "order_id": paid1, "ok": True, "package_id": resp.json["rows"][0][
            "package_id"], "status": "shipped"},
        {"row": 3, "order_id": paid2, "ok": True, "package_id": resp.json["rows"][1][
            "package_id"], "status": "shipped"},
        _error(4, shipped, "illegal_transition", status="shipped", target="shipped"),
    ]
    assert order_row(paid1)[2:] == ("ZTO", "731234567890123")


def test_a_gbk_csv_from_excel_in_china(shop, orders):
    paid1 = orders[0]
    resp = upload(shop, csv_bytes([("订单编号", "物流公司", "运单号(必填)"),
                                   (paid1, "韵达快递", "4312345678901")], "gbk"), "x.csv")
    assert (resp.status_code, resp.json["shipped"]) == (200, 1)


@pytest.mark.parametrize("data,filename,status,code", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "photo.png", 415, "batch_file_unsupported"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "old.xls", 415, "batch_file_unsupported"),
    (b"order_id,carrier,tracking_no\r\n1,SF,SF1", "a.pdf", 415, "batch_file_unsupported"),
    (b"PK\x03\x04 not really a workbook", "a.xlsx", 422, "batch_file_unreadable"),
    (b"\xff\xfe\xfd order", "a.csv", 422, "batch_file_unreadable"),
    (b"a,b,c\r\n1,2,3", "a.csv", 422, "batch_columns_missing"),
    (b"", "a.csv", 422, "batch_columns_missing"),
    (b"order_id,carrier,tracking_no\r\n,,\r\n", "a.csv", 422, "batch_file_empty"),
    (b"order_id,carrier,tracking_no\r\n" + b"1,SF,SF1000000000001\r\n" * 5001, "a.csv", 422,
     "batch_too_many_rows"),
    (b"order_id,carrier,tracking_no\r\n" + b"1" * 600_000, "a.csv", 413,
     "batch_file_too_large"),
])
def test_files_refused_whole(shop, orders, data, filename, status, code):
    resp = upload(shop, data, filename)
    assert (resp.status_code, resp.json["error"]["code"]) == (status, code)
    assert count(Package) == 1  # the fixture's shipped order's only


def test_the_most_rows_a_file_may_have(shop, orders):
    rows = [("order_id", "carrier", "tracking_no")] + [(orders[3], "SF", "SF1")] * 5000
    resp = upload(shop, csv_bytes(rows), "a.csv")
    assert (resp.status_code, resp.json["total"], resp.json["failed"]) == (200, 5000, 5000)


def test_missing_columns_are_named(shop, orders):
    resp = upload(shop, csv_bytes([("订单号", "备注"), (orders[0], "x")]), "a.csv")
    assert resp.json["error"]["details"] == {"missing": ["carrier", "tracking_no"],
                                             "header": ["订单号", "备注"]}


def test_no_file_is_a_validation_error(shop):
    resp = shop.client.post(UPLOAD.format(shop.merchant_id), headers=shop.staff)
    assert (resp.status_code, resp.json["error"]["code"]) == (422, "validation_error")


def test_the_template_lists_the_orders_to_ship(shop, orders, buy):
    paid1, paid2, _, _ = orders
    partly = buy(2, 0, buyer="erin")
    shop.ship(partly.order_id, "SF9000000000002", lines=[(partly.lines[0], 1)])
    url = f"/api/v1/merchants/{shop.merchant_id}/shipments/batch/template"
    resp = shop.client.get(url + "?format=csv", headers=shop.staff)
    assert resp.status_code == 200
    assert resp.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert resp.data.decode("utf-8-sig").split("\r\n") == [
        "订单号(order_id),快递公司(carrier),快递单号(tracking_no)", f"{paid1},,", f"{paid2},,",
        f"{partly.order_id},,", ""]
    resp = shop.client.get(url, headers=shop.staff)
    assert resp.headers["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    book = load_workbook(io.BytesIO(resp.data))
    assert [list(r) for r in book["发货"].iter_rows(values_only=True)] == [
        ["订单号(order_id)", "快递公司(carrier)", "快递单号(tracking_no)"],
        [str(paid1), None, None], [str(paid2), None, None], [str(partly.order_id), None, None]]
    assert book["快递公司"]["A2"].value == "SF"
    # the template filled in ships
    sheet = book["发货"]
    sheet["B2"], sheet["C2"] = "顺丰", "SF1000000000009"
    out = io.BytesIO()
    book.save(out)
    resp = upload(shop, out.getvalue(), "shipments.xlsx")
    assert (resp.json["total"], resp.json["shipped"]) == (3, 1)
