"""Ledger benchmark: post 3-level commission for N paid two-line orders and
settle them, through the referral services on SQLite, against a raw sqlite3
baseline writing exactly the same rows (attributions, commissions, ledger
transactions and entries, the same 500-order transactions) in the same run.
Then the same settlement over a tree of distributors 500x larger: its time
follows the orders settled, not the size of the tree.

Run: python bench/ledger.py [--orders 10000] [--small-tree 100] [--big-tree 50000]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, select, update  # noqa: E402

from app.auth.models import User  # noqa: E402
from app.catalog import service as catalog  # noqa: E402
from app.db import Database  # noqa: E402
from app.migrate import upgrade  # noqa: E402
from app.orders.models import Order, OrderLine  # noqa: E402
from referral import commission, ledger, settlement  # noqa: E402
from referral.models import Binding, Distributor  # noqa: E402
from referral.settings import save_rules  # noqa: E402

NOW = datetime(2026, 11, 24, tzinfo=UTC)
BATCH = 500
BUYERS = 2000
REFERRERS = 50  # buyers are bound below 50 distributors at depth >= 2
WRITTEN = {  # table -> columns the services wrote, replayed by the baseline
    "ref_attributions": ("order_id", "merchant_id", "buyer_id", "chain", "goods_fen", "status",
                         "paid_at", "settled_at"),
    "ref_commissions": ("id", "order_id", "order_line_id", "merchant_id", "level", "user_id",
                        "line_fen", "full_fen", "refunded_fen", "owed_fen"),
    "ledger_accounts": ("id", "merchant_id", "kind", "user_id"),
    "ledger_txns": ("id", "key", "merchant_id", "kind", "order_id", "created_at"),
    "ledger_entries": ("id", "txn_id", "account_id", "amount_fen", "created_at"),
}


def seed(db: Database, orders: int, tree: int, rng: random.Random) -> tuple[int, list[int]]:
    """A merchant at 1000/500/200 bps, `tree` distributors in a random tree,
    buyers bound to REFERRERS of them at depth >= 2 (every order pays three
    levels), and
    `orders` paid two-line orders. Returns (merchant id, order ids)."""
    with db.transaction() as s:
        s.execute(insert(User), [{"openid": f"u{i}", "nickname": f"u{i}", "created_at": NOW}
                                 for i in range(tree + BUYERS + 1)])
        ids = list(s.scalars(select(User.id).order_by(User.id)))
        merchant = catalog.create_merchant(s, name="Bench", owner_id=ids[0], now=NOW).id
        product = catalog.create_product(s, staff_id=ids[0], merchant_id=merchant, now=NOW, data={
            "title": "Tea", "status": "on_sale", "skus": [{"price_fen": 3333, "stock": 10**6}]})
        sku = product.skus[0].id
        save_rules(s, merchant, {"level_bps": (1000, 500, 200)}, NOW)
        members, buyers = ids[1:tree + 1], ids[tree + 1:]
        s.execute(insert(Distributor), [
            {"merchant_id": merchant, "user_id": u, "status": "active", "tier_rank": 0,
             "invite_code": f"B{u:07d}", "applied_at": NOW, "joined_at": NOW} for u in members])
        depth, links = {members[0]: 0}, []
        for u in members[1:]:
            parent = members[rng.randrange(len(depth))]  # any earlier member
            depth[u] = depth[parent] + 1
            links.append((u, parent))
        # the same number of referrers in every tree, so each run touches as
        # many accounts: what differs is only the size of the tree around them
        deep = rng.sample(sorted(u for u, d in depth.items() if d >= 2), REFERRERS)
        links += [(b, rng.choice(deep)) for b in buyers]
        s.execute(insert(Binding), [{"merchant_id": merchant, "user_id": u, "referrer_id": p,
                                     "via": "invite", "bound_at": NOW} for u, p in links])
        order_ids = _orders(s, merchant, product.id, sku, buyers, orders, rng)
    return merchant, order_ids


def _orders(s, merchant, product_id, sku, buyers, n, rng) -> list[int]:
    s.execute(insert(Order), [
        {"buyer_id": rng.choice(buyers), "merchant_id": merchant, "status": "to_ship",
         "goods_fen": 3333 * 3, "total_fen": 3333 * 3, "pay_deadline": NOW, "created_at": NOW,
         "paid_at": NOW} for _ in range(n)])
    order_ids = list(s.scalars(select(Order.id).order_by(Order.id)))
    s.execute(insert(OrderLine), [
        {"order_id": o, "sku_id": sku, "product_id": product_id, "title": "Tea",
         "unit_price_fen": 3333, "quantity": q, "amount_fen": 3333 * q}
        for o in order_ids for q in (1, 2)])
    return order_ids


def batches(ids: list[int]):
    for i in range(0, len(ids), BATCH):
        yield ids[i:i + BATCH]


def run_services(db: Database, order_ids: list[int]) -> tuple[float, float]:
    """(post seconds, settle seconds) through accrue_many and settle_many."""
    start = time.perf_counter()
    for chunk in batches(order_ids):
        with db.transaction() as s:
            assert len(commission.accrue_many(s, chunk, NOW)) == len(chunk)
    posted = time.perf_counter() - start
    with db.transaction() as s:  # the after-sale windows close (not timed)
        s.execute(update(Order).values(status="completed", completed_at=NOW))
    start = time.perf_counter()
    for chunk in batches(order_ids):
        with db.transaction() as s:
            assert len(settlement.settle_many(s, chunk, NOW + timedelta(days=8))[0]) == len(chunk)
    return posted, time.perf_counter() - start


def written_rows(path: Path, order_ids: list[int]) -> dict:
    """What the services wrote, per order batch, for the baseline to replay."""
    conn = sqlite3.connect(path)
    rows = {t: conn.execute(f"SELECT {', '.join(c)} FROM {t} ORDER BY 1").fetchall()
            for t, c in WRITTEN.items()}
    conn.close()
    return rows


def run_baseline(path: Path, rows: dict, order_ids: list[int]) -> tuple[float, float]:
    """Raw sqlite3, same pragmas and batches: the same inserts, then the same
    settlement (status updates, transactions, entries). Rows are grouped per
    batch before the clock starts."""
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON"):
        conn.execute(f"PRAGMA {pragma}")
    plan = [_batch_rows(rows, chunk) for chunk in batches(order_ids)]
    start = time.perf_counter()
    _insert(conn, "ledger_accounts", rows["ledger_accounts"])
    for accrue, _settle in plan:
        conn.execute("BEGIN IMMEDIATE")
        for table, values in accrue:
            _insert(conn, table, values)
        conn.execute("COMMIT")
    posted = time.perf_counter() - start
    start = time.perf_counter()
    for chunk, (_accrue, settle) in zip(batches(order_ids), plan, strict=True):
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE ref_attributions SET status='available', settled_at=? "
                     "WHERE order_id BETWEEN ? AND ? AND status='pending'",
                     (NOW.isoformat(), chunk[0], chunk[-1]))
        for table, values in settle:
            _insert(conn, table, values)
        conn.execute("COMMIT")
    settled = time.perf_counter() - start
    conn.close()
    return posted, settled


def _batch_rows(rows: dict, chunk: list[int]) -> tuple[list, list]:
    """The rows of one batch of orders: (accrual inserts, settlement inserts)."""
    lo, hi = chunk[0], chunk[-1]
    txns = {kind: [t for t in rows["ledger_txns"] if t[1].startswith(kind) and lo <= t[4] <= hi]
            for kind in ("accrue-", "settle-")}
    ids = {kind: {t[0] for t in ts} for kind, ts in txns.items()}
    entries = {kind: [e for e in rows["ledger_entries"] if e[1] in ids[kind]] for kind in txns}
    atts = [(*a[:5], "pending", a[6], None) for a in rows["ref_attributions"] if lo <= a[0] <= hi]
    comms = [c for c in rows["ref_commissions"] if lo <= c[1] <= hi]
    return ([("ref_attributions", atts), ("ref_commissions", comms),
             ("ledger_txns", txns["accrue-"]), ("ledger_entries", entries["accrue-"])],
            [("ledger_txns", txns["settle-"]), ("ledger_entries", entries["settle-"])])


def _insert(conn, table: str, values: list[tuple]) -> None:
    if values:
        marks = ", ".join("?" * len(values[0]))
        conn.executemany(f"INSERT INTO {table} ({', '.join(WRITTEN[table])}) VALUES ({marks})",
                         values)


def prepare(workdir: Path, name: str, orders: int, tree: int) -> tuple[Path, list[int]]:
    """A migrated, seeded database and a byte copy of it for the baseline."""
    path = workdir / f"{name}.db"
    upgrade(f"sqlite:///{path}")
    db = Database(f"sqlite:///{path}")
    _, order_ids = seed(db, orders, tree, random.Random(7))
    db.dispose()
    copy = sqlite3.connect(workdir / f"{name}-raw.db")
    source = sqlite3.connect(path)
    source.backup(copy)
    source.close()
    copy.close()
    return path, order_ids


def measure(workdir: Path, name: str, orders: int, tree: int, baseline: bool) -> dict:
    path, order_ids = prepare(workdir, name, orders, tree)
    db = Database(f"sqlite:///{path}")
    posted, settled = run_services(db, order_ids)
    with db.transaction() as s:
        assert ledger.unbalanced(s) == [] and ledger.total(s) == 0
    db.dispose()
    out = {"name": name, "orders": orders, "tree": tree, "post_s": posted, "settle_s": settled}
    if baseline:
        raw = run_baseline(workdir / f"{name}-raw.db", written_rows(path, order_ids), order_ids)
        out["raw_post_s"], out["raw_settle_s"] = raw
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=10_000)
    parser.add_argument("--small-tree", type=int, default=100)
    parser.add_argument("--big-tree", type=int, default=50_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        main_run = measure(work, "main", args.orders, args.small_tree, baseline=True)
        half = measure(work, "half", args.orders // 2, args.small_tree, baseline=False)
        big = measure(work, "bigtree", args.orders, args.big_tree, baseline=False)
    report(main_run, half, big)


def report(main_run: dict, half: dict, big: dict) -> None:
    n = main_run["orders"]
    ours = 2 * n / (main_run["post_s"] + main_run["settle_s"])
    raw = 2 * n / (main_run["raw_post_s"] + main_run["raw_settle_s"])
    print(f"{n} paid orders, 2 lines each, 3 levels, {BATCH} orders per transaction (SQLite)")
    print(f"  services   post {n / main_run['post_s']:8.0f} orders/s   settle "
          f"{n / main_run['settle_s']:8.0f} orders/s")
    print(f"  raw sqlite post {n / main_run['raw_post_s']:8.0f} orders/s   settle "
          f"{n / main_run['raw_settle_s']:8.0f} orders/s")
    print(f"  post+settle: services {ours:.0f} vs raw {raw:.0f} order-steps/s, "
          f"ratio {ours / raw:.2f}x (target >= 0.5x)")
    print("settlement time by orders and tree size:")
    for run in (half, main_run, big):
        print(f"  {run['orders']:6d} orders, tree {run['tree']:6d} distributors: settle "
              f"{run['settle_s']:.3f} s ({run['settle_s'] / run['orders'] * 1e6:.0f} us/order), "
              f"post {run['post_s']:.3f} s")


if __name__ == "__main__":
    main()
