"""One RQ worker for every queue, with RQ's scheduler (jobs enqueued with
enqueue_at) and RQ's cron for the periodic sweeps that catch lost timers.

Run: `python worker.py` (the run command starts it beside the web server);
`python worker.py --burst` works off the queued jobs and exits (no sweeps).
Jobs run in this process (SimpleWorker) inside the app context; their
Socket.IO emits go out through a write-only message-queue manager (the
worker serves no sockets), so every app node delivers them.
"""

from __future__ import annotations

import logging
import sys
import threading

from rq import SimpleWorker
from rq.cron import CronScheduler

from app import create_app, run_startup_checks
from app.config import ConfigError, exit_refusing
from app.coupons import jobs as coupon_jobs
from app.notify import jobs as notify_jobs
from app.orders import jobs as order_jobs
from app.payments import jobs as payment_jobs
from app.rq_worker import Worker
from community import jobs as community_jobs
from community import member_jobs
from flashsale import jobs as flashsale_jobs
from groupbuy import jobs as groupbuy_jobs
from live import jobs as live_jobs
from referral import jobs as referral_jobs

# (job, queue, every N seconds): each sweep is idempotent
SWEEPS = [
    (order_jobs.sweep, "orders", 60),
    (payment_jobs.sweep, "payments", 60),
    (flashsale_jobs.sweep, "promotions", 30),
    (groupbuy_jobs.sweep, "promotions", 60),
    (referral_jobs.sweep, "referral", 300),
    (referral_jobs.tier_sweep, "referral", 3600),
    (live_jobs.sweep, "promotions", 300),
    (notify_jobs.sweep, "default", 60),
    (coupon_jobs.sweep, "promotions", 600),
    (community_jobs.sweep, "referral", 300),
    (member_jobs.sweep, member_jobs.QUEUE, 60),
    (member_jobs.tag_sweep, member_jobs.QUEUE, 3600),
]


def _cron_loop(cron: CronScheduler, stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            cron.enqueue_jobs()
        except Exception:  # keep sweeping if Redis blips
            logging.getLogger("worker").exception("cron tick failed")
        stop.wait(max(1.0, cron.calculate_sleep_interval()))


def main(argv: list[str]) -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s worker %(message)s")
    try:
        app = create_app(socketio_write_only=True)
    except ConfigError as exc:
        exit_refusing(exc)
    if "--burst" in argv:
        with app.app_context():
            queues = app.extensions["mall.queues"]
            SimpleWorker(list(queues.by_name.values()),
                         connection=queues.connection).work(burst=True)
        app.extensions["mall.db"].dispose()
        return
    run_startup_checks(app)
    with app.app_context():
        queues = app.extensions["mall.queues"]
        cron = CronScheduler(connection=queues.connection)
        for func, queue, every in SWEEPS:
            cron.register(func, queue, interval=every)
        stop = threading.Event()
        threading.Thread(target=_cron_loop, args=(cron, stop), daemon=True).start()
        worker = Worker(list(queues.by_name.values()), connection=queues.connection)
        try:
            worker.work(with_scheduler=True)
        finally:
            stop.set()
            app.extensions["mall.db"].dispose()


if __name__ == "__main__":
    main(sys.argv[1:])
