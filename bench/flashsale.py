"""Flash-sale benchmark: one gunicorn + gevent server (the production way),
measured in one run for

  noop      GET /bench/noop, a no-op JSON answer (the stack's floor)
  grab      POST /mp/v1/flashsales/<id>/grab, every request a winning grab
            (a distinct buyer each: Lua in Redis, then the group-committed
            pending order)
  sql-grab  POST /bench/sql-grab/<sku>, the peers' way: one transaction per
            grab with a guarded UPDATE on the SKU row and the order insert
  evalsha   the grab script alone, pipelined from this process (Redis' ceiling)

and checks afterwards that the database sold exactly what was acknowledged.

  python -m bench.flashsale [--seconds 5] [--rounds 3] [--connections 64]
                            [--workers 2] [--legs sqlite,postgresql]
                            [--write BENCHMARKS.md]

Each round measures noop, grab and sql-grab in turn (so a load change on the
machine hits all three); the figures are medians over the rounds, each ratio
the median of the rounds' ratios. The machine's cores and load average are
printed before and after every round, and a busy machine is named in the
output and in BENCHMARKS.md.

Legs: SQLite (a new file in a temp dir) and PostgreSQL, whose URL is
BENCH_PG_URL, else DATABASE_URL when it names PostgreSQL; without either the
PostgreSQL leg is skipped with a note. The bench adds its own rows to that
database. REDIS_URL picks the Redis (default: an embedded one in a temp dir).
"""

from __future__ import annotations

import itertools
import json
import os
import platform
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, insert, select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import clock, create_app  # noqa: E402
from app.auth import tokens  # noqa: E402
from app.auth.models import User  # noqa: E402
from app.catalog import service as catalog  # noqa: E402
from app.db import transaction  # noqa: E402
from app.migrate import upgrade  # noqa: E402
from app.redis import stop_embedded  # noqa: E402
from bench import legs, load, machine  # noqa: E402
from bench.legs import step  # noqa: E402
from bench.report import write_section  # noqa: E402
from flashsale import activities, flows, keys, rules  # noqa: E402
from flashsale.engine import GRAB  # noqa: E402
from flashsale.models import FlashActivity  # noqa: E402

SECRET = "bench-secret"
BIG = 2_000_000
SQL_SHARE = 0.2  # of the buyers: the baseline is far slower and needs fewer
WHAT_THE_GRAB_DOES = (
    "The grab's path: a WSGI layer in front of Flask serves a plain grab (bearer "
    "token, small JSON body) with the view's runtime and answers, and hands any "
    "other request to Flask (miniprogram_api/grab_path.py). One committer per "
    "process takes the grabs that arrived together: their grab scripts in one "
    "pipelined Redis round trip (every grab still checked atomically in Lua), "
    "then the wins written in one transaction: on PostgreSQL the row lock and "
    "reads in one pipelined round trip and the guarded sold update with the "
    "orders, lines and flash orders in one statement; on SQLite two reads, the "
    "guarded update and three driver executemany calls; then one confirm and, "
    "once per sale and deadline second, the expiry timer. The no-op stays a "
    "Flask JSON view and the baseline the peers' guarded UPDATE.")
BUSY_CORES = 0.25  # other processes using this much CPU make a run "busy"


def say_machine(when: str, loads: list[float]) -> None:
    loads.append(machine.load1())
    step(f"machine {when}: {machine.cores()} cores, load average {loads[-1]:.2f} "
         f"(this benchmark's own processes count in it)")


