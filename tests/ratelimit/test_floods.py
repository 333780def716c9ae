"""The floods that were accepted before the limits, sent again at the
default limits by 16 threads at once: exactly the limit gets through (the
count is one Lua script per window, so racing requests never pass together)."""

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


def test_racing_requests_past_one_limit_are_given_back_by_the_others(app, make, monkeypatch):
    """Alice and Bob share an address: 300 shares race from 16 threads under
    a user limit of 30 and an address limit of 45. Each window ends holding
    exactly the requests that were answered: the refused ones were taken
    back from every window that had counted them."""
    settings = app.extensions["mall.settings"]
    monkeypatch.setattr(settings, "rate_limits", {"share.user": "30/minute",
                                                  "share.ip": "45/minute"})
    people = [make.login("alice"), make.login("bob")]
    ids = [app.test_client().get("/mp/v1/me", headers=h).json["id"] for h in people]

    def send(c, i):
        return c.post("/mp/v1/shares", headers=people[i % 2],
                      json={"kind": "invite", "channel": "moments", "ttl_s": 3600 + i})

    codes = flood(app, 300, send)
    answered = [i % 2 for i, code in enumerate(codes) if code == 201]
    assert set(codes) == {201, 429}
    assert len(answered) == _count(Share) <= 45
    assert answered.count(0) <= 30 and answered.count(1) <= 30
    client = app.extensions["mall.redis"]
    assert client.llen("ratelimit:LIMITER/share/ip/127.0.0.1/45/1/minute") == len(answered)
    for who, user_id in enumerate(ids):
        assert client.llen(f"ratelimit:LIMITER/share/user/{user_id}/30/1/minute") == \
            answered.count(who)
