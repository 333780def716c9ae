"""Checkout benchmark: a cart of 3 lines with a coupon to a created order,
through one gunicorn + gevent server (the production way), against the same
server's no-op endpoint in the same run:

  noop      GET /bench/noop, a no-op JSON answer (the stack's floor)
  checkout  POST /mp/v1/orders {"cart": true, "coupon_id", "request_id"}:
            every request a different buyer whose cart holds the same 3 lines
            (1, 2 and 3 units of three SKUs) and who holds the shop's coupon
            (500 off from 3000): the cart read, the SKUs priced, the coupon
            step, stock taken for each line, the order and its lines written,
            the coupon marked used, the cart lines removed, the request_id
            kept, the address copied, postage priced from the freight
            template for the address's region, the expiry timer enqueued

and checks afterwards that the database holds one order per 201 answer,
each of 3 lines at the expected amounts with its coupon used, and the carts
of exactly those buyers emptied.

  python -m bench.checkout [--seconds 5] [--rounds 3] [--connections 32]
                           [--workers 2] [--buyers 20000] [--legs sqlite,postgresql]
                           [--write BENCHMARKS.md]

Rounds interleave noop and checkout; the figures are medians over the
rounds, the ratio the median of the rounds' ratios. Legs as in
bench/flashsale.py: SQLite in a temp dir, PostgreSQL from BENCH_PG_URL or
DATABASE_URL (skipped without either); REDIS_URL picks the Redis (default:
an embedded one). Every buyer has a delivery address (Hangzhou or Urumqi,
alternating) and the product a freight template, so each checkout also
prices postage for 6 pieces to that region (1,800 or 4,500 fen).
"""

from __future__ import annotations

import itertools
import json
import os
import platform
import secrets
import statistics
import sys
import tempfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, insert, select, update

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import clock, create_app  # noqa: E402
from app.addresses.models import Address  # noqa: E402
from app.auth import tokens  # noqa: E402
from app.auth.models import User  # noqa: E402
from app.cart.models import CartLine  # noqa: E402
from app.catalog import service as catalog  # noqa: E402
from app.catalog.models import Product  # noqa: E402
from app.coupons import service as coupons  # noqa: E402
from app.coupons.models import Coupon, UserCoupon  # noqa: E402
from app.db import transaction  # noqa: E402
from app.freight import templates as freight  # noqa: E402
from app.freight.schemas import FreightTemplateIn  # noqa: E402
from app.migrate import upgrade  # noqa: E402
from app.orders.models import Order, OrderLine  # noqa: E402
from app.redis import stop_embedded  # noqa: E402
from app.regions import dataset as regions  # noqa: E402
from bench import legs, load, machine  # noqa: E402
from bench.flashsale import (  # noqa: E402
    BUSY_CORES,
    embedded_redis_pids,
    free_port,
    phase,
    say_machine,
    start_server,
)
from bench.legs import step  # noqa: E402
from bench.report import write_section  # noqa: E402

SECRET = "bench-secret"
BIG = 2_000_000
CART = ((1000, 1), (2000, 2), (500, 3))  # (unit price fen, quantity) of the 3 lines
GOODS_FEN = sum(price * qty for price, qty in CART)  # 6500
COUPON = {"name": "500 off", "kind": "amount_off", "amount_fen": 500, "min_spend_fen": 3000,
          "valid_days": 7}
WHAT_THE_CHECKOUT_DOES = (
    "Each checkout is a new buyer's `POST /mp/v1/orders` with `cart: true`, the held coupon "
    "and a request_id, in one transaction: the request_id looked up, the 3 selected cart "
    "lines read, the SKUs loaded and priced, the checkout steps run (member tier, coupon, "
    "points), stock taken for each line by a guarded update, the order and its lines "
    "inserted in a savepoint (the request_id's unique index), the coupon marked used, the "
    "cart lines removed; after the commit the order's expiry timer is enqueued on RQ. The "
    "no-op is a Flask JSON view on the same server.")