def embedded_redis_pids() -> list[int]:
    from app.redis import _embedded
    return [server.pid for server in _embedded.values() if server.pid]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def seed(app, buyers: int) -> dict:
    """A shop, a SKU for the flash sale and one for the baseline, two open
    sales (one for HTTP grabs, one for raw EVALSHA), and `buyers` users."""
    now = clock.now()
    with transaction() as s:
        owner = User(openid=f"bench-owner-{secrets.token_hex(4)}", nickname="owner",
                     created_at=now)
        s.add(owner)
        s.flush()
        shop = catalog.create_merchant(s, name="Bench", owner_id=owner.id, now=now)
        product = catalog.create_product(s, staff_id=owner.id, merchant_id=shop.id, now=now,
                                         data={"title": "Bench tea", "skus": [
                                             {"price_fen": 1000, "stock": BIG},
                                             {"price_fen": 1000, "stock": BIG},
                                             {"price_fen": 1000, "stock": BIG}]})
        flash_sku, raw_sku, sql_sku = (sku.id for sku in product.skus)
        sales = []
        for sku_id in (flash_sku, raw_sku):
            sale = activities.create(s, staff_id=owner.id, merchant_id=shop.id, now=now, data={
                "sku_id": sku_id, "price_fen": 500, "quota": rules.MAX_QUOTA,
                "per_user_limit": 1, "per_order_limit": 1, "starts_at": now - timedelta(minutes=1),
                "ends_at": now + timedelta(hours=2)})
            activities.publish(s, staff_id=owner.id, merchant_id=shop.id,
                               activity_id=sale.id, now=now)
            sales.append(sale.id)
        first = (s.scalar(select(func.max(User.id))) or 0) + 1
        s.execute(insert(User), [{"openid": f"bench-{first + i}", "nickname": "b",
                                  "created_at": now} for i in range(buyers)])
        ids = list(s.scalars(select(User.id).where(User.id >= first).order_by(User.id)))
    for sale_id in sales:  # a Redis reused across runs may hold an old sale of this id
        app.extensions["mall.redis"].delete(*keys.state_keys(sale_id))
        flows.load(sale_id)
    return {"flash": sales[0], "raw": sales[1], "sql_sku": sql_sku, "users": ids}


def grab_tokens(app, sale_id: int, users: list[int]) -> dict[int, str]:
    """Grab tokens written straight into Redis, valid for the whole run."""
    expires = rules.to_ms(clock.now() + timedelta(hours=1))
    made = {uid: secrets.token_urlsafe(16) for uid in users}
    pipe = app.extensions["mall.redis"].pipeline(transaction=False)
    for uid, token in made.items():
        pipe.set(keys.token(sale_id, uid), f"{token}:{expires}", px=3_600_000)
    pipe.execute()
    return made


def requests_for(path_of, users, bearer, body_of) -> list[bytes]:
    """One prepared request per buyer: each grab is somebody's first."""
    return [load.request("POST", path_of(uid), body=body_of(uid),
                         headers={"Authorization": f"Bearer {bearer[uid]}"})
            for uid in users]


def start_server(port: int, workers: int, env: dict) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "gunicorn", "-k", "gevent", "-w", str(workers),
           "--worker-connections", "2000", "--reuse-port", "-b", f"127.0.0.1:{port}",
           "--log-level", "warning",
           "bench.server:app"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as conn:
                conn.sendall(load.request("GET", "/bench/noop"))
                if b" 200 " in conn.recv(200):
                    return proc
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("the server did not start")


def phase(name: str, port: int, feed, args, probe: machine.Probe) -> load.Result:
    """One measurement: `feed` yields the prepared requests (each grab a new buyer)."""
    step(f"{name}: {args.connections} connections, 1 s warm-up, {args.seconds:g} s")
    used = {"n": 0}

    def next_request() -> bytes:
        used["n"] += 1
        item = next(feed, None)
        if item is None:
            raise SystemExit("ran out of buyers: raise --buyers")
        return item

    probe.start()
    result = load.run(port, next_request, connections=args.connections,
                      seconds=args.seconds)
    result.others = probe.stop()
    flag = " BUSY" if result.others >= BUSY_CORES else ""
    step(f"{name}: {result.rate:,.0f} req/s, p50 {result.pct(50):.1f} ms, "
         f"p99 {result.pct(99):.1f} ms, answers {dict(result.statuses)}; "
         f"other processes used {result.others:.2f} cores{flag}"
         f"{' (the database and Redis servers count here)' if name != 'noop' else ''}")
    result.sent = used["n"]
    return result


