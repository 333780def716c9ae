"""A crashed worker's scheduler is taken back within 60 s: the real
`python worker.py` on the test session's database and Redis, killed with
SIGKILL and started again (the production code path, default settings)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from rq.scheduler import RQScheduler

from app.queue import QUEUES

ROOT = Path(__file__).resolve().parents[2]
LIFETIME_S = 180
TAKEOVER_LIMIT_S = 60


@pytest.fixture
def start_worker(app, tmp_path):
    settings = app.extensions["mall.settings"]
    procs: list[subprocess.Popen] = []

    def start() -> subprocess.Popen:
        env = {k: v for k, v in os.environ.items() if not k.startswith("SOCKETIO_")}
        env.update(DATABASE_URL=settings.database_url, REDIS_URL=settings.redis_url,
                   SECRET_KEY=settings.secret_key, INSTANCE_DIR=str(tmp_path),
                   SOCKETIO_CHANNEL=f"worker-test-{uuid.uuid4().hex}", PYTHONUNBUFFERED="1")
        log = open(tmp_path / f"worker-{len(procs)}.log", "wb")  # noqa: SIM115 - kept open
        proc = subprocess.Popen([sys.executable, "worker.py"], cwd=ROOT, env=env, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)
        procs.append(proc)
        return proc

    yield start
    for proc in procs:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


def holders(conn) -> dict[str, str | None]:
    out = {}
    for name in QUEUES:
        value = conn.get(RQScheduler.get_locking_key(name))
        out[name] = value.decode() if value else None
    return out


def wait_for(predicate, limit_s: float):
    """Seconds until predicate() is true; fails past limit_s."""
    start = time.monotonic()
    while time.monotonic() - start < limit_s:
        if predicate():
            return time.monotonic() - start
        time.sleep(0.25)
    pytest.fail(f"not within {limit_s}s")


def _held_by_one(conn) -> str | None:
    names = set(holders(conn).values())
    return names.pop() if len(names) == 1 and None not in names else None


def _crash_and_restart(conn, start_worker, kill) -> tuple[float, str, str]:
    first = start_worker()
    wait_for(lambda: _held_by_one(conn), LIFETIME_S / 3)
    old = _held_by_one(conn)
    kill(first)
    first.wait(timeout=10)
    start_worker()
    took = wait_for(lambda: _held_by_one(conn) not in (None, old), TAKEOVER_LIMIT_S)
    print(f"scheduler retaken {took:.1f} s after the restart")  # shown with -s
    return took, old, _held_by_one(conn)


def test_a_worker_killed_with_its_scheduler_is_replaced_within_60s(app, start_worker):
    conn = app.extensions["mall.queues"].connection
    took, old, new = _crash_and_restart(conn, start_worker,
                                        lambda p: os.killpg(p.pid, signal.SIGKILL))
    assert old != new and took < TAKEOVER_LIMIT_S
    wait_for(lambda: conn.exists(f"rq:scheduler:{new}") == 1, 10)  # the new one beats


def test_a_worker_killed_alone_leaves_no_orphan_scheduler(app, start_worker):
    """SIGKILL to the worker only: its forked scheduler notices and stops,
    releasing the locks, and the new worker takes them."""
    conn = app.extensions["mall.queues"].connection
    took, old, new = _crash_and_restart(conn, start_worker,
                                        lambda p: os.kill(p.pid, signal.SIGKILL))
    assert old != new and took < TAKEOVER_LIMIT_S
    wait_for(lambda: conn.exists(f"rq:scheduler:{old}") == 0, 10)