# the shop's freight template: by the piece, 8 yuan the first and 2 yuan each
# more; Xinjiang 20 yuan and 5 yuan each more; never free (a cart of 6 pieces)
FREIGHT = {"name": "Bench parcel", "method": "piece",
           "default": {"first_units": 1, "first_fee_fen": 800, "additional_units": 1,
                       "additional_fee_fen": 200},
           "groups": [{"regions": ["650000"], "first_units": 1, "first_fee_fen": 2000,
                       "additional_units": 1, "additional_fee_fen": 500}]}
# buyers alternate between Hangzhou Xihu (the default fees) and Urumqi Tianshan
REGIONS = ("330106", "650102")
POSTAGE_FEN = {"330106": 800 + 5 * 200, "650102": 2000 + 5 * 500}


def delivery(session, *, merchant_id: int, product_id: int,
             buyers: list[int]) -> Callable[[int], dict]:
    """The shop's freight template named on the product, and every buyer an
    address (one bulk insert, names from the regions dataset); returns, for a
    buyer id, what that buyer's checkout body adds: the address."""
    now = clock.now()
    template = freight.create(session, merchant_id, FreightTemplateIn().load(FREIGHT), now)
    session.execute(update(Product).where(Product.id == product_id)
                    .values(freight_template_id=template.id))
    places = {code: regions.district(code) for code in REGIONS}
    rows = []
    for i, uid in enumerate(buyers):
        place = places[REGIONS[i % len(REGIONS)]]
        rows.append({"user_id": uid, "recipient": "张三", "phone": "13800138000",
                     "region_code": place.code, "province": place.province,
                     "city": place.city, "district": place.district,
                     "detail": "1 号", "tag": "", "is_default": True, "created_at": now,
                     "updated_at": now})
    session.execute(insert(Address), rows)
    address_of = dict(session.execute(select(Address.user_id, Address.id)
                                      .where(Address.user_id.in_(buyers))).all())
    return lambda uid: {"address_id": address_of[uid]}


def seed(buyers: int) -> dict:
    """A shop with three SKUs and an active coupon, and `buyers` users, each
    with the three SKUs in the cart (selected) and the coupon held."""
    now = clock.now()
    with transaction() as s:
        owner = User(openid=f"bench-owner-{secrets.token_hex(4)}", nickname="owner",
                     created_at=now)
        s.add(owner)
        s.flush()
        shop = catalog.create_merchant(s, name="Bench", owner_id=owner.id, now=now)
        product = catalog.create_product(s, staff_id=owner.id, merchant_id=shop.id, now=now,
                                         data={"title": "Bench tea", "skus": [
                                             {"price_fen": price, "stock": BIG}
                                             for price, _ in CART]})
        skus = [sku.id for sku in product.skus]
        coupon = coupons.create(s, staff_id=owner.id, merchant_id=shop.id, now=now,
                                data={**COUPON, "total": buyers})
        coupons.set_status(s, staff_id=owner.id, merchant_id=shop.id, coupon_id=coupon.id,
                           target="active")
        ids = _users(s, buyers, now)
        s.execute(insert(CartLine), [
            {"buyer_id": uid, "sku_id": sku, "quantity": qty, "selected": True,
             "price_at_add_fen": price, "added_at": now}
            for uid in ids for sku, (price, qty) in zip(skus, CART, strict=True)])
        s.execute(insert(UserCoupon), [
            {"coupon_id": coupon.id, "user_id": uid, "merchant_id": shop.id, "seq": 1,
             "status": "unused", "valid_from": now, "valid_until": now + timedelta(days=7),
             "source": "grant", "discount_fen": 0, "claimed_at": now} for uid in ids])
        s.execute(update(Coupon).where(Coupon.id == coupon.id).values(claimed=buyers))
        held = dict(s.execute(select(UserCoupon.user_id, UserCoupon.id)
                              .where(UserCoupon.coupon_id == coupon.id)).all())
        extra = delivery(s, merchant_id=shop.id, product_id=product.id, buyers=ids)
    return {"users": ids, "held": held, "extra": extra, "coupon": coupon.id, "skus": skus,
            "merchant": shop.id}


