"""Live-room fan-out: real python-socketio clients (websockets, in several
client processes of bench/live_clients.py, so the client side is spread)
as guests in one room on ONE `python -m app.serve` process (gevent), and a
paced chat stream from signed-in senders (round-robin, each under the
1-per-2-s limit). Every chat message carries its send time; each viewer
counts what it receives and the delay. Measured without and with
Socket.IO's Redis message queue (the same server, SOCKETIO_MESSAGE_QUEUE
set), then a check that 2,000 viewers all receive every message.

  python -m bench.live_fanout [--clients 1000] [--procs 4] [--rate 40]
      [--seconds 8] [--all-clients 2000] [--all-rate 10] [--write BENCHMARKS.md]

DATABASE_URL / REDIS_URL pick the database and Redis (default: a new SQLite
file and an embedded Redis in a temp dir).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import queue
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import clock  # noqa: E402
from app.auth import tokens  # noqa: E402
from app.auth.models import User  # noqa: E402
from app.catalog import service as catalog  # noqa: E402
from app.db import Database  # noqa: E402
from app.migrate import upgrade  # noqa: E402
from app.redis import embedded_url, stop_embedded  # noqa: E402
from bench.report import write_section  # noqa: E402
from live import rooms  # noqa: E402

SECRET = "bench-secret"
LIFETIME_S = 900  # every process this starts is ended by `timeout` at the latest


def step(text: str) -> None:
    print(f"[bench] {text}", flush=True)


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Proc:
    """A bounded subprocess whose stdout lines arrive on a queue."""

    def __init__(self, argv: list[str], env: dict, log: Path | None = None):
        out = open(log, "wb") if log else subprocess.PIPE  # noqa: SIM115
        self.p = subprocess.Popen(["timeout", "-k", "5", str(LIFETIME_S), *argv], cwd=ROOT,
                                  env=env, stdin=subprocess.PIPE, stdout=out, text=True)
        self.lines: queue.Queue = queue.Queue()
        if not log:
            threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        for line in self.p.stdout:
            self.lines.put(line.strip())

    def expect(self, timeout: float) -> str:
        while True:
            line = self.lines.get(timeout=timeout)
            if not line.startswith(("[", "/")):  # gevent's warnings go to stderr anyway
                return line

    def say(self, line: str) -> None:
        self.p.stdin.write(line + "\n")
        self.p.stdin.flush()

    def stop(self) -> None:
        if self.p.poll() is None:
            self.p.terminate()
            try:
                self.p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.p.kill()


def seed(url: str, senders: int) -> tuple[int, list[str]]:
    """A live room of a new shop, and `senders` signed-in chatters' tokens."""
    db, now = Database(url), clock.now()
    tag = uuid.uuid4().hex[:8]
    with db.transaction() as s:
        people = [User(openid=f"bench-{tag}-{i}", nickname=f"fan{i}", created_at=now)
                  for i in range(senders + 1)]
        s.add_all(people)
        s.flush()
        shop = catalog.create_merchant(s, name="Bench live", owner_id=people[0].id, now=now)
        room = rooms.create(s, staff_id=people[0].id, merchant_id=shop.id,
                            data={"title": "Fan-out"}, now=now)
        rooms.move(room, "live", now)
        s.flush()
        room_id, ids = room.id, [p.id for p in people[1:]]
    db.dispose()
    return room_id, [tokens.issue(SECRET, uid) for uid in ids]


def ready(url: str, server: Proc, timeout_s: float = 60) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and server.p.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/socket.io/?EIO=4&transport=polling", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server at {url} did not start")


