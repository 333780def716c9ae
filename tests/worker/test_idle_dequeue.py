"""An idle worker waits out its whole blocking dequeue on every connection
of the queues' pool, also one made before the worker existed (worker.py's
cron thread enqueues the sweeps while the worker is being built). With
redis-py's default 5 s socket timeout such a connection gave up on the 10 s
BLPOP: the worker logged "Timeout reading from socket" and backed off (up to
60 s between listens), and a job that Redis popped for it at that instant
was never delivered, so its events waited for the outbox sweep."""

from __future__ import annotations

import threading
import time

from rq import Queue

from app.outbox import DISPATCH_JOB
from app.rq_worker import Worker

PUSH_AFTER_S = 6.0  # past redis-py's default 5 s, inside the worker's 10 s BLPOP


def test_a_connection_made_before_the_worker_waits_out_its_dequeue(app):
    queues = app.extensions["mall.queues"]
    queues.connection.ping()  # the cron thread's first enqueue, before the worker
    worker = Worker(list(queues.by_name.values()), connection=queues.connection)
    assert worker.dequeue_timeout == 10

    def push_later():
        time.sleep(PUSH_AFTER_S)
        queues.get("events").enqueue(DISPATCH_JOB, 1, job_id="event-1")

    pusher = threading.Thread(target=push_later)
    started = time.monotonic()
    pusher.start()
    job, queue = Queue.dequeue_any(worker.queues, worker.dequeue_timeout,
                                   connection=worker.connection)
    waited = time.monotonic() - started
    pusher.join()
    assert (job.id, queue.name) == ("event-1", "events")
    assert PUSH_AFTER_S <= waited < worker.dequeue_timeout
