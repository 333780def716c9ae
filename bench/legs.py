"""The database legs of the server benchmarks (bench/flashsale.py,
bench/checkout.py): their shared options, where each leg's database is, and
the loop that runs and reports each leg in turn."""

from __future__ import annotations

import argparse
import contextlib
import os
import secrets
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path


def step(text: str) -> None:
    print(f"[bench] {text}", flush=True)


def parse(doc: str, *, connections: int, buyers: int) -> argparse.Namespace:
    """The options every server benchmark takes, with its own defaults."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=connections)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--buyers", type=int, default=buyers)
    parser.add_argument("--legs", default="sqlite,postgresql",
                        help="comma-separated: sqlite, postgresql")
    parser.add_argument("--write", metavar="FILE", help="record the figures in FILE")
    return parser.parse_args()


def leg_url(leg: str, prefix: str) -> str | None:
    """A new SQLite file in a temp dir, or the PostgreSQL server of
    BENCH_PG_URL / DATABASE_URL (None without one: the leg is skipped)."""
    if leg == "sqlite":
        return f"sqlite:///{Path(tempfile.mkdtemp(prefix=prefix)) / 'bench.db'}"
    if leg == "postgresql":
        url = os.environ.get("BENCH_PG_URL") or os.environ.get("DATABASE_URL", "")
        return url if url.startswith(("postgresql:", "postgres:", "postgresql+")) else None
    raise SystemExit(f"unknown leg {leg!r}: sqlite or postgresql")


def run_legs(args: argparse.Namespace, prefix: str,
             run_and_report: Callable[[str, list[float]], None]) -> None:
    """Each leg of --legs in turn: `run_and_report(db_url, loads)`."""
    started = time.monotonic()
    for leg in [x.strip() for x in args.legs.split(",") if x.strip()]:
        db_url = leg_url(leg, prefix)
        if db_url is None:
            step(f"{leg}: skipped (set BENCH_PG_URL or DATABASE_URL to a PostgreSQL URL)")
            continue
        step(f"=== {leg} leg ===")
        with fresh_database(db_url, prefix) as url:
            run_and_report(url, [])
        step(f"{leg} leg done, {time.monotonic() - started:.0f} s since the start")


@contextlib.contextmanager
def fresh_database(url: str, prefix: str) -> Iterator[str]:
    """A leg's own empty database: SQLite's new file as it is; on PostgreSQL a
    database made on the named server for the leg and dropped after it, so no
    leg sees another's rows (a group-buy run's unsent events, say) and the
    database the URL names is never touched."""
    if not url.startswith("postgres"):
        yield url
        return
    from sqlalchemy import create_engine, make_url, text

    name = f"{prefix.strip('-').replace('-', '_')}_{secrets.token_hex(4)}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        step(f"PostgreSQL: this leg's own database {name}")
        yield make_url(url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
