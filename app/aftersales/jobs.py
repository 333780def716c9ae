"""After-sale jobs: ids in, idempotent, each request in its own transaction."""

from __future__ import annotations

import logging

from app import clock
from app.aftersales import deadlines
from app.db import transaction

log = logging.getLogger(__name__)


def deadline(after_sale_id: int) -> str:
    with transaction() as session:
        return deadlines.apply_due(session, after_sale_id, clock.now())


def sweep() -> dict[str, int]:
    """Every request whose clock ran out and whose job was lost."""
    now = clock.now()
    with transaction() as session:
        ids = deadlines.due(session, now)
    done = []
    for after_sale_id in ids:
        try:
            with transaction() as session:
                done.append(deadlines.apply_due(session, after_sale_id, now))
        except Exception:  # one request's trouble never stops the sweep
            log.exception("after-sale sweep: %s failed", after_sale_id)
            done.append("error")
    return {name: done.count(name) for name in ("approve", "close", "refund", "error")}
