"""Exports: asked for by staff who may read that data, written by one job at
a time (a claim by conditional update: the job and the sweep racing write it
once), progress kept on the row, the file kept KEEP_FOR and then removed.
A claim that went silent for LOST_AFTER is taken over; the old runner's
writes then change nothing (each is conditional on its own start)."""

from __future__ import annotations

import contextlib
import secrets
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.auth.service import require_role
from app.catalog.service import get_merchant
from app.db import paginate
from app.exports import kinds, rules, writers
from app.exports.errors import ExportFilterInvalid, ExportNotFound, ExportNotReady, ExportsBusy
from app.exports.models import Export
from app.exports.schemas import ExportFilters


def create(session: Session, *, merchant_id: int, staff_id: int, data: dict,
           now: datetime) -> Export:
    get_merchant(session, merchant_id)
    kind = kinds.get(data["kind"])
    require_role(session, staff_id, kind.roles, merchant_id)
    filters = data["filters"]
    missing = rules.missing(kind.needs, filters)
    if missing:
        raise ExportFilterInvalid(details={"missing": missing})
    if kind.check is not None:
        kind.check(session, merchant_id, filters)
    running = session.scalar(select(func.count()).select_from(Export).where(
        Export.merchant_id == merchant_id, Export.status.in_(rules.OPEN)))
    if running >= rules.MAX_RUNNING:
        raise ExportsBusy(details={"running": running})
    export = Export(merchant_id=merchant_id, requested_by=staff_id, kind=kind.name,
                    format=data["format"], lang=data["lang"],
                    filters=ExportFilters().dump(filters), status="queued", created_at=now)
    session.add(export)
    session.flush()
    return export


def get(session: Session, *, merchant_id: int, staff_id: int, export_id: int) -> Export:
    """Only its requester sees an export (and only while they keep the role)."""
    export = session.get(Export, export_id)
    if export is None or export.merchant_id != merchant_id or export.requested_by != staff_id:
        raise ExportNotFound()
    require_role(session, staff_id, kinds.get(export.kind).roles, merchant_id)
    return export


def mine(session: Session, *, merchant_id: int, staff_id: int, page: int, per_page: int):
    stmt = select(Export).where(Export.merchant_id == merchant_id,
                                Export.requested_by == staff_id)
    return paginate(session, stmt, order_by=Export.id.desc(), page=page, per_page=per_page)


def ready_file(export: Export, folder: Path) -> Path:
    if export.status != "done":
        raise ExportNotReady(details={"status": export.status})
    return folder / export.file_name


def download_name(export: Export) -> str:
    stem = kinds.get(export.kind).file_stem[0 if export.lang == "zh" else 1]
    return f"{stem}-{export.created_at:%Y%m%d}-{export.id}.{export.format}"


def claim(session: Session, export_id: int, now: datetime) -> datetime | None:
    """Take the export to write: queued, or running but silent LOST_AFTER.
    Returns the claim's start (its token), None if another runner has it."""
    done = session.execute(
        update(Export).where(Export.id == export_id,
                             (Export.status == "queued")
                             | ((Export.status == "running")
                                & (Export.beat_at < now - rules.LOST_AFTER)))
        .values(status="running", started_at=now, beat_at=now, rows_done=0)
        .execution_options(synchronize_session=False))
    return now if done.rowcount == 1 else None


def _mine(export_id: int, started: datetime):
    return update(Export).where(Export.id == export_id, Export.status == "running",
                                Export.started_at == started) \
        .execution_options(synchronize_session=False)


def progress(session: Session, export_id: int, started: datetime, *, done: int,
             total: int | None = None, now: datetime) -> bool:
    values = {"rows_done": done, "beat_at": now}
    if total is not None:
        values["rows_total"] = total
    return session.execute(_mine(export_id, started).values(**values)).rowcount == 1


def finish(session: Session, export_id: int, started: datetime, *, file_name: str,
           size: int, done: int, now: datetime) -> bool:
    return session.execute(_mine(export_id, started).values(
        status="done", file_name=file_name, bytes=size, rows_done=done, rows_total=done,
        finished_at=now, beat_at=now)).rowcount == 1


def fail(session: Session, export_id: int, started: datetime, *, error: str,
         now: datetime) -> bool:
    return session.execute(_mine(export_id, started).values(
        status="failed", error=error[:200], finished_at=now)).rowcount == 1


def new_file_name(export: Export) -> str:
    """Unguessable, so a file name alone never finds another merchant's file."""
    return f"{export.merchant_id}-{export.id}-{secrets.token_hex(8)}.{export.format}"


def write_file(read, export: Export, path: Path, report) -> int:
    """Write the export's rows to `path`, each page read in its own `read()`."""
    kind = kinds.get(export.kind)
    filters = ExportFilters().load(export.filters)
    return writers.write(path, export.format, kind.headings(export.lang),
                         kind.rows(read, export.merchant_id, filters, export.lang), report)


def count_rows(session: Session, export: Export) -> int:
    kind = kinds.get(export.kind)
    return kind.count(session, export.merchant_id, ExportFilters().load(export.filters))


def due(session: Session, now: datetime) -> list[int]:
    """Exports a job should (re)start: queued past the grace, or lost."""
    return list(session.scalars(select(Export.id).where(
        ((Export.status == "queued") & (Export.created_at < now - rules.QUEUED_GRACE))
        | ((Export.status == "running") & (Export.beat_at < now - rules.LOST_AFTER)))))


def expire(session: Session, folder: Path, now: datetime) -> int:
    """Remove files kept past KEEP_FOR; their exports read `expired`."""
    old = list(session.scalars(select(Export).where(
        Export.status == "done", Export.finished_at < now - rules.KEEP_FOR)))
    for export in old:
        with contextlib.suppress(FileNotFoundError):
            (folder / export.file_name).unlink()
        export.status = "expired"
    return len(old)


def out(export: Export, url_of) -> dict:
    """The answer: the row, its percent, and where to download it when done."""
    return {**{c: getattr(export, c) for c in (
        "id", "kind", "format", "lang", "filters", "status", "rows_total", "rows_done",
        "bytes", "error", "created_at", "finished_at")},
        "percent": rules.percent(export.rows_done, export.rows_total, export.status),
        "download_url": url_of(export) if export.status == "done" else None}
