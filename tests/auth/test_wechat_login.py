"""POST /mp/v1/auth/login: WeChat code2session over real HTTP (a local fake
WeChat server), the development resolver, and our own signed, expiring tokens.

The session_key WeChat hands out stays on the server: it is stored on the
user row and appears in no response body.
"""

from __future__ import annotations

import base64
import json
import socket
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import func, select

from app.auth import tokens
from app.auth.models import User
from app.db import transaction
from tests.loopback import serving_thread

SESSION_KEY = "SK-SECRET-1"

# js_code -> (HTTP body) the fake WeChat answers with
ANSWERS: dict[str, bytes] = {
    "good-1": json.dumps({"openid": "o-good", "session_key": SESSION_KEY,
                          "unionid": "u-1"}).encode(),
    "c40029": json.dumps({"errcode": 40029, "errmsg": "invalid code"}).encode(),
    "c45011": json.dumps({"errcode": 45011, "errmsg": "api minute-quota reach limit"}).encode(),
    "c40226": json.dumps({"errcode": 40226, "errmsg": "code blocked"}).encode(),
    "c40163": json.dumps({"errcode": 40163, "errmsg": "code been used"}).encode(),
    "cminus1": json.dumps({"errcode": -1, "errmsg": "system error"}).encode(),
    "c99999": json.dumps({"errcode": 99999, "errmsg": "something new"}).encode(),
    "garbage": b"<html>502 Bad Gateway</html>",
    "noopenid": b"{}",
    "jsonlist": b"[]",
}


class FakeWeChat:
    """A real HTTP server on 127.0.0.1 that plays GET /sns/jscode2session."""

    def __init__(self):
        self.queries: list[dict[str, str]] = []
        self.paths: list[str] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's name
                url = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                fake.paths.append(url.path)
                fake.queries.append(query)
                body = ANSWERS.get(query.get("js_code", ""), b"{}")
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = serving_thread(self.server)

    def calls_with(self, js_code: str) -> int:
        return sum(1 for q in self.queries if q.get("js_code") == js_code)


@pytest.fixture
def settings(app):
    return app.extensions["mall.settings"]


@pytest.fixture
def wechat(settings, monkeypatch):
    """WeChat configured and pointed at a fake server, for this test only."""
    fake = FakeWeChat()
    fake.thread.start()
    monkeypatch.setattr(settings, "wechat_appid", "wxAPPID")
    monkeypatch.setattr(settings, "wechat_secret", "SECRET")
    monkeypatch.setattr(settings, "wechat_api_base", f"http://127.0.0.1:{fake.port}")
    yield fake
    fake.server.shutdown()
    fake.server.server_close()
    fake.thread.join(timeout=5)


@pytest.fixture
def dev(settings, monkeypatch):
    """WeChat not configured: the development resolver answers."""
    monkeypatch.setattr(settings, "wechat_appid", "")
    monkeypatch.setattr(settings, "wechat_secret", "")
    assert not settings.wechat_configured


def login(client, code):
    return client.post("/mp/v1/auth/login", json={"code": code})


def error_code(resp) -> str:
    return resp.get_json()["error"]["code"]


def user_count() -> int:
    with transaction() as s:
        return s.scalar(select(func.count()).select_from(User))


def user_row(openid: str) -> User:
    with transaction() as s:
        return s.scalars(select(User).where(User.openid == openid)).one()


def closed_port() -> int:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


# --- WeChat configured ---------------------------------------------------------


def test_login_calls_code2session_and_keeps_session_key_on_server(client, wechat):
    resp = login(client, "good-1")

    assert resp.status_code == 200, resp.get_json()
    assert wechat.paths == ["/sns/jscode2session"]
    assert wechat.queries == [{"appid": "wxAPPID", "secret": "SECRET", "js_code": "good-1",
                               "grant_type": "authorization_code"}]
    body = resp.get_json()
    assert isinstance(body["token"], str) and body["token"]
    assert body["expires_in"] == 7 * 24 * 3600
    assert set(body["user"]) == {"id", "nickname", "avatar_url", "created_at"}
    raw = resp.get_data(as_text=True)
    assert SESSION_KEY not in raw
    assert "session_key" not in raw

    row = user_row("o-good")
    assert row.id == body["user"]["id"]
    assert row.session_key == SESSION_KEY
    assert row.unionid == "u-1"
    assert user_count() == 1

    me = client.get("/mp/v1/me", headers={"Authorization": f"Bearer {body['token']}"})
    assert me.status_code == 200
    assert me.get_json()["id"] == row.id
    me_raw = me.get_data(as_text=True)
    assert SESSION_KEY not in me_raw
    assert "session_key" not in me_raw


@pytest.mark.parametrize(("code", "status", "error", "errcode"), [
    ("c40029", 401, "invalid_code", 40029),
    ("c45011", 429, "wechat_rate_limited", 45011),
    ("c40226", 403, "user_blocked", 40226),
    ("c40163", 401, "code_used", 40163),
    ("cminus1", 503, "wechat_unavailable", -1),
    ("c99999", 502, "wechat_error", 99999),
])
def test_wechat_errcodes_map_to_clear_errors(client, wechat, code, status, error, errcode):
    resp = login(client, code)

    assert resp.status_code == status
    assert error_code(resp) == error
    assert resp.get_json()["error"]["details"] == {"errcode": errcode}
    assert wechat.calls_with(code) == 1
    assert user_count() == 0


