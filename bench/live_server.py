"""Processes of the fan-out benchmark: bounded subprocesses talking in lines,
the `python -m app.serve` server pinned to one core, and a py-spy profile of
it summed by function (own time) and by package."""

from __future__ import annotations

import contextlib
import json
import os
import queue
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from collections import Counter
from concurrent.futures import Future
from pathlib import Path

from bench.live_seed import SECRET

ROOT = Path(__file__).resolve().parent.parent
LIFETIME_S = 900  # every process this starts is ended by `timeout` at the latest


class Proc:
    """A bounded subprocess whose stdout lines arrive on a queue."""

    def __init__(self, argv: list[str], env: dict, log: Path | None = None):
        out = open(log, "wb") if log else subprocess.PIPE  # noqa: SIM115
        self.p = subprocess.Popen(["timeout", "-k", "5", str(LIFETIME_S), *argv], cwd=ROOT,
                                  env=env, stdin=subprocess.PIPE, stdout=out,
                                  stderr=subprocess.STDOUT if log else None, text=True)
        self.lines: queue.Queue = queue.Queue()
        if not log:
            threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        for line in self.p.stdout:
            self.lines.put(line.strip())

    def expect_exact(self, wanted: str, timeout: float) -> None:
        got = self.lines.get(timeout=timeout)
        if got != wanted:
            raise RuntimeError(f"expected {wanted!r}, got {got!r}")

    def expect_json(self, timeout: float) -> dict:
        return json.loads(self.lines.get(timeout=timeout))

    def say(self, line: str) -> None:
        with contextlib.suppress(BrokenPipeError):
            self.p.stdin.write(line + "\n")
            self.p.stdin.flush()

    def child_pid(self) -> int:
        """The process `timeout` runs (taskset execs into it)."""
        path = Path(f"/proc/{self.p.pid}/task/{self.p.pid}/children")
        return int(path.read_text().split()[0])

    def cpu_s(self) -> float:
        """CPU seconds (user + system) the child has used so far."""
        fields = Path(f"/proc/{self.child_pid()}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        if self.p.poll() is None:
            self.p.terminate()
            try:
                self.p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.p.kill()


def server_env(db_url: str, redis_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SOCKETIO_")}
    env.update(DATABASE_URL=db_url, REDIS_URL=redis_url, SECRET_KEY=SECRET,
               PYTHONUNBUFFERED="1", PYTHONWARNINGS="ignore")
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(env: dict, work: Path, *, queue_url: str, core: str) -> tuple[Proc, str]:
    """`python -m app.serve` on `core`; queue_url "off" or a Redis URL."""
    port = free_port()
    senv = dict(env, PORT=str(port), HOST="127.0.0.1", INSTANCE_DIR=str(work),
                SOCKETIO_MESSAGE_QUEUE=queue_url, SOCKETIO_CHANNEL=f"bench-{uuid.uuid4().hex}")
    server = Proc(["taskset", "-c", core, sys.executable, "-m", "app.serve"], senv,
                  log=work / f"server-{port}.log")
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(server, url)
    except BaseException:  # not ready, or the bench is being stopped
        server.stop()
        raise
    return server, url


def _wait_ready(server: Proc, url: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server.p.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/socket.io/?EIO=4&transport=polling", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server at {url} did not start")


def _pyspy() -> str | None:
    near = Path(sys.executable).with_name("py-spy")
    return str(near) if near.exists() else shutil.which("py-spy")


def profile(server: Proc, seconds: float) -> Future:
    """py-spy the server for `seconds` (in a thread); the Future's result is a
    summary, or why there is none."""
    done: Future = Future()
    spy = _pyspy()
    if spy is None:
        done.set_result({"error": "py-spy not found"})
        return done

    def run():
        out = Path(f"/tmp/live-fanout-{os.getpid()}.txt")
        ran = subprocess.run([spy, "record", "--pid", str(server.child_pid()), "--duration",
                              str(max(1, int(seconds))), "--rate", "200", "--format", "raw",
                              "--output", str(out), "--nonblocking"],
                             capture_output=True, text=True, check=False)
        if ran.returncode != 0 or not out.exists():
            done.set_result({"error": (ran.stderr or ran.stdout).strip()[-300:]})
            return
        done.set_result(summarize(out.read_text()))
        out.unlink()
    threading.Thread(target=run, daemon=True).start()
    return done


def _package(frame: str) -> str:
    """'fn (path/to/file.py:12)' -> the package it belongs to."""
    path = frame.rsplit("(", 1)[-1]
    for name in ("socketio", "engineio", "simple_websocket", "wsproto", "gevent", "redis",
                 "sqlalchemy", "flask", "json", "live/", "app/", "threading", "selectors"):
        if name in path:
            return name.rstrip("/")
    return path.split(":")[0].rsplit("/", 1)[-1] or "other"


def summarize(raw: str) -> dict:
    """Own time by function (leaf frames) and by package, in % of samples."""
    own, packages, total = Counter(), Counter(), 0
    for line in raw.splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        n = int(count)
        leaf = stack.split(";")[-1]
        own[leaf] += n
        packages[_package(leaf)] += n
        total += n

    def share(c: Counter, k: int) -> list:
        return [[name, round(100 * n / max(1, total), 1)] for name, n in c.most_common(k)]
    return {"samples": total, "own": share(own, 12), "packages": share(packages, 10)}
