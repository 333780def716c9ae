"""Group-buy join benchmark: one gunicorn + gevent server (the production
way), against the same server's no-op endpoint in the same run:

  noop  GET /bench/noop, a no-op JSON answer (the stack's floor)
  join  POST /mp/v1/groups/<id>/join, every request a different buyer, on
        the join's lean path, written a batch at a time (groupbuy/joins.py):
        the seat scripts pipelined in Redis, the per-user limit and
        new-users-only counted for the batch under the activity's row lock,
        the orders, lines and members written and the SKU's stock taken in
        one transaction, one expiry timer per deadline second, and the
        group's view with the order as the answer

Groups of --size (default 5) are opened by leaders who paid; each gets
--per-group joiners (default 5: 4 seats, so the fifth is refused
`409 group_full`). Joiners are sent group after group, so the connections
race for the same groups' last seats. Afterwards every group's seats, in the
database and in Redis, are exactly its leader plus min(joiners sent, size -
1): no group over-filled, every acknowledged seat written.

  python -m bench.groupbuy [--seconds 5] [--rounds 3] [--connections 64]
                           [--workers 2] [--groups 4000] [--size 5]
                           [--per-group 5] [--legs sqlite,postgresql]
                           [--write BENCHMARKS.md]
"""

from __future__ import annotations

import argparse
import itertools
import secrets
import sys
from collections import Counter
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, insert, select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import clock  # noqa: E402
from app.auth import tokens  # noqa: E402
from app.auth.models import User  # noqa: E402
from app.catalog import service as catalog  # noqa: E402
from app.db import transaction  # noqa: E402
from app.orders import service as orders  # noqa: E402
from app.redis import client as redis_client  # noqa: E402
from app.redis import stop_embedded  # noqa: E402
from bench import legs, load  # noqa: E402
from bench.legs import step  # noqa: E402
from bench.rounds import SECRET, Leg, machine_state, ratio, record, table  # noqa: E402
from groupbuy import activities, groups  # noqa: E402
from groupbuy.engine import engine_for  # noqa: E402
from groupbuy.models import GroupMember  # noqa: E402

TARGET = 0.5
SEATED = ("held", "paid", "done")
BATCH = 200  # groups opened per seeding transaction


def parse() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--seconds", type=float, default=5.0)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--connections", type=int, default=64)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--groups", type=int, default=4000)
    p.add_argument("--size", type=int, default=5)
    p.add_argument("--per-group", type=int, default=5)
    p.add_argument("--legs", default="sqlite,postgresql")
    p.add_argument("--write", metavar="FILE")
    return p.parse_args()


def make_users(n: int, prefix: str) -> list[int]:
    now = clock.now()
    with transaction() as s:
        first = (s.scalar(select(func.max(User.id))) or 0) + 1
        tag = secrets.token_hex(3)
        s.execute(insert(User), [{"openid": f"{prefix}-{tag}-{i}", "nickname": prefix,
                                  "created_at": now} for i in range(n)])
        return list(s.scalars(select(User.id).where(User.id >= first).order_by(User.id)))


def seed(args) -> dict:
    """A shop, one SKU, a running group-buy activity, `groups` groups whose
    leaders paid, and `groups * per_group` joiners."""
    now, engine = clock.now(), engine_for(redis_client())
    (owner,) = make_users(1, "owner")
    with transaction() as s:
        shop = catalog.create_merchant(s, name="Bench", owner_id=owner, now=now).id
        sku = catalog.create_product(s, staff_id=owner, merchant_id=shop, now=now, data={
            "title": "Bench tea", "skus": [{"price_fen": 1000, "stock": 10**7}]}).skus[0].id
        act = activities.create_group_activity(s, merchant_id=shop, now=now, data={
            "title": "Bench", "skus": [{"sku_id": sku, "group_price_fen": 800}],
            "group_size": args.size, "starts_at": now - timedelta(hours=1),
            "ends_at": now + timedelta(days=1), "validity_s": 86_400, "per_user_limit": 1,
            "leader_discount_fen": 0, "new_users_only": False, "virtual_pct": 0}).id
    leaders = make_users(args.groups, "leader")
    group_ids: list[int] = []
    for start in range(0, len(leaders), BATCH):
        with transaction() as s:
            for uid in leaders[start:start + BATCH]:
                group, order = groups.open_group(s, engine, activity_id=act, sku_id=sku,
                                                 buyer_id=uid, now=now)
                orders.mark_paid(s, order_id=order.id, now=now)
                group_ids.append(group.id)
        step(f"  {len(group_ids):,} groups opened and paid by their leaders")
    joiners = make_users(args.groups * args.per_group, "joiner")
    return {"groups": group_ids, "joiners": joiners}