def test_non_json_answer_is_wechat_unavailable(client, wechat):
    resp = login(client, "garbage")

    assert resp.status_code == 503
    assert error_code(resp) == "wechat_unavailable"
    assert wechat.calls_with("garbage") == 1
    assert user_count() == 0


def test_json_that_is_not_an_object_is_wechat_unavailable(client, wechat):
    resp = login(client, "jsonlist")

    assert resp.status_code == 503
    assert error_code(resp) == "wechat_unavailable"
    assert user_count() == 0


def test_code_is_not_used_up_by_a_wechat_outage(client, settings, monkeypatch, wechat):
    """An outage answers 503; the same code then logs in once WeChat is back."""
    base = settings.wechat_api_base
    monkeypatch.setattr(settings, "wechat_api_base", f"http://127.0.0.1:{closed_port()}")
    assert login(client, "good-1").status_code == 503
    monkeypatch.setattr(settings, "wechat_api_base", base)

    assert login(client, "good-1").status_code == 200
    assert error_code(login(client, "good-1")) == "code_used"
    assert wechat.calls_with("good-1") == 1
    assert user_count() == 1


def test_answer_without_openid_is_wechat_error(client, wechat):
    resp = login(client, "noopenid")

    assert resp.status_code == 502
    assert error_code(resp) == "wechat_error"
    assert wechat.calls_with("noopenid") == 1
    assert user_count() == 0


def test_unreachable_wechat_is_wechat_unavailable(client, settings, monkeypatch):
    monkeypatch.setattr(settings, "wechat_appid", "wxAPPID")
    monkeypatch.setattr(settings, "wechat_secret", "SECRET")
    monkeypatch.setattr(settings, "wechat_api_base", f"http://127.0.0.1:{closed_port()}")

    resp = login(client, "good-1")

    assert resp.status_code == 503
    assert error_code(resp) == "wechat_unavailable"
    assert user_count() == 0


def test_same_code_twice_is_code_used_without_asking_wechat_again(client, wechat):
    first = login(client, "good-1")
    second = login(client, "good-1")

    assert first.status_code == 200
    assert second.status_code == 401
    assert error_code(second) == "code_used"
    assert wechat.calls_with("good-1") == 1
    assert user_count() == 1


# --- development resolver ------------------------------------------------------


def test_dev_codes_of_one_person_log_in_the_same_user(client, dev):
    alice1 = login(client, "alice:1")
    alice2 = login(client, "alice:2")
    bob1 = login(client, "bob:1")

    assert [r.status_code for r in (alice1, alice2, bob1)] == [200, 200, 200]
    assert alice1.get_json()["user"]["id"] == alice2.get_json()["user"]["id"]
    assert bob1.get_json()["user"]["id"] != alice1.get_json()["user"]["id"]
    assert user_count() == 2
    for resp in (alice1, alice2, bob1):
        assert "session_key" not in resp.get_data(as_text=True)


@pytest.mark.parametrize(("code", "status", "error"), [
    ("a b", 401, "invalid_code"),
    ("x;drop", 401, "invalid_code"),
    (":1", 401, "invalid_code"),
    ("", 422, "validation_error"),
    ("x" * 129, 422, "validation_error"),
])
def test_bad_dev_codes_are_refused(client, dev, code, status, error):
    resp = login(client, code)

    assert resp.status_code == status
    assert error_code(resp) == error
    assert user_count() == 0


def test_longest_allowed_code_logs_in(client, dev):
    assert login(client, "x" * 128).status_code == 200


# --- tokens --------------------------------------------------------------------


@pytest.fixture
def token(client, dev) -> str:
    resp = login(client, "carol:1")
    assert resp.status_code == 200
    return resp.get_json()["token"]


def _other_uid_payload(token: str) -> str:
    """Keep the signature, swap the payload for another user id."""
    _, timestamp, signature = token.split(".")
    payload = base64.urlsafe_b64encode(b'{"uid":999}').decode().rstrip("=")
    return f"{payload}.{timestamp}.{signature}"


def _flipped_signature(token: str) -> str:
    head, _, signature = token.rpartition(".")
    flipped = "".join("B" if ch == "A" else "A" for ch in signature)
    return f"{head}.{flipped}"


@pytest.mark.parametrize("tamper", [
    _other_uid_payload,
    _flipped_signature,
    lambda t: tokens.issue("another-secret", 1),
    lambda t: "not-a-token",
])
def test_tampered_token_is_invalid(client, token, tamper):
    resp = client.get("/mp/v1/me", headers={"Authorization": f"Bearer {tamper(token)}"})

    assert resp.status_code == 401
    assert error_code(resp) == "invalid_token"


def test_good_token_passes(client, token):
    assert client.get("/mp/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code \
        == 200


@pytest.mark.parametrize("header", ["Basic xyz", "Bearer", "Token abc"])
def test_other_schemes_or_empty_bearer_are_invalid(client, token, header):
    resp = client.get("/mp/v1/me", headers={"Authorization": header})

    assert resp.status_code == 401
    assert error_code(resp) == "invalid_token"


def test_missing_header_is_unauthorized(client):
    resp = client.get("/mp/v1/me")

    assert resp.status_code == 401
    assert error_code(resp) == "unauthorized"


def test_expired_token(client, token, settings, monkeypatch):
    monkeypatch.setattr(settings, "token_max_age_s", -1)

    resp = client.get("/mp/v1/me", headers={"Authorization": f"Bearer {token}"})

    assert resp.status_code == 401
    assert error_code(resp) == "token_expired"
