"""Live-room fan-out: 1,000 real Socket.IO clients (bench/live_clients.py:
lean asyncio clients speaking Engine.IO 4 / Socket.IO 5 over websockets)
join one room as guests on ONE `python -m app.serve` process (gevent) and
only receive; separate signed-in senders chat at a paced rate. Each chat
message carries its send time; every viewer counts what it receives and the
delay. The run waits until every viewer has every accepted message (or a
bounded timeout, reporting losses) before computing.

A rate sweep (10, 20, 40, 60, 80 messages/s into 1,000 viewers) per round;
rounds without and with Socket.IO's Redis message queue interleaved (3
each, medians); then whether 2,000 viewers all receive. The server is
pinned to core 0 and every client (and the embedded Redis) to core 1.

  python -m bench.live_fanout [--write BENCHMARKS.md] [--profile]
      [--clients 1000] [--rates 10,20,40,60,80] [--seconds 4] [--rounds 3]
      [--all-clients 2000] [--all-rate 10]

DATABASE_URL / REDIS_URL pick the database and Redis (default: a new SQLite
file and an embedded Redis in a temp dir).
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.redis import _embedded, embedded_url, stop_embedded  # noqa: E402
from bench.live_seed import seed  # noqa: E402
from bench.live_server import Proc, profile, server_env, start_server  # noqa: E402
from bench.report import write_section  # noqa: E402

SERVER_CORE, CLIENT_CORE = "0", "1"
DRAIN_S = 5  # the longest wait for deliveries still on their way
GIVE_UP_P99_MS = 1000  # a sweep stops at a rate this far past the target
TARGET_P99_MS = 100


def step(text: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {text}", flush=True)


def clients(kind: str, url: str, room_id: int, *args: str) -> Proc:
    return Proc(["taskset", "-c", CLIENT_CORE, sys.executable, "-m", "bench.live_clients",
                 kind, url, str(room_id), *args], dict(os.environ, PYTHONUNBUFFERED="1"))


def merge(parts: list[dict], sent: dict, viewers: int) -> dict:
    """One phase's figures from every viewer process's tally."""
    counts = [c for p in parts for c in p["counts"]]
    delays: Counter = Counter()
    for p in parts:
        delays.update({int(k): v for k, v in p["delays"].items()})
    ok = sent["answers"].get("ok", 0)
    delivered = sum(counts)
    last = max((p["span"][1] for p in parts if p["span"][1]), default=sent["end"])

    def pct(q: float) -> float:
        want, seen = q * max(1, delivered), 0
        for bucket in sorted(delays):
            seen += delays[bucket]
            if seen >= want:
                return bucket / 10
        return float("nan")
    return {"viewers": viewers, "sent": sent["sent"], "accepted": ok,
            "refused": {k: v for k, v in sent["answers"].items() if k != "ok"},
            "expected": ok * viewers, "delivered": delivered,
            "lost": ok * viewers - delivered,
            "short_viewers": sum(1 for c in counts if c < ok),
            "per_s": delivered / max(1e-9, last - sent["start"]),
            "offered_per_s": sent["sent"] / max(1e-9, sent["end"] - sent["start"]) * viewers,
            "p50_ms": pct(0.50), "p99_ms": pct(0.99), "max_ms": pct(1.0)}


def sweep(env: dict, work: Path, room_id: int, tokens: list[str], *, label: str,
          queue_url: str, viewers: int, procs: int, rates: list[float], seconds: float,
          profile_rate: float | None = None) -> dict:
    """One server, `viewers` viewers, each rate in turn: {rate: figures}."""
    server, url = start_server(env, work, queue_url=queue_url, core=SERVER_CORE)
    started, out = [], {"profile": None}
    try:
        shares = [viewers // procs + (i < viewers % procs) for i in range(procs)]
        started += [clients("viewers", url, room_id, str(n)) for n in shares]
        senders = clients("senders", url, room_id)
        senders.say("TOKENS " + " ".join(tokens))
        started.append(senders)
        for p in started:
            p.expect_exact("READY", 300)
        for rate in rates:
            phase = f"{label}-{rate:g}".replace(" ", "_")
            senders.say(f"RUN {phase} {rate:g} {seconds:g}")
            senders.expect_json(120)  # the senders joined: their snapshots are not measured
            time.sleep(0.5)
            spy = profile(server, seconds) if rate == profile_rate else None
            cpu = server.cpu_s()
            sent = senders.expect_json(seconds + 120)
            for v in started[:-1]:
                v.say(f"WAIT {phase} {sent['answers'].get('ok', 0)} {DRAIN_S}")
            parts = [v.expect_json(DRAIN_S + 60) for v in started[:-1]]
            out[rate] = merge(parts, sent, viewers)
            out[rate]["cpu_s"] = server.cpu_s() - cpu
            out[rate]["per_cpu_s"] = out[rate]["delivered"] / max(1e-9, out[rate]["cpu_s"])
            if spy is not None:
                out["profile"] = {**spy.result(timeout=120), "rate": rate}
            r = out[rate]
            step(f"  {label} {rate:g} msg/s: {r['per_s']:,.0f} deliveries/s, p50 "
                 f"{r['p50_ms']:.1f} ms, p99 {r['p99_ms']:.1f} ms, lost {r['lost']}, "
                 f"server CPU {r['cpu_s']:.2f} s")
            if r["lost"] or r["p99_ms"] > GIVE_UP_P99_MS:
                step(f"  {label}: skipping the higher rates (this one missed already)")
                break
        for p in started:
            p.say("STOP")
    finally:
        for p in started:
            p.stop()
        server.stop()
    return out


def median_of(rounds: list[dict], rate: float, key: str) -> float:
    """The median over the rounds that ran this rate (nan if none did)."""
    ran = [r[rate][key] for r in rounds if rate in r]
    return statistics.median(ran) if ran else float("nan")


def best_rate(rounds: list[dict], rates: list[float]) -> float | None:
    """The highest rate every round ran, with median p99 on target and nothing lost."""
    good = [rate for rate in rates if all(rate in r for r in rounds)
            and median_of(rounds, rate, "p99_ms") <= TARGET_P99_MS
            and all(r[rate]["lost"] == 0 for r in rounds)]
    return max(good, default=None)


def machine() -> str:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{os.cpu_count()} cores (nproc), {platform.machine()}, Python "
            f"{platform.python_version()}; load average {load}")


def main() -> None:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the children too
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--clients", type=int, default=1000)
    p.add_argument("--procs", type=int, default=2, help="viewer client processes")
    p.add_argument("--rates", default="10,20,40,60,80")
    p.add_argument("--seconds", type=float, default=3.0)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--all-clients", type=int, default=2000)
    p.add_argument("--all-rate", type=float, default=10.0)
    p.add_argument("--profile", type=float, nargs="?", const=40.0, default=None,
                   metavar="RATE", help="py-spy the server during the first no-queue "
                   "round's phase at RATE msg/s (default 40)")
    p.add_argument("--write", type=Path)
    args = p.parse_args()
    rates = [float(x) for x in args.rates.split(",")]
    began, before = time.monotonic(), machine()
    step(f"machine: {before}; server on core {SERVER_CORE}, clients on core {CLIENT_CORE}")
    work = Path(tempfile.mkdtemp(prefix="live-fanout-"))
    db_url = os.environ.get("DATABASE_URL") or f"sqlite:///{work / 'bench.db'}"
    redis_url = os.environ.get("REDIS_URL") or embedded_url(str(work))
    for server in _embedded.values():  # our own Redis goes beside the clients
        subprocess.run(["taskset", "-p", "-c", CLIENT_CORE, str(server.pid)],
                       capture_output=True, check=False)
    env = server_env(db_url, redis_url)
    rounds: dict[str, list[dict]] = {"no queue": [], "Redis queue": []}
    try:
        room_id, tokens = seed(db_url, redis_url, math.ceil(max(*rates, args.all_rate) * 2.2) + 1)
        step(f"room {room_id}, {len(tokens)} senders; db {db_url.split('@')[-1]}")
        for n in range(args.rounds):
            for label, queue in (("no queue", "off"), ("Redis queue", redis_url)):
                step(f"round {n + 1}/{args.rounds}, {label}: {args.clients} viewers")
                rounds[label].append(sweep(
                    env, work, room_id, tokens, label=f"{label}-{n}", queue_url=queue,
                    viewers=args.clients, procs=args.procs, rates=rates,
                    seconds=args.seconds,
                    profile_rate=args.profile if n == 0 and queue == "off" else None))
        step(f"all receive: {args.all_clients} viewers at {args.all_rate:g} msg/s")
        everyone = sweep(env, work, room_id, tokens, label="all", queue_url="off",
                         viewers=args.all_clients, procs=args.procs, rates=[args.all_rate],
                         seconds=args.seconds)
    finally:
        stop_embedded()
    took = time.monotonic() - began
    body = report(args, rates, rounds, everyone, before, took)
    print(body)
    if args.write:
        write_section(args.write, "Live fan-out (bench/live_fanout.py)", body)
        step(f"wrote {args.write}")


def report(args, rates, rounds, everyone, before: str, took: float) -> str:
    from bench.live_report import render

    return render(args=args, rates=rates, rounds=rounds, everyone=everyone, machine=before,
                  took=took, target_ms=TARGET_P99_MS, best=best_rate, median=median_of,
                  drain_s=DRAIN_S)


if __name__ == "__main__":
    main()
