"""Password sign-in, the session cookie, idle and absolute limits, sign-out,
sign out everywhere, and CSRF on cookie requests."""

from __future__ import annotations

from datetime import timedelta

from app import clock
from tests.console_auth.conftest import PASSWORD, give_password, sign_in


def _owner(make, name="olga"):
    mid = make.merchant(name, "Olga's Tea")
    give_password(make, name)
    return mid


def test_sign_in_sets_an_httponly_lax_cookie_and_answers_the_session(client, make):
    mid = _owner(make)
    resp = sign_in(client, "OLGA ")
    assert resp.status_code == 200
    cookie = resp.headers["Set-Cookie"]
    assert cookie.startswith("mall_console=")
    parts = [p.strip() for p in cookie.split(";")]
    assert "HttpOnly" in parts and "SameSite=Lax" in parts and "Path=/" in parts
    assert "Secure" not in parts  # not production
    body = resp.json
    assert body["user"] == {"id": make.user("olga"), "nickname": "olga"}
    assert len(body["csrf_token"]) >= 40
    assert body["roles"] == [{"role": "merchant_owner", "scope_type": "merchant",
                              "scope_id": mid, "scope_name": "Olga's Tea"}]
    assert body["merchants"] == [{"id": mid, "name": "Olga's Tea", "status": "active"}]
    assert body["permissions"] == ["orders", "catalog", "marketing", "live", "distribution",
                                   "finance", "community", "members", "settings", "staff"]
    again = client.get("/api/v1/console/session")
    assert again.status_code == 200 and again.json == body
    assert again.headers["Cache-Control"] == "no-store"


def test_wrong_login_and_wrong_password_answer_the_same(client, make):
    _owner(make)
    wrong_pw = sign_in(client, "olga", "not-the-password")
    no_login = sign_in(client, "nobody", PASSWORD)
    assert wrong_pw.status_code == no_login.status_code == 401
    assert wrong_pw.json == no_login.json
    assert wrong_pw.json["error"]["code"] == "bad_credentials"
    assert "Set-Cookie" not in wrong_pw.headers
    assert client.get("/api/v1/console/session").json["error"]["code"] == "not_signed_in"


def test_a_user_without_a_staff_role_cannot_sign_in(client, make):
    give_password(make, "bob")
    assert sign_in(client, "bob").json["error"]["code"] == "bad_credentials"


def test_attempts_are_limited_per_login(app, client, make):
    _owner(make)
    limits = app.extensions["mall.settings"].rate_limits
    saved = dict(limits)
    limits["staff_login.user"] = "3/minute"
    try:
        codes = [sign_in(client, "olga", "wrong-password").status_code for _ in range(3)]
        refused = sign_in(client, "olga")
        other = sign_in(client, "someone-else")
    finally:
        limits.clear()
        limits.update(saved)
    assert codes == [401, 401, 401]
    assert refused.status_code == 429 and refused.json["error"]["code"] == "rate_limited"
    assert int(refused.headers["Retry-After"]) >= 1
    assert other.status_code == 401  # another login still tries


def test_attempts_are_limited_per_ip(app, client, make):
    _owner(make)
    limits = app.extensions["mall.settings"].rate_limits
    saved = dict(limits)
    limits["staff_login.ip"] = "2/minute"
    try:
        codes = [sign_in(client, f"login{i}").status_code for i in range(3)]
    finally:
        limits.clear()
        limits.update(saved)
    assert codes == [401, 401, 429]


def test_idle_timeout_slides_and_then_signs_out(client, make):
    _owner(make)
    sign_in(client, "olga")
    clock.advance(timedelta(minutes=29))
    assert client.get("/api/v1/console/session").status_code == 200  # moves last seen
    clock.advance(timedelta(minutes=29))
    assert client.get("/api/v1/console/session").status_code == 200
    clock.advance(timedelta(minutes=30))
    resp = client.get("/api/v1/console/session")
    assert resp.status_code == 401 and resp.json["error"]["code"] == "not_signed_in"


def test_absolute_max_age_ends_a_busy_session(client, make):
    _owner(make)
    sign_in(client, "olga")
    for _ in range(11 * 4):  # busy every 15 minutes for 11 hours
        clock.advance(timedelta(minutes=15))
        assert client.get("/api/v1/console/session").status_code == 200
    clock.advance(timedelta(minutes=59, seconds=59))
    assert client.get("/api/v1/console/session").status_code == 401  # 12 h after sign-in


def test_sign_out_needs_the_csrf_token_and_ends_the_session(client, make):
    _owner(make)
    csrf = sign_in(client, "olga").json["csrf_token"]
    refused = client.delete("/api/v1/console/session")
    assert refused.status_code == 403 and refused.json["error"]["code"] == "csrf_failed"
    raw = client.get_cookie("mall_console").value
    resp = client.delete("/api/v1/console/session", headers={"X-CSRF-Token": csrf})
    assert resp.status_code == 204
    assert client.get_cookie("mall_console") is None
    client.set_cookie("mall_console", raw)  # the old cookie, replayed
    assert client.get("/api/v1/console/session").json["error"]["code"] == "not_signed_in"


def test_the_cookie_calls_staff_routes_and_unsafe_ones_need_csrf(client, make):
    mid = _owner(make)
    csrf = sign_in(client, "olga").json["csrf_token"]
    assert client.get(f"/api/v1/merchants/{mid}/products").status_code == 200
    body = {"title": "Green tea", "skus": [{"price_fen": 1000, "stock": 5}]}
    refused = client.post(f"/api/v1/merchants/{mid}/products", json=body)
    assert refused.status_code == 403 and refused.json["error"]["code"] == "csrf_failed"
    wrong = client.post(f"/api/v1/merchants/{mid}/products", json=body,
                        headers={"X-CSRF-Token": csrf[:-1] + "x"})
    assert wrong.json["error"]["code"] == "csrf_failed"
    ok = client.post(f"/api/v1/merchants/{mid}/products", json=body,
                     headers={"X-CSRF-Token": csrf})
    assert ok.status_code == 201


def test_a_bearer_post_needs_no_csrf_token(client, make):
    mid = make.merchant("olga")
    headers = make.login("olga")
    resp = client.post(f"/api/v1/merchants/{mid}/products", headers=headers,
                       json={"title": "Green tea", "skus": [{"price_fen": 1000, "stock": 5}]})
    assert resp.status_code == 201


def test_the_cookie_does_not_sign_in_the_mini_program_api(client, make):
    _owner(make)
    sign_in(client, "olga")
    assert client.get("/mp/v1/me").status_code == 401


def test_revoke_all_ends_every_session_and_bearer_token(app, make):
    _owner(make)
    first, second = app.test_client(), app.test_client()
    csrf = sign_in(first, "olga").json["csrf_token"]
    sign_in(second, "olga")
    bearer = make.login("olga")
    assert first.get("/mp/v1/me", headers=bearer).status_code == 200
    resp = first.post("/api/v1/console/session/revoke-all", headers={"X-CSRF-Token": csrf})
    assert resp.status_code == 204
    assert second.get("/api/v1/console/session").json["error"]["code"] == "not_signed_in"
    assert first.get("/api/v1/console/session").status_code == 401
    assert first.get("/mp/v1/me", headers=bearer).json["error"]["code"] == "token_revoked"
