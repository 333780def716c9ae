"""The batch-shipping sheet to fill in: the header row the upload reads
(Chinese, with the English name as a hint), one row per order of the
merchant still to ship, carrier and number left blank. The XLSX keeps
every cell as text (so Excel never turns a 15-digit number into 7.3E+14)
and lists the carriers on a second sheet."""

from __future__ import annotations

import csv
import io

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.orders import rules as order_rules
from app.orders.models import Order
from app.shipping import carriers
from app.shipping.batch import MAX_ROWS

HEADER = ("订单号(order_id)", "快递公司(carrier)", "快递单号(tracking_no)")
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def orders_to_ship(session: Session, merchant_id: int) -> list[int]:
    return list(session.scalars(
        select(Order.id).where(Order.merchant_id == merchant_id,
                               Order.status.in_(order_rules.SHIPPABLE_STATES))
        .order_by(Order.id).limit(MAX_ROWS)))


def as_csv(order_ids: list[int]) -> bytes:
    """UTF-8 with a byte order mark, so Excel opens the Chinese header right."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows((order_id, "", "") for order_id in order_ids)
    return out.getvalue().encode("utf-8-sig")


def as_xlsx(order_ids: list[int]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "发货"
    sheet.append(HEADER)
    for row, order_id in enumerate(order_ids, start=2):
        sheet.cell(row, 1, str(order_id))
        for column in (1, 2, 3):
            sheet.cell(row, column).number_format = "@"
    for letter, width in zip("ABC", (18, 20, 26), strict=True):
        sheet.column_dimensions[letter].width = width
    codes = book.create_sheet("快递公司")
    codes.append(("代码(code)", "名称", "name", "单号示例(example)"))
    for c in carriers.CARRIERS:
        codes.append((c.code, c.name_zh, c.name_en, c.example))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
