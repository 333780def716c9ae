"""Export rules: how many may run at once, when a silent job counts as lost,
how long a file is kept, and how far along an export is."""

from __future__ import annotations

from datetime import timedelta

MAX_RUNNING = 3  # queued or running, per merchant
LOST_AFTER = timedelta(minutes=2)  # a running export with no progress for this long
QUEUED_GRACE = timedelta(seconds=30)  # a queued export the job never picked up
KEEP_FOR = timedelta(days=7)
OPEN = ("queued", "running")


def percent(done: int, total: int, status: str) -> int:
    """0-100; 100 only once the file is written."""
    if status == "done":
        return 100
    if total <= 0:
        return 0
    return min(99, done * 100 // total)


def missing(needs: tuple[str, ...], filters: dict) -> list[str]:
    return [name for name in needs if filters.get(name) in (None, "")]