class Joins:
    """The join requests, group after group; counts what was handed out per group."""

    def __init__(self, world: dict, per_group: int):
        self.sent: Counter = Counter()
        joiners = world["joiners"]
        self._items = iter([(gid, joiners[i * per_group + k])
                            for i, gid in enumerate(world["groups"]) for k in range(per_group)])

    def __iter__(self):
        return self

    def __next__(self) -> bytes:
        gid, uid = next(self._items)
        self.sent[gid] += 1
        return load.request("POST", f"/mp/v1/groups/{gid}/join", headers={
            "Authorization": f"Bearer {tokens.issue(SECRET, uid)}"})


def check(world: dict, sent: Counter, size: int) -> dict:
    """Per group: seats in the database == seats in Redis == 1 + min(sent, size - 1)."""
    with transaction() as s:
        in_db = dict(s.execute(select(GroupMember.group_id, func.count())
                               .where(GroupMember.status.in_(SEATED),
                                      GroupMember.group_id.in_(world["groups"]))
                               .group_by(GroupMember.group_id)).all())
    in_redis = engine_for(redis_client()).seats_taken(world["groups"])
    over = [g for g in world["groups"]
            if in_db.get(g, 0) > size or (in_redis[g] or 0) > size]
    wrong = [g for g in world["groups"]
             if not in_db.get(g, 0) == in_redis[g] == 1 + min(sent[g], size - 1)]
    taken = sum(in_db.values()) - len(world["groups"])
    expected = sum(min(n, size - 1) for n in sent.values())
    assert not over, f"over-filled groups: {over[:10]}"
    assert not wrong, f"groups whose seats differ from the joins sent: {wrong[:10]}"
    full = sum(1 for g in world["groups"] if in_db.get(g, 0) == size)
    return {"over": len(over), "taken": taken, "expected": expected, "full": full,
            "sent": sum(sent.values())}


def run_leg(db_url: str, args, loads: list[float]) -> None:
    with Leg(db_url, "bench-groupbuy-") as leg:
        step(f"seeding {args.groups:,} groups of {args.size} and "
             f"{args.groups * args.per_group:,} joiners")
        world = seed(args)
        joins = Joins(world, args.per_group)
        # every joiner joins once, all from this one address: the per-IP order
        # limit is off (the per-user one still counts each request)
        leg.serve(args.workers, leg.env(RATE_LIMIT_ORDER_IP="off"))
        runs = leg.rounds({"noop": itertools.repeat(load.request("GET", "/bench/noop")),
                           "join": joins}, args, loads)
        leg.stop_server()
        answers = Counter()
        for r in runs["join"]:
            answers.update(r.statuses)
        assert answers.keys() <= {201, 409}, answers
        got = check(world, joins.sent, args.size)
        step(f"check: {got['sent']:,} joins sent, {got['taken']:,} seats taken "
             f"(expected {got['expected']:,}), {got['full']:,} groups full, "
             f"{got['over']} over-filled; measured answers {dict(answers)}")
        _, line = ratio(runs, "join", TARGET)
        body = [*table(runs), "", line, "",
                f"Joins sent {got['sent']:,} (warm-ups included), {args.per_group} per group "
                f"of {args.size} (leader paid): seats taken {got['taken']:,} of "
                f"{got['expected']:,} expected, {got['full']:,} groups full, "
                f"**{got['over']} over-filled** (database and Redis, per group); measured "
                f"answers {', '.join(f'{k}: {v:,}' for k, v in sorted(answers.items()))} "
                f"(409: `group_full`).",
                "", WHAT_THE_JOIN_DOES]
        record(args, title="Group-buy joins", db_url=db_url,
               command=(f"python -m bench.groupbuy --seconds {args.seconds:g} --rounds "
                        f"{args.rounds} --connections {args.connections} --workers "
                        f"{args.workers} --groups {args.groups} --size {args.size} "
                        f"--per-group {args.per_group} --write BENCHMARKS.md"),
               state=machine_state(runs["noop"], loads), body=body)


WHAT_THE_JOIN_DOES = (
    "A join is `POST /mp/v1/groups/<id>/join` with a bearer token, served by the join's "
    "lean WSGI path (the same answer as the Flask view) after its `order` rate limit is "
    "counted, and written a batch at a time by one committer per process: the batch's "
    "groups read and their activities' rows locked once, every seat script pipelined in "
    "one Redis round trip (refused there when the group is full or the buyer is in it), "
    "new-users-only and the per-user limit checked for the whole batch with one query "
    "each, each order priced as a checkout prices it (the SKU loaded once per batch), the "
    "SKU stock taken by one guarded update per SKU, the pending orders, their lines and "
    "the member rows inserted with the driver, one statement each (no ORM flush), in ONE "
    "transaction; seats refused after Redis took them are given back; one expiry timer "
    "per deadline second; the "
    "answer is the group's view (members, seats left) and the order. The no-op is a Flask "
    "JSON view on the same server.")


def main() -> None:
    args = parse()
    legs.run_legs(args, "bench-groupbuy-", lambda url, loads: run_leg(url, args, loads))


if __name__ == "__main__":
    try:
        main()
    finally:
        stop_embedded()
