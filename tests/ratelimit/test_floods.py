"""The floods that were accepted before the limits, sent again at the
default limits by 16 threads at once: exactly the limit gets through (the
count is one Lua script per hit, so racing requests never pass together)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from app.auth.models import User
from app.db import transaction
from app.sharing.models import Share

THREADS = 16


@pytest.fixture
def defaults(app, monkeypatch):
    """The shipped defaults (app/ratelimit.py) instead of the suite's generous limits."""
    monkeypatch.setattr(app.extensions["mall.settings"], "rate_limits", {})


def flood(app, n: int, send) -> list[int]:
    """send(client, i) n times from THREADS threads released together; the statuses."""
    local = threading.local()
    start = threading.Barrier(THREADS)

    def one(i):
        if not hasattr(local, "client"):
            local.client = app.test_client()
            start.wait(timeout=30)
        return send(local.client, i).status_code

    with ThreadPoolExecutor(THREADS) as pool:
        return list(pool.map(one, range(n)))


def _count(model) -> int:
    with transaction() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_300_logins_of_one_person(app, defaults):
    codes = flood(app, 300, lambda c, i: c.post("/mp/v1/auth/login",
                                                json={"code": f"alice:{i}"}))
    assert (codes.count(200), codes.count(429)) == (10, 290)  # RATE_LIMIT_LOGIN_USER


def test_300_new_accounts_from_one_address(app, defaults):
    codes = flood(app, 300, lambda c, i: c.post("/mp/v1/auth/login",
                                                json={"code": f"person{i}:1"}))
    assert (codes.count(200), codes.count(429)) == (60, 240)  # RATE_LIMIT_LOGIN_IP
    assert _count(User) == 60


def test_300_shares_by_one_user(app, make, defaults):
    alice = make.login("alice")
    codes = flood(app, 300, lambda c, i: c.post(
        "/mp/v1/shares", headers=alice,
        json={"kind": "invite", "channel": "moments", "ttl_s": 3600 + i}))
    assert (codes.count(201), codes.count(429)) == (30, 270)  # RATE_LIMIT_SHARE_USER
    assert _count(Share) == 30
