"""What features call (after their commit, or through `*_after_commit`):
the work runs in jobs on the default queue, so a request never waits on
WeChat."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy.orm import Session

from app.db import after_commit
from app.queue import enqueue
from app.subscribe_messages.templates import NO_TARGET, START_EVENTS, Target, lookup

QUEUE = "default"
JOBS = "app.subscribe_messages.jobs"


def announce(event: str, *, user_ids: Iterable[int], target: Target = NO_TARGET,
             data: dict, key: str | None = None) -> None:
    """Send `event` to those of `user_ids` who subscribed (one credit each)."""
    users = sorted(set(user_ids))
    if not users:
        return
    digest = hashlib.sha1(repr((event, target, users, key)).encode()).hexdigest()[:16]
    enqueue(None, f"{JOBS}.fan_out", event, target.kind, target.id, users, data, key,
            queue=QUEUE, job_id=f"notify-fanout-{digest}")


def announce_after_commit(session: Session, event: str, **kwargs) -> None:
    after_commit(session, lambda: announce(event, **kwargs))


def start_after_commit(session: Session, kind: str, target_id: int) -> None:
    """The sale or room has started: remind its subscribers (a job, now)."""
    after_commit(session, lambda: schedule_start(kind, target_id))


def start_when_due(session: Session, target: Target, now: datetime) -> None:
    """After the commit, set the start-reminder job for the target's start
    time (a sale's; a room has none: its host going live calls
    `start_after_commit`)."""
    find = lookup(target.kind) if target.kind in START_EVENTS else None
    info = find(session, target.id, now) if find else None
    if info is not None and info.starts_at is not None and not info.started:
        when = info.starts_at
        after_commit(session, lambda: schedule_start(target.kind, target.id, when))


def schedule_start(kind: str, target_id: int, when: datetime | None = None) -> None:
    """The start-reminder job, at `when` (None: now); one job id per target."""
    enqueue(None, f"{JOBS}.start", kind, target_id, queue=QUEUE,
            job_id=f"notify-start-{kind}-{target_id}", at=when)


def schedule_delivery(message_id: int, attempt: int, when: datetime | None = None) -> None:
    enqueue(None, f"{JOBS}.deliver", message_id, queue=QUEUE,
            job_id=f"notify-deliver-{message_id}-{attempt}", at=when)
