"""A whole live sale under load: one live room, viewers watching (lean
Socket.IO clients, bench/live_clients.py), a chat stream and likes; the
host starts an in-room flash sale and every signed-in buyer grabs at once,
then the winners pay through the sandbox provider (prepay, the payer's
confirmation, a worker posting the signed notice to the notify URL, the
notice verified and applied, its consequences run by the workers from the
outbox: commission, membership, the room's statistics).

  python -m bench.live_sale [--viewers 2000] [--buyers 5000] [--units 500]
      [--chat-rate 20] [--like-rate 60] [--nodes 1] [--gunicorn-workers 2]
      [--rq-workers 2] [--connections 200] [--calm-seconds 3]
      [--sale-seconds 8] [--write BENCHMARKS.md]

Each node is `gunicorn -k gevent` (the flash-sale bench's bench.server:app,
with the repository's gunicorn.conf.py); the nodes and `python worker.py`
workers share the database, the Redis and Socket.IO's Redis message queue.
With --nodes 2 the viewers, chatters, likers and buyers are spread over both
nodes and the workers post notices to both. DATABASE_URL / REDIS_URL pick
the database and Redis (default: a new SQLite file and an embedded Redis).

Reported: time to sold out (from the host's sale_start to the last unit's
acknowledged grab), grab p50/p99, chat delivery p50/p99 before and during
the sale (from the sender's send time in the message to each viewer),
notices/s and paid orders with every consequence applied per second, and
the checks: none oversold, orders = acknowledged wins, one payment per
order, every viewer on every node received every accepted message.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import math
import os
import platform
import signal
import sys
import tempfile
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import live_sale_crowd as crowd  # noqa: E402
from bench.live_fanout import merge  # noqa: E402
from bench.live_sale_checks import LEVEL_BPS, check, failures, wait_settled  # noqa: E402
from bench.live_server import Proc, free_port  # noqa: E402

SECRET = "bench-secret"
PRICE_FEN, FLASH_FEN = 9900, 4900
DRAIN_S = 10
TARGETS = {"chat_p99_ms": 150, "grab_p99_ms": 250, "sold_out_s": 3.0}


@dataclass
class Config:
    viewers: int = 2000
    buyers: int = 5000
    units: int = 500
    chat_rate: float = 20.0
    like_rate: float = 60.0
    likers: int = 20
    nodes: int = 1
    gunicorn_workers: int = 2
    rq_workers: int = 2
    connections: int = 200
    calm_seconds: float = 3.0
    sale_seconds: float = 8.0
    viewers_per_proc: int = 1000
    settle_timeout_s: float = 120.0



def _run_apart(coroutine):
    """asyncio.run on a thread of its own: the caller may already be running
    an event loop (a test session's Playwright keeps one in its thread)."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()

def step(text: str) -> None:
    print(f"[live-sale {time.strftime('%H:%M:%S')}] {text}", flush=True)


# -- the world ----------------------------------------------------------------

def seed(cfg: Config) -> dict:
    """In the app's context: a shop with a two-level commission rule, a live
    room with one product on its shelf, two distributors, every buyer bound
    to the lower one; chatters, likers and buyers with their bearer tokens."""
    from flask import current_app
    from sqlalchemy import insert, select

    from app import clock
    from app.auth import tokens
    from app.auth.models import User
    from app.catalog import service as catalog
    from app.db import transaction
    from live import recovery, rooms
    from live.engine import current as engine
    from referral.models import Binding, Distributor
    from referral.settings import save_rules

    secret = current_app.extensions["mall.settings"].secret_key
    now, tag = clock.now(), uuid.uuid4().hex[:8]
    chatters = cfg.nodes * (math.ceil(cfg.chat_rate / cfg.nodes * 2.2) + 1)
    with transaction() as s:
        people = 3 + chatters + cfg.likers + cfg.buyers
        s.execute(insert(User), [{"openid": f"sale-{tag}-{i}", "nickname": f"fan{i}",
                                  "created_at": now} for i in range(people)])
        ids = list(s.scalars(select(User.id).where(User.openid.like(f"sale-{tag}-%"))
                             .order_by(User.id)))
        host, top, mid = ids[:3]
        talkers, likers, buyers = (ids[3:3 + chatters], ids[3 + chatters:3 + chatters + cfg.likers],
                                   ids[3 + chatters + cfg.likers:])
        shop = catalog.create_merchant(s, name="Live sale", owner_id=host, now=now)
        product = catalog.create_product(s, staff_id=host, merchant_id=shop.id, now=now, data={
            "title": "Anxi Tieguanyin", "status": "on_sale",
            "skus": [{"price_fen": PRICE_FEN, "stock": cfg.units * 2}]})
        save_rules(s, shop.id, {"level_bps": LEVEL_BPS}, now)
        s.execute(insert(Distributor), [
            {"merchant_id": shop.id, "user_id": u, "status": "active", "tier_rank": 0,
             "invite_code": f"S{tag[:6]}{n}", "applied_at": now, "joined_at": now}
            for n, u in enumerate((top, mid))])
        s.execute(insert(Binding), [{"merchant_id": shop.id, "user_id": u, "referrer_id": r,
                                     "via": "invite", "bound_at": now}
                                    for u, r in [(mid, top)] + [(b, mid) for b in buyers]])
        room = rooms.create(s, staff_id=host, merchant_id=shop.id, now=now,
                            data={"title": "Live sale", "shelf": [product.id]})
        rooms.move(room, "live", now)
        s.flush()
        world = {"room_id": room.id, "sku_id": product.skus[0].id, "merchant_id": shop.id,
                 "distributors": [top, mid], "buyer_ids": buyers}
    # the room's Redis state as its first join would load it (2,000 joins at
    # once would otherwise queue on its rebuild lock)
    recovery.ensure(transaction, engine(), world["room_id"], now)
    bearer = lambda uid: tokens.issue(secret, uid)  # noqa: E731
    world.update(host_token=bearer(host), chatter_tokens=[bearer(u) for u in talkers],
                 liker_tokens=[bearer(u) for u in likers],
                 buyer_tokens=[bearer(u) for u in buyers])
    return world


# -- the processes ------------------------------------------------------------

def _env(settings, work: Path, channel: str, **more) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SOCKETIO_")}
    env.update(DATABASE_URL=settings.database_url, REDIS_URL=settings.redis_url,
               SECRET_KEY=settings.secret_key, INSTANCE_DIR=str(work / "instance"),
               SOCKETIO_CHANNEL=channel, PYTHONUNBUFFERED="1", PYTHONWARNINGS="ignore",
               PYTHONPATH=str(ROOT), **more)
    return env


def start_node(settings, work: Path, channel: str, workers: int) -> tuple[Proc, str]:
    """One gunicorn gevent node on a free port (wait_ready before using it)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = _env(settings, work, channel, PUBLIC_BASE_URL=url)
    node = Proc([sys.executable, "-m", "gunicorn", "-k", "gevent", "-w", str(workers),
                 "--worker-connections", "10000", "--graceful-timeout", "3",
                 "-b", f"127.0.0.1:{port}", "--log-level", "warning", "bench.server:app"], env,
                log=work / f"node-{port}.log")
    return node, url


def wait_ready(node: Proc, url: str, work: Path) -> None:
    """Until the node's no-op answers (every worker of it is up soon after)."""
    import urllib.request

    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and node.p.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/bench/noop", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"node {url} did not start: see its log in {work}")


def start_worker(settings, work: Path, channel: str, notify_to: str, n: int) -> Proc:
    env = _env(settings, work, channel, PUBLIC_BASE_URL=notify_to,
               PAY_NOTIFY_URL=f"{notify_to}/pay/notify/wechat")
    return Proc([sys.executable, "worker.py"], env, log=work / f"worker-{n}.log")


def _clients(kind: str, url: str, room_id: int, *args: str) -> Proc:
    return Proc([sys.executable, "-m", "bench.live_clients", kind, url, str(room_id), *args],
                dict(os.environ, PYTHONUNBUFFERED="1", PYTHONPATH=str(ROOT)))


# -- one run ------------------------------------------------------------------

def _split(total: int, parts: int) -> list[int]:
    return [total // parts + (i < total % parts) for i in range(parts)]


def _chat_phase(phase: str, senders: list[Proc], viewers: list[list[Proc]], cfg: Config,
                seconds: float, during=None) -> tuple[list[dict], object]:
    """Chat at cfg.chat_rate (split over the nodes' senders) for `seconds`;
    `during()` runs once the chat has begun. Returns each node's figures."""
    rate = cfg.chat_rate / len(senders)
    for s in senders:
        s.say(f"RUN {phase} {rate:g} {seconds:g}")
    for s in senders:
        s.expect_json(120)  # joined
    time.sleep(1.2)  # the senders wait 1 s after joining, then chat
    extra = during() if during else None
    sent = [s.expect_json(seconds + 300) for s in senders]
    total = {"sent": sum(x["sent"] for x in sent), "start": min(x["start"] for x in sent),
             "end": max(x["end"] for x in sent), "answers": {}}
    for x in sent:
        for k, v in x["answers"].items():
            total["answers"][k] = total["answers"].get(k, 0) + v
    ok = total["answers"].get("ok", 0)
    for procs in viewers:
        for v in procs:
            v.say(f"WAIT {phase} {ok} {DRAIN_S}")
    per_node = []
    for procs, n in zip(viewers, _split(cfg.viewers, len(viewers)), strict=True):
        parts = [v.expect_json(DRAIN_S + 60) for v in procs]
        per_node.append(merge(parts, total, n))
    return per_node, extra


def run(cfg: Config, app, work: Path) -> dict:
    """Seed, start the nodes, workers and clients, run the sale, check it."""
    settings = app.extensions["mall.settings"]
    (work / "instance").mkdir(parents=True, exist_ok=True)
    with app.app_context():
        world = seed(cfg)
    step(f"room {world['room_id']}: {cfg.buyers:,} buyers, {cfg.viewers:,} viewers, "
         f"{cfg.units} units, {cfg.nodes} node(s)")
    channel = f"live-sale-{uuid.uuid4().hex}"
    procs: list[Proc] = []
    try:
        nodes = [start_node(settings, work, channel, cfg.gunicorn_workers)
                 for _ in range(cfg.nodes)]
        procs += [p for p, _ in nodes]
        urls = [u for _, u in nodes]
        procs += [start_worker(settings, work, channel, urls[i % len(urls)], i)
                  for i in range(cfg.rq_workers)]
        for node, url in nodes:
            wait_ready(node, url, work)
        step(f"nodes {', '.join(urls)}; {cfg.rq_workers} rq workers")
        viewers = []
        for url, n in zip(urls, _split(cfg.viewers, cfg.nodes), strict=True):
            split = _split(n, max(1, math.ceil(n / cfg.viewers_per_proc)))
            viewers.append([_clients("viewers", url, world["room_id"], str(k)) for k in split])
        procs += [v for vs in viewers for v in vs]
        senders = []
        tokens = world["chatter_tokens"]
        for i, url in enumerate(urls):
            s = _clients("senders", url, world["room_id"])
            s.say("TOKENS " + " ".join(tokens[i::cfg.nodes]))
            senders.append(s)
        procs += senders
        for p in [v for vs in viewers for v in vs] + senders:
            p.expect_exact("READY", 600)
        step("every viewer joined")
        load_before = os.getloadavg()
        calm = _chat_phase("calm", senders, viewers, cfg, cfg.calm_seconds) \
            if cfg.calm_seconds > 0 else (None, None)
        buyers = [crowd.Buyer(i % cfg.nodes, t) for i, t in enumerate(world["buyer_tokens"])]

        def the_sale():
            return _run_apart(crowd.run(
                urls=urls, room_id=world["room_id"], sku_id=world["sku_id"],
                host_token=world["host_token"],
                liker_tokens=world["liker_tokens"], buyers=buyers, units=cfg.units,
                price_fen=FLASH_FEN, like_rate=cfg.like_rate,
                like_seconds=max(1.0, cfg.sale_seconds - 1), connections=cfg.connections))
        step("the sale: chat, likes, the host starts it, every buyer grabs")
        chat, sale = _chat_phase("sale", senders, viewers, cfg, cfg.sale_seconds, the_sale)
        load_during = os.getloadavg()
        step("waiting for every payment and its consequences")
        with app.app_context():
            settled = wait_settled(sale, cfg.settle_timeout_s)
            step(f"{settled['events_done']} paid orders with every consequence applied")
            checks = check(world, sale)
        for p in senders + [v for vs in viewers for v in vs]:
            p.say("STOP")
    finally:
        for p in reversed(procs):
            p.stop()
        step("every process stopped")
    return figures(cfg, world, sale, calm[0], chat, settled, checks, load_before, load_during)


def _pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p / 100 * len(xs)))] if xs else float("nan")