def run(env: dict, work: Path, room_id: int, tokens_: list[str], *, clients: int,
        procs: int, rate: float, seconds: float, queue_url: str | None) -> dict:
    port = free_port()
    senv = dict(env, PORT=str(port), HOST="127.0.0.1", INSTANCE_DIR=str(work))
    if queue_url:
        senv.update(SOCKETIO_MESSAGE_QUEUE=queue_url,
                    SOCKETIO_CHANNEL=f"bench-{uuid.uuid4().hex}")
    server = Proc([sys.executable, "-m", "app.serve"], senv, log=work / f"server-{port}.log")
    url, started = f"http://127.0.0.1:{port}", []
    try:
        ready(url, server)
        viewers = [Proc([sys.executable, "-m", "bench.live_clients", "viewers", url,
                         str(room_id), str(clients // procs + (i < clients % procs))], env)
                   for i in range(procs)]
        started += viewers
        for v in viewers:
            assert v.expect(300) == "READY"
        senders = Proc([sys.executable, "-m", "bench.live_clients", "senders", url,
                        str(room_id), str(rate), str(seconds), *tokens_], env)
        started.append(senders)
        assert senders.expect(120) == "READY"
        time.sleep(2)  # the joins' counters ticks are out
        senders.say("GO")
        sent = json.loads(senders.expect(seconds + 60))
        time.sleep(3)  # deliveries still on their way
        got = []
        for v in viewers:
            v.say("STOP")
            got.append(json.loads(v.expect(120)))
    finally:
        for p in started:
            p.stop()
        server.stop()
    counts = [c for g in got for c in g["counts"]]
    lat = sorted(x for g in got for x in g["latencies"])
    last = max((g["last"] for g in got if g["last"]), default=sent["end"])
    ok = sent["answers"].get("ok", 0)
    pct = (lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] * 1000) if lat else \
        (lambda q: float("nan"))
    return {"clients": len(counts), "sent": sent["sent"], "accepted": ok,
            "answers": sent["answers"], "delivered": sum(counts),
            "all_received": all(c == ok for c in counts),
            "short": sum(1 for c in counts if c < ok),
            "per_s": sum(counts) / max(1e-9, last - sent["start"]),
            "p50_ms": pct(0.50), "p99_ms": pct(0.99), "max_ms": pct(1.0)}


def line(name: str, r: dict) -> str:
    return (f"| {name} | {r['clients']} | {r['accepted']}/{r['sent']} | {r['delivered']:,} | "
            f"{r['per_s']:,.0f} | {r['p50_ms']:.0f} | {r['p99_ms']:.0f} | {r['max_ms']:.0f} | "
            f"{'yes' if r['all_received'] else 'no (' + str(r['short']) + ' short)'} |")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--clients", type=int, default=1000)
    p.add_argument("--procs", type=int, default=4)
    p.add_argument("--rate", type=float, default=40.0, help="chat messages per second")
    p.add_argument("--seconds", type=float, default=8.0)
    p.add_argument("--all-clients", type=int, default=2000)
    p.add_argument("--all-rate", type=float, default=10.0)
    p.add_argument("--write", type=Path)
    args = p.parse_args()
    work = Path(tempfile.mkdtemp(prefix="live-fanout-"))
    db_url = os.environ.get("DATABASE_URL") or f"sqlite:///{work / 'bench.db'}"
    redis_url = os.environ.get("REDIS_URL") or embedded_url(str(work))
    env = {k: v for k, v in os.environ.items() if not k.startswith("SOCKETIO_")}
    env.update(DATABASE_URL=db_url, REDIS_URL=redis_url, SECRET_KEY=SECRET,
               PYTHONUNBUFFERED="1", PYTHONWARNINGS="ignore")
    try:
        upgrade(db_url)
        senders = math.ceil(max(args.rate, args.all_rate) * 2.2) + 1
        room_id, toks = seed(db_url, senders)
        step(f"room {room_id}, {senders} senders; db {db_url.split('@')[-1]}")
        results = {}
        for name, clients, rate, q in (("no queue", args.clients, args.rate, None),
                                       ("Redis queue", args.clients, args.rate, redis_url),
                                       ("all receive", args.all_clients, args.all_rate, None)):
            step(f"{name}: {clients} clients, {rate:g} msg/s for {args.seconds:g} s")
            results[name] = run(env, work, room_id, toks, clients=clients, procs=args.procs,
                                rate=rate, seconds=args.seconds, queue_url=q)
            step(json.dumps(results[name]))
    finally:
        stop_embedded()
    report(args, results)


def report(args, results: dict) -> None:
    ratio = results["Redis queue"]["per_s"] / max(1e-9, results["no queue"]["per_s"])
    cmd = ("python -m bench.live_fanout " + " ".join(sys.argv[1:])).strip()
    body = f"""Command: `{cmd}` (SQLite and an embedded Redis unless DATABASE_URL / REDIS_URL).
Machine: {os.cpu_count()} cores ({platform.machine()}, Python {platform.python_version()}),
shared with other work while measured (load average before the run:
{os.getloadavg()[0]:.1f}); server, client processes and Redis on the same 2 cores.

One `python -m app.serve` process (gevent); viewers are guests over websockets in
{args.procs} client processes; senders are extra signed-in clients in the room
(not counted). Delivery latency: send time in the message to its arrival at a viewer.

| run | viewers | chat accepted/sent | deliveries | per s | p50 ms | p99 ms | max ms | all got all |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
{line("no queue", results["no queue"])}
{line("Redis queue", results["Redis queue"])}
{line("all receive", results["all receive"])}

Through the queue / without: **{ratio:.2f}x** deliveries/s.
Targets (issue): >= 40,000 deliveries/s per process at p99 <= 100 ms; >= 0.9x through
the queue.
"""
    print(body)
    if args.write:
        write_section(args.write, "Live fan-out (bench/live_fanout.py)", body)
        step(f"wrote {args.write}")


if __name__ == "__main__":
    main()