def _users(s, n: int, now) -> list[int]:
    first = (s.scalar(select(func.max(User.id))) or 0) + 1
    s.execute(insert(User), [{"openid": f"bench-{first + i}-{secrets.token_hex(3)}",
                              "nickname": "b", "created_at": now} for i in range(n)])
    return list(s.scalars(select(User.id).where(User.id >= first).order_by(User.id)))


def checkout_requests(world: dict) -> list[bytes]:
    """One prepared request per buyer: each checkout empties that buyer's cart."""
    out = []
    for uid in world["users"]:
        body = {"cart": True, "coupon_id": world["held"][uid],
                "request_id": f"bench-{uid}-{secrets.token_hex(4)}", **world["extra"](uid)}
        out.append(load.request("POST", "/mp/v1/orders", body=json.dumps(body).encode(),
                                headers={"Authorization":
                                         f"Bearer {tokens.issue(SECRET, uid)}"}))
    return out


def check(world: dict, created: int) -> dict:
    """The database against the answers: one order per checkout sent, each as
    priced, its coupon used, its buyer's cart emptied."""
    with transaction() as s:
        orders = s.execute(select(Order.id, Order.goods_fen, Order.postage_fen,
                                  Order.discount_fen, Order.total_fen, Order.coupon_id)
                           .where(Order.merchant_id == world["merchant"])).all()
        lines = dict(s.execute(select(OrderLine.order_id, func.count())
                               .join(Order, Order.id == OrderLine.order_id)
                               .where(Order.merchant_id == world["merchant"])
                               .group_by(OrderLine.order_id)).all())
        used = s.scalar(select(func.count()).select_from(UserCoupon).where(
            UserCoupon.coupon_id == world["coupon"], UserCoupon.status == "used"))
        carts_left = s.scalar(select(func.count(func.distinct(CartLine.buyer_id)))
                              .where(CartLine.sku_id.in_(world["skus"])))
    assert len(orders) == created, (len(orders), created)
    assert all(lines[o.id] == len(CART) for o in orders)
    assert all(o.goods_fen == GOODS_FEN and o.discount_fen == COUPON["amount_fen"]
               and o.total_fen == o.goods_fen + o.postage_fen - o.discount_fen
               and o.coupon_id is not None for o in orders)
    assert used == created
    assert len(world["users"]) - carts_left == created
    postage = sorted({o.postage_fen for o in orders})
    assert set(postage) <= set(POSTAGE_FEN.values()), postage
    return {"orders": created, "postage_fen": postage,
            "totals": sorted({o.total_fen for o in orders})}


def main() -> None:
    args = legs.parse(__doc__, connections=32, buyers=20_000)

    def run_and_report(db_url: str, loads: list[float]) -> None:
        runs, checked = run_leg(db_url, args, loads)
        report(runs, args, db_url, checked, loads)

    legs.run_legs(args, "bench-checkout-", run_and_report)