def figures(cfg, world, sale, calm, chat, settled, checks, load_before, load_during) -> dict:
    wins = sorted(sale.win_times)
    sold_out = (wins[cfg.units - 1] - sale.started) if len(wins) >= cfg.units else None
    nodes = []
    for i, t in enumerate(sale.nodes):
        nodes.append({"node": i + 1, "grabs": sum(t.grabs.values()), "resolved": t.resolved,
                      "retried": t.retried,
                      "answers": {str(k): v for k, v in t.grabs.items()}, "wins": len(t.wins),
                      "token_p50_ms": _pct(t.token_ms, 50), "token_p99_ms": _pct(t.token_ms, 99),
                      "grab_p50_ms": _pct(t.grab_ms, 50), "grab_p99_ms": _pct(t.grab_ms, 99),
                      "pay_p50_ms": _pct(t.pay_ms, 50), "pay_p99_ms": _pct(t.pay_ms, 99),
                      "chat": chat[i], "calm_chat": calm[i] if calm else None})
    grab_ms = [x for t in sale.nodes for x in t.grab_ms]
    return {"config": asdict(cfg), "room_id": world["room_id"],
            "activity_id": sale.activity_id, "sale_start_ack_ms": sale.acked_ms,
            "sold_out_s": sold_out, "all_answered_s": sale.done - sale.started,
            "grab_p50_ms": _pct(grab_ms, 50), "grab_p99_ms": _pct(grab_ms, 99),
            "chat_p50_ms": _chat_pct(chat, "p50_ms"), "chat_p99_ms": _chat_pct(chat, "p99_ms"),
            "chat_lost": sum(c["lost"] for c in chat),
            "calm_chat_p99_ms": _chat_pct(calm, "p99_ms") if calm else None,
            "likes": dict(sale.likes), "settled": settled, "checks": checks, "nodes": nodes,
            "load_before": load_before, "load_during": load_during}


