"""Slow clients get bounded time on the production servers (`python -m
app.serve`, and gunicorn with the repository's gunicorn.conf.py; on
loopback): 200 sockets trickling a request line and 20 trickling a body
are all closed in bounded time (the body ones answered 408
`request_timeout`), an idle keep-alive connection too, while a normal
request keeps getting its 200 meanwhile. Everything is bounded in count and
time; only 127.0.0.1 is addressed."""

from __future__ import annotations

import json
import selectors
import socket
import time
import urllib.request
from dataclasses import dataclass, field

import pytest

from app.auth import tokens
from tests.live.servers import serve

HEAD_S, BODY_S = 2, 3
SLACK_S = 3  # a loaded two-core machine
TRICKLE_EVERY_S = 0.4
HEAD_TRICKLERS, BODY_TRICKLERS = 200, 20
GIVE_UP_S = 30


@dataclass
class Trickler:
    sock: socket.socket
    rest: bytes  # sent one byte per tick, never all of it
    opened: float = field(default_factory=time.monotonic)
    closed: float | None = None
    answer: bytes = b""


def _open(port: int, first: bytes, rest: bytes) -> Trickler:
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    sock.sendall(first)
    sock.setblocking(False)
    return Trickler(sock, rest)


def _healthz(url: str) -> float:
    started = time.monotonic()
    with urllib.request.urlopen(url + "/healthz", timeout=HEAD_S) as resp:
        assert resp.status == 200
    return time.monotonic() - started


def _run(tricklers: list[Trickler], url: str) -> list[float]:
    """Trickle until every socket is closed by the server (or GIVE_UP_S);
    a normal request each tick. Returns the normal requests' latencies."""
    sel = selectors.DefaultSelector()
    for t in tricklers:
        sel.register(t.sock, selectors.EVENT_READ, t)
    deadline, latencies, next_tick = time.monotonic() + GIVE_UP_S, [], 0.0
    while any(t.closed is None for t in tricklers) and time.monotonic() < deadline:
        for key, _ in sel.select(timeout=0.05):
            t = key.data
            try:
                data = t.sock.recv(4096)
            except ConnectionError:
                data = b""
            t.answer += data
            if not data:
                t.closed = time.monotonic()
                sel.unregister(t.sock)
                t.sock.close()
        if time.monotonic() >= next_tick:
            next_tick = time.monotonic() + TRICKLE_EVERY_S
            for t in tricklers:
                if t.closed is None and t.rest:
                    try:
                        t.sock.send(t.rest[:1])
                        t.rest = t.rest[1:]
                    except (BlockingIOError, ConnectionError):
                        pass
            latencies.append(_healthz(url))
    sel.close()
    for t in tricklers:
        if t.closed is None:
            t.sock.close()
    return latencies


@pytest.mark.parametrize("gunicorn", [False, True], ids=["app.serve", "gunicorn"])
def test_trickling_sockets_are_closed_in_bounded_time(app, tmp_path, gunicorn):
    env = {"SERVER_HEADER_TIMEOUT_S": str(HEAD_S), "SERVER_BODY_TIMEOUT_S": str(BODY_S)}
    with serve(app, tmp_path, extra_env=env, gunicorn=gunicorn) as server:
        port = int(server.url.rsplit(":", 1)[1])
        grab = (f"POST /mp/v1/flashsales/1/grab HTTP/1.1\r\nAuthorization: Bearer "
                f"{tokens.issue(app.extensions['mall.settings'].secret_key, 1)}\r\n").encode()
        login = b"POST /mp/v1/auth/login HTTP/1.1\r\n"  # Flask's path, then the lean one's
        body_heads = [start + b"Host: t\r\nContent-Type: application/json\r\n"
                      b"Content-Length: 100\r\n\r\n{" for start in (login, grab)]
        heads = [_open(port, b"GET / HT", b"TP/1.1\r\nHost: t\r\nX-Slow: " + b"a" * 200)
                 for _ in range(HEAD_TRICKLERS)]
        bodies = [_open(port, body_heads[i % 2], b'"token": "' + b"b" * 200)
                  for i in range(BODY_TRICKLERS)]
        idle = _open(port, b"GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n", b"")  # then silent
        latencies = _run(heads + bodies + [idle], server.url)
        assert _healthz(server.url) < HEAD_S  # the server is still fine after
        assert "Traceback" not in server.output()

    head_s = [t.closed - t.opened for t in heads if t.closed]
    body_s = [t.closed - t.opened for t in bodies if t.closed]
    assert (len(head_s), len(body_s)) == (HEAD_TRICKLERS, BODY_TRICKLERS)
    assert all(t.answer == b"" for t in heads)  # closed without a word
    assert HEAD_S - 0.5 <= min(head_s) <= max(head_s) <= HEAD_S + SLACK_S
    # gunicorn reads out the rest of an answered body under its keepalive, then closes
    body_bound = BODY_S + (HEAD_S if gunicorn else 0)
    assert BODY_S - 0.5 <= min(body_s) <= max(body_s) <= body_bound + SLACK_S
    for t in bodies:
        status, _, rest = t.answer.partition(b"\r\n")
        assert status.startswith(b"HTTP/1.1 408 "), t.answer[:200]
        assert json.loads(rest.partition(b"\r\n\r\n")[2])["error"]["code"] == \
            "request_timeout"
    assert idle.answer.startswith(b"HTTP/1.1 200 OK")
    assert HEAD_S - 0.5 <= idle.closed - idle.opened <= HEAD_S + SLACK_S  # keep-alive idle
    assert latencies and max(latencies) < 1.0, latencies  # served all along
    print(f"head tricklers closed after {min(head_s):.2f}-{max(head_s):.2f} s, "
          f"body tricklers after {min(body_s):.2f}-{max(body_s):.2f} s; "
          f"{len(latencies)} normal requests, slowest {max(latencies) * 1000:.0f} ms")


def _no_files(monkeypatch):
    """Settings that write nothing under instance/."""
    monkeypatch.setenv("DATABASE_URL", "sqlite://")
    monkeypatch.setenv("SECRET_KEY", "s" * 32)


@pytest.mark.parametrize("name", ["SERVER_HEADER_TIMEOUT_S", "SERVER_BODY_TIMEOUT_S"])
@pytest.mark.parametrize("value", ["0", "-1", "nan", "inf", "ten"])
def test_a_timeout_that_is_no_positive_number_of_seconds_refuses_to_start(monkeypatch, name,
                                                                          value):
    """0 would close every connection at once (or answer every body 408), not
    switch the bound off; a typo would crash with a traceback."""
    from app.config import ConfigError, Settings
    _no_files(monkeypatch)
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match=name):
        Settings.from_env()


def test_timeouts_default_and_read(monkeypatch):
    from app.config import Settings
    _no_files(monkeypatch)
    monkeypatch.delenv("SERVER_HEADER_TIMEOUT_S", raising=False)
    monkeypatch.setenv("SERVER_BODY_TIMEOUT_S", "2.5")
    s = Settings.from_env()
    assert (s.server_header_timeout_s, s.server_body_timeout_s) == (10.0, 2.5)
