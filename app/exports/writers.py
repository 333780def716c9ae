"""Writing rows to a file as they come, never holding them: CSV in UTF-8
with a byte-order mark (so Excel on a Chinese Windows reads the headings),
XLSX through openpyxl's write-only mode (rows go to a temp file, the
workbook is zipped at close; only its table of distinct texts stays in
memory). Money is a number shown 0.00, a time a spreadsheet time."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

FORMATS = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
           "csv": "text/csv; charset=utf-8"}
EVERY = 1000  # rows between progress reports
MONEY = "0.00"
TIME = "yyyy-mm-dd hh:mm:ss"


def write(path: Path, fmt: str, headings: list[str], rows: Iterable[tuple],
          progress: Callable[[int], None]) -> int:
    """Write `rows` under `headings` to `path`; `progress(done)` every EVERY
    rows and at the end. Returns the rows written."""
    return (_xlsx if fmt == "xlsx" else _csv)(path, headings, rows, progress)


def _csv(path: Path, headings, rows, progress) -> int:
    done = 0
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(headings)
        for row in rows:
            writer.writerow([_text(v) for v in row])
            done += 1
            if done % EVERY == 0:
                progress(done)
    progress(done)
    return done


def _text(value) -> str:
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return "" if value is None else str(value)


def _xlsx(path: Path, headings, rows, progress) -> int:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    bold = Font(bold=True)
    sheet.append([_cell(sheet, h, font=bold) for h in headings])
    done = 0
    for row in rows:
        sheet.append([_cell(sheet, v) for v in row])
        done += 1
        if done % EVERY == 0:
            progress(done)
    book.save(path)
    progress(done)
    return done


def _cell(sheet, value, font=None) -> WriteOnlyCell:
    if isinstance(value, Decimal):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = MONEY
        return cell
    if isinstance(value, datetime):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = TIME
        return cell
    if isinstance(value, int):  # ids and quantities: exact, and text for long ids
        cell = WriteOnlyCell(sheet, value=value if abs(value) < 10**15 else str(value))
    else:
        cell = WriteOnlyCell(sheet, value="" if value is None else value)
    if font is not None:
        cell.font = font
    return cell
