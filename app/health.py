"""Health of the parts the server needs: the database and Redis. A part that
does not answer within PROBE_TIMEOUT_S is "down" and the whole is
"degraded" (HTTP 503), so a load balancer takes the node out; never a 500."""

from __future__ import annotations

import logging

import redis
from flask import Flask
from sqlalchemy import text

from app.db import transaction
from app.redis import probe_client

log = logging.getLogger(__name__)
PROBE_TIMEOUT_S = 2


def _probe_client(app: Flask) -> redis.Redis:
    """A client of its own with short timeouts: the app's pool waits its turn."""
    probe = app.extensions.get("mall.redis_probe")
    if probe is None:
        url = app.extensions["mall.settings"].redis_url
        probe = app.extensions["mall.redis_probe"] = probe_client(url, PROBE_TIMEOUT_S)
    return probe


def _db() -> None:
    with transaction() as session:
        session.execute(text("SELECT 1"))


def _state(name: str, check) -> str:
    try:
        check()
    except Exception:  # any failure of the part is "down"; the log keeps why
        log.warning("health: %s is down", name, exc_info=True)
        return "down"
    return "ok"


def report(app: Flask) -> tuple[dict, int]:
    """({"status": ok|degraded, "db": ok|down, "redis": ok|down}, HTTP status)."""
    parts = {"db": _state("db", _db), "redis": _state("redis", _probe_client(app).ping)}
    ok = all(v == "ok" for v in parts.values())
    return {"status": "ok" if ok else "degraded", **parts}, 200 if ok else 503
