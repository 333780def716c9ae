"""Flash-sale jobs: ids in, idempotent, unique job ids. Each sale's end has a
settle job; the sweep reconciles every unsettled sale and catches lost jobs."""

from __future__ import annotations

from datetime import datetime

from app.queue import queues
from flashsale import flows, recovery


def rebuild(activity_id: int) -> int:
    return flows.load(activity_id)


def settle(activity_id: int) -> int | None:
    return recovery.settle(activity_id)


def sweep() -> dict[int, dict]:
    return recovery.sweep()


def schedule_settle(activity_id: int, at: datetime) -> None:
    queues().enqueue_at("promotions", at, settle, activity_id,
                        job_id=f"fs-settle-{activity_id}")
