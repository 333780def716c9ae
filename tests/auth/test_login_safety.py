"""Login and token edge cases: racing first logins, tokens for users that are
gone or ids out of range, and no development login in production."""

from __future__ import annotations

import threading

from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import func, select

from app.auth import tokens
from app.auth.models import User
from app.db import transaction


def _users() -> int:
    with transaction() as s:
        return s.scalar(select(func.count()).select_from(User))


def _race_first_logins(app, person: str, n: int = 8) -> list[tuple[int, object]]:
    barrier = threading.Barrier(n)
    results = []

    def log_in(i):
        barrier.wait()
        resp = app.test_client().post("/mp/v1/auth/login", json={"code": f"{person}:{i}"})
        results.append((resp.status_code, resp.json["user"]["id"] if resp.status_code == 200
                        else resp.json))

    threads = [threading.Thread(target=log_in, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


def test_racing_first_logins_of_one_person_make_one_user(app):
    """Ten new people, each logging in with eight fresh codes at once (a real
    race on PostgreSQL): every login succeeds, one user per person."""
    for k in range(10):
        results = _race_first_logins(app, f"zed{k}")
        assert [code for code, _ in results] == [200] * 8, results
        assert len({uid for _, uid in results}) == 1
    assert _users() == 10


def test_token_of_a_user_that_is_gone_is_invalid(app, client):
    token = tokens.issue("test-secret", 424242)
    headers = {"Authorization": f"Bearer {token}"}
    for method, path, body in (("get", "/mp/v1/me", None),
                               ("post", "/mp/v1/orders", {"lines": [{"sku_id": 1,
                                                                     "quantity": 1}]})):
        resp = getattr(client, method)(path, headers=headers, json=body)
        assert (resp.status_code, resp.json["error"]["code"]) == (401, "invalid_token")


def test_token_uid_must_be_a_64_bit_id(client):
    signer = URLSafeTimedSerializer("test-secret", salt=tokens.SALT)
    for uid in (2**63, 2**70, 0, -1, True, "1", None):
        token = signer.dumps({"uid": uid})
        resp = client.get("/mp/v1/me", headers={"Authorization": f"Bearer {token}"})
        assert (resp.status_code, resp.json["error"]["code"]) == (401, "invalid_token"), uid


def test_production_refuses_the_development_login(app, client, monkeypatch, redis):
    settings = app.extensions["mall.settings"]
    monkeypatch.setattr(settings, "app_env", "production")
    resp = client.post("/mp/v1/auth/login", json={"code": "merchant:1"})
    assert resp.status_code == 503
    assert resp.json["error"] == {"code": "login_not_configured", "details": {},
                                  "message": "WeChat login is not configured on this server."}
    assert _users() == 0
    assert redis.keys("auth:code:*") == []
