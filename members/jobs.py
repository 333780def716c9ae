"""Member jobs: ids in, idempotent, each unit in its own transaction.

- recompute_tags(merchant_id): every rule tag of a merchant (set-based).
- run_send(send_id): a segment send, batch after batch until done.
- sweep(): unfinished sends (a lost job) and points expiry.
- tag_sweep(): rule tags of every merchant that has them (days since the
  last order move with the calendar, so they are recomputed periodically).
"""

from __future__ import annotations

import logging

from app import clock
from app.db import transaction
from members.points import ledger as points_ledger
from members.segments import sends as segment_sends
from members.tags import tagging as tags

log = logging.getLogger(__name__)
QUEUE = "default"


def recompute_tags(merchant_id: int) -> dict[str, int]:
    with transaction() as session:
        return tags.recompute(session, merchant_id, clock.now())


def run_send(send_id: int) -> int:
    """Returns the number of batches this call ran."""
    batches = 0
    while True:
        with transaction() as session:
            more = segment_sends.run_batch(session, send_id, clock.now())
        batches += 1
        if not more:
            return batches


def expire_points(limit: int = 500) -> int:
    """Write due expiry entries for up to `limit` members per round."""
    expired = 0
    while True:
        with transaction() as session:
            due = points_ledger.due_for_expiry(session, clock.now(), limit)
            for merchant_id, user_id in due:
                expired += points_ledger.write_expiries(session, merchant_id, user_id,
                                                        clock.now())
        if len(due) < limit:
            return expired


def sweep() -> dict[str, int]:
    with transaction() as session:
        sends = segment_sends.unfinished(session)
    for send_id in sends:
        _each(run_send, send_id)
    return {"sends": len(sends), "expired_points": expire_points()}


def tag_sweep() -> dict[str, int]:
    with transaction() as session:
        merchants = tags.merchants_with_rule_tags(session)
    return {"merchants": sum(_each(recompute_tags, m) != "error" for m in merchants)}


def _each(job, item_id: int):
    try:
        return job(item_id)
    except Exception:
        log.exception("member sweep: %s(%s) failed", job.__name__, item_id)
        return "error"

