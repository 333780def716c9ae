"""Batch shipping from a sheet: a CSV file or an XLSX workbook whose header
row names the order id, carrier and tracking number columns (Chinese or
English headers; the carrier by code or name). Every row is answered: its
number in the sheet (the header is row 1), its order id, and ok or the
error of that row. Each row ships in a savepoint of its own, so a bad row
never undoes or blocks a good one.

Refused whole, before any row: a file that is neither CSV nor XLSX, over
MAX_BYTES, unreadable (a CSV neither UTF-8 nor GB18030, a broken or too
large workbook), without the three columns, with no rows, or with more
than MAX_ROWS rows.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from app.errors import DomainError
from app.schema import MAX_ID
from app.shipping import service
from app.shipping.errors import (
    BatchColumnsMissing,
    BatchFileEmpty,
    BatchFileTooLarge,
    BatchFileUnreadable,
    BatchFileUnsupported,
    BatchRowInvalid,
    BatchTooManyRows,
)

MAX_BYTES = 512 * 1024
MAX_ROWS = 5_000
# an XLSX is a zip: what it may unpack to (a few MB for 5,000 rows), so a
# small file cannot expand into gigabytes
MAX_UNZIPPED = 32 * 1024 * 1024
ZIP_MAGIC = b"PK\x03\x04"
EXTENSIONS = ("csv", "txt", "xlsx")
# header cell (lower case, spaces, underscores and a bracketed hint removed) -> column
HEADERS = {
    "order_id": ("订单号", "订单编号", "订单id", "orderid", "order", "orderno", "ordernumber"),
    "carrier": ("快递公司", "物流公司", "快递", "承运商", "carrier", "carriercode", "courier",
                "express"),
    "tracking_no": ("快递单号", "运单号", "物流单号", "单号", "trackingno", "trackingnumber",
                    "tracking", "waybill", "waybillno"),
}
_BY_HEADER = {name: column for column, names in HEADERS.items() for name in names}
_HINT = re.compile(r"[(（【\[].*?[)）】\]]")
_NOISE = re.compile(r"[\s_\-]+")


@dataclass(frozen=True)
class Row:
    number: int  # the row's number in the sheet; the header is row 1
    order_id: str
    carrier: str
    tracking_no: str


def read(filename: str, data: bytes) -> list[Row]:
    """The data rows of an uploaded sheet (blank rows skipped)."""
    if len(data) > MAX_BYTES:
        raise BatchFileTooLarge(details={"max_bytes": MAX_BYTES, "bytes": len(data)})
    extension = filename.rpartition(".")[2].lower() if "." in filename else ""
    if extension and extension not in EXTENSIONS:
        raise BatchFileUnsupported(details={"filename": filename[-100:]})
    cells = _xlsx_cells(data) if data.startswith(ZIP_MAGIC) else _csv_cells(data)
    return _rows(cells)


def _csv_cells(data: bytes) -> Iterator[tuple[int, list]]:
    if b"\x00" in data:  # a binary file (an old .xls, an image): no text sheet
        raise BatchFileUnsupported()
    for encoding in ("utf-8-sig", "gb18030"):  # Excel in China saves CSV as GBK
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise BatchFileUnreadable("The CSV file is neither UTF-8 nor GB18030 text.")
    try:
        yield from enumerate(csv.reader(io.StringIO(text, newline="")), start=1)
    except csv.Error as exc:
        raise BatchFileUnreadable(f"The CSV file cannot be read: {exc}"[:200]) from exc


def _xlsx_cells(data: bytes) -> Iterator[tuple[int, list]]:
    from openpyxl import load_workbook  # only batch uploads need it

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED:
                raise BatchFileUnreadable("The workbook unpacks to too much data.")
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        yield from enumerate(sheet.iter_rows(values_only=True), start=1)
    except DomainError:
        raise
    except Exception as exc:  # any failure to parse an uploaded workbook
        raise BatchFileUnreadable("The file is not a readable XLSX workbook.") from exc


def _text(value: object) -> str:
    """A cell as text: Excel keeps a long number as a float (7.3e14)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _columns(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        column = _BY_HEADER.get(_NOISE.sub("", _HINT.sub("", cell)).lower())
        if column is not None:
            found.setdefault(column, index)
    missing = [c for c in HEADERS if c not in found]
    if missing:
        raise BatchColumnsMissing(details={"missing": missing,
                                           "header": [c[:40] for c in header[:20]]})
    return found


def _rows(cells: Iterable[tuple[int, list]]) -> list[Row]:
    columns, rows = None, []
    for number, raw in cells:
        values = [_text(v) for v in raw]
        if not any(values):
            continue
        if columns is None:
            columns = _columns(values)
            continue
        if len(rows) == MAX_ROWS:
            raise BatchTooManyRows(details={"max_rows": MAX_ROWS})
        get = {c: values[i] if i < len(values) else "" for c, i in columns.items()}
        rows.append(Row(number, get["order_id"], get["carrier"], get["tracking_no"]))
    if columns is None:
        raise BatchColumnsMissing(details={"missing": list(HEADERS), "header": []})
    if not rows:
        raise BatchFileEmpty()
    return rows


def run(session: Session, *, merchant_id: int, staff_id: int, rows: list[Row],
        now: datetime) -> dict:
    """Ship every row, each in its own savepoint; answer each."""
    answers = [_ship_row(session, merchant_id, staff_id, row, now) for row in rows]
    shipped = sum(1 for a in answers if a["ok"])
    return {"total": len(answers), "shipped": shipped, "failed": len(answers) - shipped,
            "rows": answers}


def _order_id(text: str) -> int | None:
    return int(text) if text.isascii() and text.isdigit() and 0 < int(text) <= MAX_ID else None


def _ship_row(session: Session, merchant_id: int, staff_id: int, row: Row,
              now: datetime) -> dict:
    order_id = _order_id(row.order_id)
    answer = {"row": row.number, "order_id": order_id}
    try:
        empty = [c for c in HEADERS if not getattr(row, c)]
        if empty:
            raise BatchRowInvalid("The row leaves a column empty.", details={"empty": empty})
        if order_id is None:
            raise BatchRowInvalid("The order id is not a number.",
                                  details={"column": "order_id", "value": row.order_id[:40]})
        with session.begin_nested():
            package, order = service.ship(session, merchant_id=merchant_id, order_id=order_id,
                                          carrier=row.carrier, tracking_no=row.tracking_no,
                                          staff_id=staff_id, now=now)
    except DomainError as exc:
        return {**answer, "ok": False, "error": exc.to_dict()["error"]}
    service.start_timers(session, order)
    return {**answer, "ok": True, "package_id": package.id, "status": order.status}
