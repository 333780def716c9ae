"""RQ queues. Jobs take ids, are idempotent, and carry unique job ids.

Queues share one Redis connection made without response decoding (RQ stores
pickled payloads). Enqueue after the commit: `app.db.after_commit`.
"""

from __future__ import annotations

from datetime import datetime

import redis
from flask import current_app
from rq import Queue, Retry

QUEUES = ("default", "orders", "payments", "promotions", "referral")


class Queues:
    def __init__(self, url: str):
        self.connection = redis.Redis.from_url(url)
        self.by_name = {name: Queue(name, connection=self.connection) for name in QUEUES}

    def get(self, name: str) -> Queue:
        return self.by_name[name]

    def enqueue(self, name: str, func, *args, job_id: str | None = None):
        return self.get(name).enqueue(func, *args, job_id=job_id,
                                      retry=Retry(max=3, interval=[5, 30, 120]))

    def enqueue_at(self, name: str, when: datetime, func, *args, job_id: str | None = None):
        if when.tzinfo is None:
            raise ValueError("enqueue_at needs timezone-aware UTC")
        return self.get(name).enqueue_at(when, func, *args, job_id=job_id,
                                         retry=Retry(max=3, interval=[5, 30, 120]))


def queues() -> Queues:
    return current_app.extensions["mall.queues"]
