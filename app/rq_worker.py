"""The RQ worker class the worker process runs: RQ's SimpleWorker with a
scheduler that a restarted worker takes back within seconds.

RQ keeps one scheduler lock per queue (61 s TTL, refreshed every second by
the scheduler process the worker forks) and a worker only retries a held
lock in its maintenance pass, every 10 minutes by default. A worker that
crashed therefore left every timer to the sweeps for up to 10 minutes. Here:
- the maintenance pass runs every `MAINTENANCE_S` seconds, and an idle
  worker wakes for it;
- before it retries, a lock whose holder stopped beating (not refreshed for
  `STALE_AFTER_MS`, read from the lock's own TTL, so Redis's clock decides
  and no two clocks are compared) is released, so the retry takes it;
- the forked scheduler stops when the worker that forked it is gone, so a
  `kill -9` of the worker alone leaves no orphan holding the lock.

Touches RQ's scheduler internals (lock keys, `_process`): rq is pinned.
"""

from __future__ import annotations

import os

from rq import SimpleWorker
from rq.scheduler import RQScheduler
from rq.scripts import release_lock

MAINTENANCE_S = 10
# the idle worker wakes from its dequeue every worker_ttl - 15 s to run the
# maintenance pass (RQ's default 420 s would leave it asleep for 6 minutes)
WORKER_TTL_S = 25
# a live scheduler sets its locks' TTL back to interval + 60 s every second
LOCK_TTL_MS = 61_000
STALE_AFTER_MS = 5_000


def release_stale_locks(connection, queue_names: list[str]) -> list[str]:
    """Release each queue's scheduler lock that its holder has not refreshed
    for STALE_AFTER_MS; return the queues released. The release names the
    holder, so a lock retaken meanwhile is left alone."""
    released = []
    for name in queue_names:
        key = RQScheduler.get_locking_key(name)
        holder, ttl_ms = connection.get(key), connection.pttl(key)
        if holder is None or ttl_ms < 0 or LOCK_TTL_MS - ttl_ms <= STALE_AFTER_MS:
            continue
        release_lock(connection, key, holder.decode() if isinstance(holder, bytes) else holder)
        released.append(name)
    return released


class ParentBoundScheduler(RQScheduler):
    """RQ's scheduler, stopping once the worker that forked it is gone."""

    def work(self):
        self._parent = os.getppid()
        super().work()

    def heartbeat(self):
        if os.getppid() != getattr(self, "_parent", os.getppid()):
            self.request_stop()
        super().heartbeat()


class Worker(SimpleWorker):
    """SimpleWorker whose scheduler is retaken quickly after a crash."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("maintenance_interval", MAINTENANCE_S)
        kwargs.setdefault("worker_ttl", WORKER_TTL_S)
        super().__init__(*args, **kwargs)

    def _start_scheduler(self, burst=False, logging_level="INFO", date_format=None,
                         log_format=None):
        release_stale_locks(self.connection, self.queue_names())
        self.scheduler = ParentBoundScheduler(self.queues, connection=self.connection,
                                              serializer=self.serializer)
        self.scheduler.acquire_locks()
        if not self.scheduler.acquired_locks:
            return
        if burst:
            try:
                self.scheduler.register_birth()
                self.scheduler.enqueue_scheduled_jobs()
            finally:
                self.scheduler.release_locks()
                self.scheduler.register_death()
        else:
            self.scheduler.start()

    def run_maintenance_tasks(self):
        scheduler = self.scheduler
        if scheduler and not (scheduler._process and scheduler._process.is_alive()):
            release_stale_locks(self.connection, self.queue_names())
        super().run_maintenance_tasks()