def run_leg(db_url: str, args, loads: list[float]):
    """One database: seed, serve, measure the rounds, check the orders."""
    tmp = Path(tempfile.mkdtemp(prefix="bench-checkout-"))
    step(f"database {db_url.split('@')[-1]}; migrating")
    upgrade(db_url)
    app = create_app(database_url=db_url, redis_url=os.environ.get("REDIS_URL", ""),
                     instance_dir=str(tmp), secret_key=SECRET)
    redis_url = app.extensions["mall.settings"].redis_url
    with app.app_context():
        step(f"seeding {args.buyers:,} buyers, each with a cart of 3 lines and a coupon")
        world = seed(args.buyers)
        feeds = {"noop": itertools.repeat(load.request("GET", "/bench/noop")),
                 "checkout": iter(checkout_requests(world))}
        port = free_port()
        # every buyer checks out once, all from this one address: the per-IP
        # order limit is off (the per-user one still counts each request)
        env = {**os.environ, "DATABASE_URL": db_url, "REDIS_URL": redis_url,
               "SECRET_KEY": SECRET, "PYTHONPATH": str(ROOT), "RATE_LIMIT_ORDER_IP": "off"}
        step(f"starting gunicorn -k gevent -w {args.workers} on port {port}")
        server = start_server(port, args.workers, env)
        probe = machine.Probe([os.getpid(), server.pid, *embedded_redis_pids()])
        runs: dict[str, list[load.Result]] = {name: [] for name in feeds}
        try:
            for round_no in range(1, args.rounds + 1):
                say_machine(f"before round {round_no} of {args.rounds}", loads)
                for name, feed in feeds.items():
                    runs[name].append(phase(name, port, feed, args, probe))
            say_machine("after the rounds", loads)
        finally:
            server.terminate()
            server.wait(timeout=30)
        answers = [r.statuses for r in runs["checkout"]]
        assert all(a.keys() <= {201} for a in answers), answers
        # answers in the warm-up are not counted by load.run, their orders are
        created = sum(r.sent for r in runs["checkout"])
        checked = check(world, created)
        step(f"check: {checked['orders']:,} orders for {created:,} checkouts sent, each of "
             f"3 lines with its coupon used and its cart emptied; totals {checked['totals']}")
    app.extensions["mall.db"].dispose()
    stop_embedded()
    return runs, checked


def report(runs: dict, args, db_url: str, checked: dict, loads: list[float]) -> None:
    mid = {name: sorted(rs, key=lambda r: r.rate)[len(rs) // 2] for name, rs in runs.items()}
    lines = [f"| {name} | {r.rate:,.0f} | {r.pct(50):.1f} / {r.pct(99):.1f} | "
             f"{', '.join(f'{x.rate:,.0f}' for x in runs[name])} |" for name, r in mid.items()]
    per_round = [c.rate / n.rate for c, n in zip(runs["checkout"], runs["noop"], strict=True)]
    ratio = (f"checkout / noop = **{statistics.median(per_round):.3f}x** (rounds: "
             f"{', '.join(f'{x:.3f}' for x in per_round)})")
    header = ["| endpoint | req/s (median) | p50 / p99 ms | each round |",
              "| --- | ---: | ---: | --- |"]
    others = [r.others for r in runs["noop"]]
    loaded = (f"other processes used {min(others):.2f}-{max(others):.2f} cores during the "
              f"no-op phases; load average {min(loads):.2f}-{max(loads):.2f}")
    state = (f"BUSY machine ({loaded}): other work shared the cores, so absolute figures "
             f"are low and noisy; read the same-run ratio" if max(others) >= BUSY_CORES
             else f"quiet machine ({loaded})")
    print("\n".join(["", *header, *lines, "", ratio, "", state]))
    if args.write:
        db = "SQLite (WAL)" if db_url.startswith("sqlite") else "PostgreSQL"
        body = [
            f"Command: `python -m bench.checkout --seconds {args.seconds:g} --rounds "
            f"{args.rounds} --connections {args.connections} --workers {args.workers} "
            f"--buyers {args.buyers} --write BENCHMARKS.md` (both legs; PostgreSQL from "
            f"BENCH_PG_URL or DATABASE_URL)",
            f"Machine: {machine.cores()} cores, {platform.machine()}, Python "
            f"{platform.python_version()}; {db}; gunicorn -k gevent -w {args.workers}; "
            f"load from one asyncio process on the same machine, keep-alive; {state}.",
            "", *header, *lines, "", ratio, "",
            f"Afterwards the database held exactly {checked['orders']:,} orders, one per "
            f"checkout sent, each of 3 lines (goods {GOODS_FEN} fen, coupon "
            f"{COUPON['amount_fen']} fen off, postage {checked['postage_fen']} fen), its "
            f"coupon used and its buyer's cart emptied.",
            "", WHAT_THE_CHECKOUT_DOES,
        ]
        write_section(Path(args.write), f"Checkout ({db})", "\n".join(body))
        step(f"wrote {args.write}")


if __name__ == "__main__":
    try:
        main()
    finally:
        stop_embedded()
