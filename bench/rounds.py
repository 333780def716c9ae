"""One database leg of a server benchmark whose measured endpoint is compared
with the same server's no-op (bench/groupbuy.py, bench/bargain.py,
bench/notices.py): the app migrated and seeded in this process, the
production server (gunicorn -k gevent) started on it, rounds that measure
each feed in turn, and the report of medians and same-run ratios."""

from __future__ import annotations

import os
import platform
import statistics
import tempfile
from pathlib import Path

from app import create_app
from app.redis import stop_embedded
from bench import load, machine
from bench.flashsale import (
    BUSY_CORES,
    embedded_redis_pids,
    free_port,
    phase,
    say_machine,
    start_server,
)
from bench.legs import step
from bench.report import write_section

SECRET = "bench-secret"


class Leg:
    """`with Leg(db_url, prefix) as leg:` the app (context pushed) on a
    migrated database; `leg.serve(env)` starts the server on it."""

    def __init__(self, db_url: str, prefix: str):
        from app.migrate import upgrade

        self.db_url, self.tmp = db_url, Path(tempfile.mkdtemp(prefix=prefix))
        step(f"database {db_url.split('@')[-1]}; migrating")
        upgrade(db_url)
        self.app = create_app(database_url=db_url, redis_url=os.environ.get("REDIS_URL", ""),
                              instance_dir=str(self.tmp), secret_key=SECRET)
        self.redis_url = self.app.extensions["mall.settings"].redis_url
        self.server = None

    def __enter__(self) -> Leg:
        self._ctx = self.app.app_context()
        self._ctx.push()
        return self

    def env(self, **extra: str) -> dict:
        """The server's environment: this database, this Redis, this instance
        directory (the payment sandbox's keys are shared through it)."""
        return {**os.environ, "DATABASE_URL": self.db_url, "REDIS_URL": self.redis_url,
                "SECRET_KEY": SECRET, "INSTANCE_DIR": str(self.tmp),
                "PYTHONPATH": str(Path(__file__).resolve().parent.parent), **extra}

    def serve(self, workers: int, env: dict) -> int:
        self.port = free_port()
        step(f"starting gunicorn -k gevent -w {workers} on port {self.port}")
        self.server = start_server(self.port, workers, env)
        self.probe = machine.Probe([os.getpid(), self.server.pid, *embedded_redis_pids()])
        return self.port

    def stop_server(self) -> None:
        if self.server is not None:
            self.server.terminate()
            self.server.wait(timeout=30)
            self.server = None

    def rounds(self, feeds: dict, args, loads: list[float]) -> dict[str, list[load.Result]]:
        """Each round measures every feed in turn (a load change hits all)."""
        runs: dict[str, list[load.Result]] = {name: [] for name in feeds}
        for round_no in range(1, args.rounds + 1):
            say_machine(f"before round {round_no} of {args.rounds}", loads)
            for name, feed in feeds.items():
                runs[name].append(phase(name, self.port, feed, args, self.probe))
        say_machine("after the rounds", loads)
        return runs

    def __exit__(self, *exc) -> None:
        self.stop_server()
        self._ctx.pop()
        self.app.extensions["mall.db"].dispose()
        stop_embedded()


def db_name(db_url: str) -> str:
    return "SQLite (WAL)" if db_url.startswith("sqlite") else "PostgreSQL"


def machine_state(noop_runs: list[load.Result], loads: list[float]) -> str:
    """Quiet or busy, judged in the no-op phases (the database and Redis idle then)."""
    others = [r.others for r in noop_runs]
    loaded = (f"other processes used {min(others):.2f}-{max(others):.2f} cores during the "
              f"no-op phases; load average {min(loads):.2f}-{max(loads):.2f}")
    if max(others) >= BUSY_CORES:
        return (f"BUSY machine ({loaded}): other work shared the cores, so absolute figures "
                f"are low and noisy; read the same-run ratio")
    return f"quiet machine ({loaded})"


def table(runs: dict[str, list[load.Result]]) -> list[str]:
    mid = {name: sorted(rs, key=lambda r: r.rate)[len(rs) // 2] for name, rs in runs.items()}
    return ["| endpoint | req/s (median) | p50 / p99 ms | each round |",
            "| --- | ---: | ---: | --- |",
            *(f"| {name} | {r.rate:,.0f} | {r.pct(50):.1f} / {r.pct(99):.1f} | "
              f"{', '.join(f'{x.rate:,.0f}' for x in runs[name])} |" for name, r in mid.items())]


def ratio(runs: dict[str, list[load.Result]], name: str, target: float) -> tuple[float, str]:
    """`name` / noop, the median of the rounds' ratios, and its line."""
    per_round = [x.rate / n.rate for x, n in zip(runs[name], runs["noop"], strict=True)]
    mid = statistics.median(per_round)
    met = "met" if mid >= target else "NOT met"
    return mid, (f"{name} / noop = **{mid:.3f}x** (rounds: "
                 f"{', '.join(f'{x:.3f}' for x in per_round)}; target >= {target}x: {met})")


def record(args, *, title: str, command: str, db_url: str, state: str,
           body: list[str]) -> None:
    """Print the figures; with --write, replace the benchmark's section."""
    print("\n".join(["", *body, "", state]))
    if not args.write:
        return
    text = [f"Command: `{command}` (both legs; PostgreSQL from BENCH_PG_URL or DATABASE_URL, "
            f"Redis from REDIS_URL, else an embedded one)",
            f"Machine: {machine.cores()} cores, {platform.machine()}, Python "
            f"{platform.python_version()}; {db_name(db_url)}; gunicorn -k gevent -w "
            f"{args.workers}; load from one asyncio process on the same machine, keep-alive; "
            f"{state}; load average at the end {machine.load1():.2f}.",
            "", *body]
    write_section(Path(args.write), f"{title} ({db_name(db_url)})", "\n".join(text))
    step(f"wrote {args.write}")