def evalsha_rate(app, sale_id: int, users: list[int], tokens_: dict, seconds: float) -> float:
    client = app.extensions["mall.redis"]
    GRAB.load(client)
    now_ms = rules.to_ms(clock.now())
    done, start, it = 0, time.perf_counter(), iter(users)
    while time.perf_counter() - start < seconds:
        pipe = client.pipeline(transaction=False)
        for uid in itertools.islice(it, 200):
            pipe.execute_command(*GRAB.command(
                keys.grab_keys(sale_id, uid),
                (uid, 1, tokens_[uid], now_ms, rules.RATE_BURST, rules.RATE_REFILL_MS)))
        answers = pipe.execute()
        if not answers:
            break
        assert all(a[0] == 1 for a in answers), answers[:3]
        done += len(answers)
    rate = done / (time.perf_counter() - start)
    step(f"evalsha: {rate:,.0f} grabs/s ({done:,} wins, pipelined 200 at a time)")
    return rate


def main() -> None:
    args = legs.parse(__doc__, connections=64, buyers=100_000)

    def run_and_report(db_url: str, loads: list[float]) -> None:
        runs, raw, sold = run_leg(db_url, args, loads)
        report(runs, raw, args, db_url, sold, loads)

    legs.run_legs(args, "bench-flashsale-", run_and_report)


def run_leg(db_url: str, args, loads: list[float]):
    """One database: seed, serve, measure the rounds, check the sales."""
    tmp = Path(tempfile.mkdtemp(prefix="bench-flashsale-"))
    step(f"database {db_url.split('@')[-1]}; migrating")
    upgrade(db_url)
    app = create_app(database_url=db_url, redis_url=os.environ.get("REDIS_URL", ""),
                     instance_dir=str(tmp), secret_key=SECRET)
    redis_url = app.extensions["mall.settings"].redis_url
    with app.app_context():
        step(f"seeding {args.buyers:,} buyers and two open sales")
        world = seed(app, args.buyers)
        users = world["users"]
        cut = len(users) - int(len(users) * SQL_SHARE)
        bearer = {uid: tokens.issue(SECRET, uid) for uid in users}
        flash_tokens = grab_tokens(app, world["flash"], users[:cut])
        raw_tokens = grab_tokens(app, world["raw"], users)
        grab_reqs = requests_for(lambda _: f"/mp/v1/flashsales/{world['flash']}/grab",
                                 users[:cut], bearer,
                                 lambda uid: json.dumps({"token": flash_tokens[uid]}).encode())
        sql_reqs = requests_for(lambda _: f"/bench/sql-grab/{world['sql_sku']}",
                                users[cut:], bearer, lambda _: b'{"quantity": 1}')
        noop_reqs = itertools.repeat(load.request("GET", "/bench/noop"))

        port = free_port()
        env = {**os.environ, "DATABASE_URL": db_url, "REDIS_URL": redis_url,
               "SECRET_KEY": SECRET, "PYTHONPATH": str(ROOT)}
        step(f"starting gunicorn -k gevent -w {args.workers} on port {port}")
        server = start_server(port, args.workers, env)
        probe = machine.Probe([os.getpid(), server.pid, *embedded_redis_pids()])
        feeds = {"noop": noop_reqs, "grab": iter(grab_reqs), "sql-grab": iter(sql_reqs)}
        runs: dict[str, list[load.Result]] = {name: [] for name in feeds}
        try:
            for round_no in range(1, args.rounds + 1):  # interleaved: load drifts hit all
                say_machine(f"before round {round_no} of {args.rounds}", loads)
                for name, feed in feeds.items():
                    runs[name].append(phase(name, port, feed, args, probe))
            say_machine("after the rounds", loads)
        finally:
            server.terminate()
            server.wait(timeout=30)
        raw = evalsha_rate(app, world["raw"], users, raw_tokens, args.seconds)
        with transaction() as s:
            sold = s.get(FlashActivity, world["flash"]).sold
        grab_sent = sum(r.sent for r in runs["grab"])
        assert all(r.statuses.keys() <= {201} for r in runs["grab"]), runs["grab"]
        step(f"check: the database sold {sold:,} units for {grab_sent:,} grabs sent "
             f"(every grab a win), quota never passed")
        assert sold == grab_sent
    app.extensions["mall.db"].dispose()
    stop_embedded()
    return runs, raw, sold


