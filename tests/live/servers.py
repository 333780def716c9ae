"""Real app servers for the live tests, run the way production runs them:
`python -m app.serve` (gevent, websockets) in a subprocess on a free port,
on the test session's database and Redis, so the fixtures' rows and keys are
the server's. Each process is bounded (coreutils `timeout`) and stopped when
its test ends.

Why not serve the test app in a thread: Flask-SocketIO's test client (the
`room` fixture uses it) replaces the shared server's packet sender for the
whole process and drops every packet for a socket that is not one of its
test clients, so a browser's or a python-socketio client's CONNECT to that
app is never answered. A separate process has its own server.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import socketio as sio_lib
import websocket

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 60
LIFETIME_S = 300  # a server outliving its test is killed by `timeout`
CLOSE_WAIT_S = 0.2  # how long a closing client websocket waits for the server's close frame


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    url: str
    proc: subprocess.Popen
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def _wait_ready(server: Server) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    probe = f"{server.url}/socket.io/?EIO=4&transport=polling"
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            raise RuntimeError(f"server exited {server.proc.returncode}:\n{server.output()}")
        with contextlib.suppress(OSError, urllib.error.URLError), \
                urllib.request.urlopen(probe, timeout=2) as resp:
            if resp.status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"server not ready in {START_TIMEOUT_S}s:\n{server.output()}")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()  # `timeout` passes SIGTERM on to the server
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@contextlib.contextmanager
def serve(app, workdir: Path, *, name: str = "a", channel: str | None = None,
          extra_env: dict | None = None, gunicorn: bool = False,
          port: int | None = None) -> Iterator[Server]:
    """One `python -m app.serve` (or, with `gunicorn`, one gevent worker of
    `gunicorn app.wsgi:app` with the repository's gunicorn.conf.py) on the
    app's database and Redis, on the Redis message queue (the default); with
    `channel`, joined to the others on that channel, else alone on a channel
    of its own (pub/sub ignores database numbers, so a shared Redis would
    join it to other runs). `port`: where (a restarted node comes back where
    it was), else a free one."""
    settings = app.extensions["mall.settings"]
    port = port or free_port()
    instance = workdir / f"server-{name}"
    instance.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("SOCKETIO_")}
    env.update(DATABASE_URL=settings.database_url, REDIS_URL=settings.redis_url,
               SECRET_KEY=settings.secret_key, INSTANCE_DIR=str(instance),
               HOST="127.0.0.1", PORT=str(port), PYTHONUNBUFFERED="1")
    env.update(SOCKETIO_CHANNEL=channel or f"live-test-{uuid.uuid4().hex}")
    env.update(extra_env or {})
    log = instance / "server.log"
    command = ["-m", "gunicorn", "-w", "1", "-b", f"127.0.0.1:{port}", "app.wsgi:app"] \
        if gunicorn else ["-m", "app.serve"]
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            ["timeout", "-k", "5", str(LIFETIME_S), sys.executable, *command],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}", proc, log)
    try:
        _wait_ready(server)
        yield server
    finally:
        _stop(proc)


class _QuickClose(websocket.WebSocket):
    def close(self, status=websocket.STATUS_NORMAL, reason=b"", timeout=CLOSE_WAIT_S):
        super().close(status, reason, timeout)


def socket_client(**options) -> sio_lib.Client:
    """A python-socketio client whose websocket, when it closes, waits at most
    CLOSE_WAIT_S for the server's close frame. websocket-client waits up to
    3 s for it, and beside python-engineio's reader thread on the same socket
    every disconnect waited the whole 3 s. The server has the engine.io close
    packet before that either way, and then the socket is shut down."""
    return sio_lib.Client(websocket_extra_options={"class_": _QuickClose}, **options)


def viewer(url: str, token: str | None, *, transports=("websocket",)) -> sio_lib.Client:
    """A python-socketio client connected to /live and /flashsale over the network."""
    client = socket_client(reconnection=False)
    client.connect(url, namespaces=["/live", "/flashsale"], transports=list(transports),
                   auth={"token": token} if token else None, wait_timeout=10)
    return client


def disconnect_all(clients: list) -> None:
    """Disconnect python-socketio clients at once."""
    threads = [threading.Thread(target=c.disconnect) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