def _chat_pct(per_node: list[dict], key: str) -> float:
    """The worst node's figure (each node's is over all its viewers)."""
    return max(c[key] for c in per_node)


# -- the command --------------------------------------------------------------

def main() -> None:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the children too
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    for name, default in asdict(Config()).items():
        p.add_argument("--" + name.replace("_", "-"), type=type(default), default=default)
    p.add_argument("--write", type=Path, help="record the figures in this file")
    args = p.parse_args()
    cfg = Config(**{k: getattr(args, k) for k in asdict(Config())})
    from app import create_app
    from app.migrate import upgrade
    from app.redis import embedded_url, stop_embedded

    work = Path(tempfile.mkdtemp(prefix="live-sale-"))
    db_url = os.environ.get("DATABASE_URL") or f"sqlite:///{work / 'bench.db'}"
    began = time.monotonic()
    try:
        upgrade(db_url)
        redis_url = os.environ.get("REDIS_URL") or embedded_url(str(work))
        app = create_app(database_url=db_url, redis_url=redis_url, secret_key=SECRET,
                         instance_dir=str(work / "instance"))
        f = run(cfg, app, work)
    finally:
        stop_embedded()
    from bench.live_sale_report import render

    db = "PostgreSQL" if db_url.startswith("postgres") else "SQLite (WAL)"
    redis_kind = "Redis" if os.environ.get("REDIS_URL") else "embedded Redis"
    body = render(f, db=db, redis=redis_kind, took_s=time.monotonic() - began,
                  argv=sys.argv[1:], machine=f"{os.cpu_count()} cores, "
                  f"{platform.machine()}, Python {platform.python_version()}",
                  targets=TARGETS, failed=failures(f))
    print(body)
    if args.write:
        from bench.report import write_section

        nodes = f"{cfg.nodes} nodes" if cfg.nodes > 1 else "one node"
        write_section(args.write, f"Live sale (bench/live_sale.py, {nodes}, {db})", body)
        step(f"wrote {args.write}")
    if failures(f):
        raise SystemExit("checks failed: " + "; ".join(failures(f)))


if __name__ == "__main__":
    main()
