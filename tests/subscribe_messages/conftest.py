"""Notify fixtures: a WeChat API stand-in on a loopback HTTP server (a real
server, not a mock: it checks what it is sent and answers as WeChat does),
settings pointing at it, users, and the default queue worked off."""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import insert, select

from app import clock
from app.auth import tokens
from app.auth.models import User
from app.auth.wechat import DevResolver
from app.db import transaction
from tests.loopback import serving_thread

APPID, SECRET = "wx-test-app", "wx-test-secret"
TEMPLATES = {"group_almost_full": "TPL_ALMOST", "flash_sale_starting": "TPL_FLASH",
             "live_starting": "TPL_LIVE", "group_completed": "TPL_DONE"}


class FakeWeChat:
    """What /cgi-bin/token and /cgi-bin/message/subscribe/send were asked,
    and what they answer: tokens tok-1, tok-2, ...; `answers` is the errcode
    of each next send (0 once they run out); a send with a token in `expired`
    gets 42001."""

    def __init__(self):
        self.token_calls: list[dict] = []
        self.sends: list[tuple[str, dict]] = []  # (access_token, body)
        self.answers: list[int] = []
        self.expired: set[str] = set()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args):
                pass

            def _answer(self, body: dict) -> None:
                raw = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def do_GET(self):  # noqa: N802
                url = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                if url.path == "/sns/jscode2session":  # logins: the factory's users
                    who = DevResolver().resolve(query.get("js_code", "x"))
                    return self._answer({"openid": who.openid, "session_key": "k"})
                if url.path != "/cgi-bin/token" or query != {
                        "grant_type": "client_credential", "appid": APPID, "secret": SECRET}:
                    return self._answer({"errcode": 40013, "errmsg": "invalid appid"})
                fake.token_calls.append(query)
                self._answer({"access_token": f"tok-{len(fake.token_calls)}",
                              "expires_in": 7200})

            def do_POST(self):  # noqa: N802
                url = urlsplit(self.path)
                token = parse_qs(url.query).get("access_token", [""])[0]
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                if url.path != "/cgi-bin/message/subscribe/send":
                    return self._answer({"errcode": 404})
                fake.sends.append((token, body))
                if token in fake.expired:
                    return self._answer({"errcode": 42001, "errmsg": "access_token expired"})
                code = fake.answers.pop(0) if fake.answers else 0
                self._answer({"errcode": code, "errmsg": "ok" if code == 0 else "no"})

        return Handler


@pytest.fixture
def wechat(app, monkeypatch):
    """WeChat configured against the loopback stand-in, with TEMPLATES."""
    fake = FakeWeChat()
    thread = serving_thread(fake.server)
    thread.start()
    settings = app.extensions["mall.settings"]
    monkeypatch.setattr(settings, "wechat_appid", APPID)
    monkeypatch.setattr(settings, "wechat_secret", SECRET)
    monkeypatch.setattr(settings, "wechat_api_base", fake.base)
    monkeypatch.setattr(settings, "notify_templates",
                        ",".join(f"{e}={t}" for e, t in TEMPLATES.items()))
    yield fake
    fake.server.shutdown()
    fake.server.server_close()


def make_users(app, count: int, prefix: str = "fan") -> list[tuple[int, dict]]:
    """(id, bearer headers) for `count` new users with openids prefix-<n>."""
    with transaction() as s:
        first = (s.scalar(select(User.id).order_by(User.id.desc()).limit(1)) or 0) + 1
        s.execute(insert(User), [{"openid": f"{prefix}-{first + i}", "nickname": prefix,
                                  "created_at": clock.now()} for i in range(count)])
        ids = list(s.scalars(select(User.id).where(User.id >= first).order_by(User.id)))
    secret = app.extensions["mall.settings"].secret_key
    return [(uid, {"Authorization": f"Bearer {tokens.issue(secret, uid)}"}) for uid in ids]


def work_off(app) -> None:
    """Run every job waiting on the default queue (delivery, fan-out, starts)."""
    from rq import SimpleWorker

    queues = app.extensions["mall.queues"]
    SimpleWorker([queues.get("default")], connection=queues.connection).work(
        burst=True, with_scheduler=False)


def messages(**where) -> list[tuple]:
    """(user_id, event, status, sender, errcode) of the messages, by id."""
    from app.subscribe_messages.models import Message

    with transaction() as s:
        return [(m.user_id, m.event, m.status, m.sender, m.errcode) for m in s.scalars(
            select(Message).filter_by(**where).order_by(Message.id))]


def left(user_id: int) -> dict[str, int]:
    from app.subscribe_messages import service

    with transaction() as s:
        return service.totals(service.credits_left(s, user_id))


from tests.live.conftest import room  # noqa: E402, F401 - the live-room fixture, shared