def report(runs: dict, raw: float, args, db_url: str, sold: int, loads: list[float]) -> None:
    """Medians over the rounds; each ratio is the median of the rounds' ratios."""
    mid = {name: sorted(rs, key=lambda r: r.rate)[len(rs) // 2] for name, rs in runs.items()}
    lines = [f"| {name} | {r.rate:,.0f} | {r.pct(50):.1f} / {r.pct(99):.1f} | "
             f"{', '.join(f'{x.rate:,.0f}' for x in runs[name])} |" for name, r in mid.items()]
    lines.append(f"| evalsha (pipelined, from one client) | {raw:,.0f} | - | - |")
    per_round = [(g.rate / n.rate, g.rate / q.rate)
                 for g, n, q in zip(runs["grab"], runs["noop"], runs["sql-grab"], strict=True)]
    to_noop = statistics.median(a for a, _ in per_round)
    to_sql = statistics.median(b for _, b in per_round)
    ratios = (f"grab / noop = **{to_noop:.2f}x** (rounds: "
              f"{', '.join(f'{a:.2f}' for a, _ in per_round)}; target >= 0.5x); "
              f"grab / sql-grab = **{to_sql:.1f}x** (rounds: "
              f"{', '.join(f'{b:.1f}' for _, b in per_round)}; target >= 10x)")
    header = ["| endpoint | req/s (median) | p50 / p99 ms | each round |",
              "| --- | ---: | ---: | --- |"]
    cores = machine.cores()
    # judged in the no-op phases: the grabs' own database and Redis servers are idle then
    others = [r.others for r in runs["noop"]]
    loaded = (f"other processes used {min(others):.2f}-{max(others):.2f} cores during the "
              f"no-op phases; load average {min(loads):.2f}-{max(loads):.2f}")
    state = (f"BUSY machine ({loaded}): other work shared the cores, so absolute figures "
             f"are low and noisy; read the same-run ratios" if max(others) >= BUSY_CORES
             else f"quiet machine ({loaded})")
    print("\n".join(["", *header, *lines, "", ratios, "", state]))
    if args.write:
        db = "SQLite (WAL)" if db_url.startswith("sqlite") else "PostgreSQL"
        body = [
            f"Command: `python -m bench.flashsale --seconds {args.seconds:g} "
            f"--rounds {args.rounds} --connections {args.connections} --workers {args.workers}"
            f" --write BENCHMARKS.md` (both legs; PostgreSQL from BENCH_PG_URL or "
            f"DATABASE_URL)",
            f"Machine: {cores} cores, {platform.machine()}, Python "
            f"{platform.python_version()}; {db}; gunicorn -k gevent -w {args.workers}; "
            f"load from one asyncio process on the same machine, keep-alive; {state}.",
            "", *header, *lines, "", ratios, "",
            f"Every measured grab was a win that wrote a pending order; afterwards the "
            f"database held exactly {sold:,} sold units, one per acknowledged grab.",
            "", WHAT_THE_GRAB_DOES,
        ]
        write_section(Path(args.write), f"Flash sale ({db})", "\n".join(body))
        step(f"wrote {args.write}")


if __name__ == "__main__":
    try:
        main()
    finally:
        stop_embedded()  # the embedded Redis would outlive us otherwise
