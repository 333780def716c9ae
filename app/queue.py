"""RQ queues and the one way to enqueue a job.

A job is named by its dotted path ("app.orders.jobs.expire_unpaid"), so the
code that schedules it never imports the jobs module (which imports the use
cases: no import cycle). It is enqueued after the caller's commit (a job
must see what the transaction wrote, and never runs for a rolled-back one),
always under a unique job id (a repeat overwrites, never doubles), and with
RQ's retries. A feature declares its jobs in its `feature.py`; a name that
no feature declared is refused at once. Jobs take ids and are idempotent;
each periodic sweep catches what a lost job missed.

Queues share one Redis connection made without response decoding (RQ stores
pickled payloads), whose every socket waits SOCKET_TIMEOUT_S for an answer.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import redis
from flask import current_app
from rq import Queue, Retry
from sqlalchemy.orm import Session

from app.db import after_commit

QUEUES = ("default", "orders", "payments", "promotions", "referral", "events")
RETRY_INTERVALS_S = [5, 30, 120]
# A worker blocks in BLPOP for up to 10 s (app/rq_worker.py) on this pool, and
# RQ wants its sockets to wait 10 s more. Every connection gets that from the
# start: redis-py's default (5 s) stayed on connections made before the worker
# raised the pool's setting (the cron thread enqueues first), and a read that
# gives up before the BLPOP loses a job Redis pops for it at that instant.
SOCKET_TIMEOUT_S = 20

_jobs: dict[str, Callable] = {}


def job_name(func: Callable) -> str:
    return f"{func.__module__}.{func.__name__}"


def declare(func: Callable) -> str:
    """Make `func` enqueueable by its dotted name (features declare their jobs)."""
    name = job_name(func)
    _jobs[name] = func
    return name


def declared() -> frozenset[str]:
    return frozenset(_jobs)


class Queues:
    def __init__(self, url: str):
        self.connection = redis.Redis.from_url(url, socket_timeout=SOCKET_TIMEOUT_S)
        self.by_name = {name: Queue(name, connection=self.connection) for name in QUEUES}

    def get(self, name: str) -> Queue:
        return self.by_name[name]

    def put(self, queue: str, job: str, args: tuple, *, job_id: str,
            at: datetime | None = None):
        if job not in _jobs:
            raise KeyError(f"job {job!r} is declared by no feature")
        retry = Retry(max=len(RETRY_INTERVALS_S), interval=RETRY_INTERVALS_S)
        if at is None:
            return self.get(queue).enqueue(job, *args, job_id=job_id, retry=retry)
        if at.tzinfo is None:
            raise ValueError("a job's time must be timezone-aware UTC")
        return self.get(queue).enqueue_at(at, job, *args, job_id=job_id, retry=retry)


def queues() -> Queues:
    return current_app.extensions["mall.queues"]


def enqueue(session: Session | None, job: str, *args, queue: str, job_id: str,
            at: datetime | None = None) -> None:
    """Enqueue `job` (dotted name) with `args` on `queue` under `job_id`,
    to run now or at `at`: once `session` commits, or at once when there
    is no transaction (a sweep, or a job between its transactions)."""
    if job not in _jobs:  # refused in the caller's transaction, not after it
        raise KeyError(f"job {job!r} is declared by no feature")
    target = queues()

    def put() -> None:
        target.put(queue, job, args, job_id=job_id, at=at)

    if session is None:
        put()
    else:
        after_commit(session, put)
