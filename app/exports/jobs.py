"""The export job: claim the export, count its rows, write the file aside
with progress on the row (each report its own short transaction), then move
it into place and mark it done. Ids in, idempotent: a second run finds the
export claimed or done and does nothing. The sweep restarts queued exports
no job picked up and lost ones, and removes files past their keep."""

from __future__ import annotations

import contextlib
import logging

from app import clock
from app.db import transaction
from app.exports import files, service
from app.exports.models import Export
from app.queue import enqueue

QUEUE = "default"
log = logging.getLogger(__name__)


def schedule(session, export_id: int) -> None:
    enqueue(session, "app.exports.jobs.run_export", export_id, queue=QUEUE,
            job_id=f"export-{export_id}")


def run_export(export_id: int) -> bool:
    with transaction() as session:
        started = service.claim(session, export_id, clock.now())
    if started is None:
        return False
    folder = files.folder()
    temp = None
    try:
        with transaction() as session:
            export = session.get(Export, export_id)
            total = service.count_rows(session, export)
            name = service.new_file_name(export)
            service.progress(session, export_id, started, done=0, total=total, now=clock.now())
        temp = folder / f".{name}.part"

        def report(done: int) -> None:
            with transaction() as s:
                if not service.progress(s, export_id, started, done=done, now=clock.now()):
                    raise Superseded()

        done = service.write_file(transaction, export, temp, report)
        temp.replace(folder / name)
        with transaction() as session:
            ok = service.finish(session, export_id, started, file_name=name,
                                size=(folder / name).stat().st_size, done=done, now=clock.now())
        if not ok:
            (folder / name).unlink(missing_ok=True)
        return ok
    except Superseded:
        return False
    except Exception as exc:
        log.exception("export %s failed", export_id)
        with transaction() as session:
            service.fail(session, export_id, started, error=f"{type(exc).__name__}: {exc}",
                         now=clock.now())
        return False
    finally:
        if temp is not None:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()


class Superseded(Exception):
    """Another runner took this export over (this one went silent too long)."""


def sweep() -> dict[str, int]:
    now = clock.now()
    with transaction() as session:
        due = service.due(session, now)
        expired = service.expire(session, files.folder(), now)
    for export_id in due:
        enqueue(None, "app.exports.jobs.run_export", export_id, queue=QUEUE,
                job_id=f"export-{export_id}")
    return {"restarted": len(due), "expired": expired}
