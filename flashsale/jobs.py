"""Flash-sale jobs: ids in, idempotent, unique job ids (`fs-settle-<id>` at a
sale's end, `fs-rebuild-<id>` when a grab finds the sale missing; queued by
flows.py by name). The sweep reconciles every unsettled sale and catches
lost jobs."""

from __future__ import annotations

from flashsale import flows, recovery


def rebuild(activity_id: int) -> int:
    return flows.load(activity_id)


def settle(activity_id: int) -> int | None:
    return recovery.settle(activity_id)


def sweep() -> dict[int, dict]:
    return recovery.sweep()
