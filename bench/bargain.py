"""Bargain help benchmark: one gunicorn + gevent server (the production
way), against the same server's no-op endpoint in the same run:

  noop  GET /bench/noop, a no-op JSON answer (the stack's floor)
  help  POST /mp/v1/bargains/<id>/helps, every request a different helper
        with a device id of its own, through the help's lean path and the
        group committer: per batch, the bargains' and users' rows locked,
        self-help, repeats, the caps and the risk signals counted with one
        query each, the cut scripts in one Redis round trip, the helps
        inserted with executemany and each price lowered once

Bargains of --helpers cuts (default 5) are started by their starters; each
gets --per-bargain helpers (default 6: the sixth finds the bargain at its
floor, `409 bargain_at_floor`). Helpers are sent bargain after bargain, so
the connections race for the same bargains' last cuts. Afterwards, per
bargain, the helps recorded are min(helpers sent, cuts), their cuts sum to
start - price in the database, the cuts left in Redis sum to price - floor,
and every bargain with all its helps is exactly at its floor (its cuts sum
to start - floor).

  python -m bench.bargain [--seconds 5] [--rounds 3] [--connections 64]
                          [--workers 2] [--bargains 4000] [--helpers 5]
                          [--per-bargain 6] [--legs sqlite,postgresql]
                          [--write BENCHMARKS.md]
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections import Counter
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import clock  # noqa: E402
from app.auth import tokens  # noqa: E402
from app.catalog import service as catalog  # noqa: E402
from app.db import transaction  # noqa: E402
from app.redis import client as redis_client  # noqa: E402
from app.redis import stop_embedded  # noqa: E402
from bench import legs, load  # noqa: E402
from bench.groupbuy import BATCH, make_users  # noqa: E402
from bench.legs import step  # noqa: E402
from bench.rounds import SECRET, Leg, machine_state, ratio, record, table  # noqa: E402
from groupbuy import activities, bargains, keys, rules  # noqa: E402
from groupbuy.engine import engine_for  # noqa: E402
from groupbuy.models import Bargain, BargainHelp  # noqa: E402

TARGET = 0.5
START_FEN, FLOOR_FEN = 9_900, 100


def parse() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--seconds", type=float, default=5.0)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--connections", type=int, default=64)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--bargains", type=int, default=4000)
    p.add_argument("--helpers", type=int, default=5)
    p.add_argument("--per-bargain", type=int, default=6)
    p.add_argument("--legs", default="sqlite,postgresql")
    p.add_argument("--write", metavar="FILE")
    return p.parse_args()


def seed(args) -> dict:
    """A shop, one SKU, a running bargain activity (accounts of any age; a
    help is risky only at the top score, so helps from the bench's one IP
    count in full), `bargains` started bargains and their helpers."""
    now, engine = clock.now(), engine_for(redis_client())
    (owner,) = make_users(1, "owner")
    with transaction() as s:
        shop = catalog.create_merchant(s, name="Bench", owner_id=owner, now=now).id
        sku = catalog.create_product(s, staff_id=owner, merchant_id=shop, now=now, data={
            "title": "Bench tea", "skus": [{"price_fen": START_FEN, "stock": 10**7}]}
        ).skus[0].id
        act = activities.create_bargain_activity(s, merchant_id=shop, now=now, data={
            "title": "Bench", "sku_id": sku, "start_price_fen": START_FEN,
            "floor_price_fen": FLOOR_FEN, "helpers_needed": args.helpers,
            "validity_s": 86_400, "starts_at": now - timedelta(hours=1),
            "ends_at": now + timedelta(days=1), "start_limit": 1, "help_limit": 1,
            "daily_help_limit": 3, "buy_above_floor": False, "min_account_age_s": 0,
            "sharer_daily_help_limit": 1000, "risk_threshold": rules.MAX_SCORE,
            "risk_action": rules.REDUCE, "risky_cut_bps": rules.DEFAULT_RISKY_CUT_BPS}).id
    starters = make_users(args.bargains, "starter")
    ids: list[int] = []
    for first in range(0, len(starters), BATCH):
        with transaction() as s:
            ids += [bargains.start(s, engine, activity_id=act, starter_id=uid, now=now).id
                    for uid in starters[first:first + BATCH]]
        step(f"  {len(ids):,} bargains started")
    return {"bargains": ids, "helpers": make_users(args.bargains * args.per_bargain, "helper")}


class Helps:
    """The help requests, bargain after bargain; counts what was handed out per bargain."""

    def __init__(self, world: dict, per_bargain: int):
        self.sent: Counter = Counter()
        helpers = world["helpers"]
        self._items = iter([(bid, helpers[i * per_bargain + k])
                            for i, bid in enumerate(world["bargains"])
                            for k in range(per_bargain)])

    def __iter__(self):
        return self

    def __next__(self) -> bytes:
        bid, uid = next(self._items)
        self.sent[bid] += 1
        return load.request("POST", f"/mp/v1/bargains/{bid}/helps", headers={
            "Authorization": f"Bearer {tokens.issue(SECRET, uid)}",
            "X-Device-Id": f"bench-device-{uid}"})


def check(world: dict, sent: Counter, cuts: int) -> dict:
    """Per bargain: helps == min(sent, cuts); their cuts sum to start - price;
    Redis' cuts left sum to price - floor; all helped: at the floor exactly."""
    with transaction() as s:
        rows = {b.id: b for b in s.scalars(select(Bargain).where(
            Bargain.id.in_(world["bargains"])))}
        helped = {bid: (n, total) for bid, n, total in s.execute(
            select(BargainHelp.bargain_id, func.count(), func.sum(BargainHelp.cut_fen))
            .where(BargainHelp.bargain_id.in_(world["bargains"]))
            .group_by(BargainHelp.bargain_id)).all()}
    pipe = redis_client().pipeline(transaction=False)
    for bid in world["bargains"]:
        pipe.lrange(keys.bargain(bid)[1], 0, -1)
    left = dict(zip(world["bargains"], ([int(x) for x in xs] for xs in pipe.execute()),
                    strict=True))
    wrong, floor_ok, below = [], 0, 0
    for bid, b in rows.items():
        n, total = helped.get(bid, (0, 0))
        want = min(sent[bid], cuts)
        if n != want or b.helps_count != n or total != START_FEN - b.price_fen or \
                sum(left[bid]) != b.price_fen - FLOOR_FEN:
            wrong.append(bid)
        if b.price_fen < FLOOR_FEN:
            below += 1
        if want == cuts:
            floor_ok += int(b.price_fen == FLOOR_FEN and total == START_FEN - FLOOR_FEN)
    full = sum(1 for bid in rows if min(sent[bid], cuts) == cuts)
    assert not wrong, f"bargains whose helps or cuts are off: {wrong[:10]}"
    assert below == 0 and floor_ok == full, (below, floor_ok, full)
    return {"sent": sum(sent.values()), "helps": sum(n for n, _ in helped.values()),
            "expected": sum(min(n, cuts) for n in sent.values()), "at_floor": floor_ok,
            "full": full, "below": below}


def run_leg(db_url: str, args, loads: list[float]) -> None:
    with Leg(db_url, "bench-bargain-") as leg:
        step(f"seeding {args.bargains:,} bargains of {args.helpers} cuts and "
             f"{args.bargains * args.per_bargain:,} helpers")
        world = seed(args)
        helps = Helps(world, args.per_bargain)
        # every helper helps once, all from this one address: the per-IP help
        # limit is off (the per-user one still counts each request)
        leg.serve(args.workers, leg.env(RATE_LIMIT_BARGAIN_HELP_IP="off"))
        runs = leg.rounds({"noop": itertools.repeat(load.request("GET", "/bench/noop")),
                           "help": helps}, args, loads)
        leg.stop_server()
        answers = Counter()
        for r in runs["help"]:
            answers.update(r.statuses)
        assert answers.keys() <= {201, 409}, answers
        got = check(world, helps.sent, args.helpers)
        step(f"check: {got['sent']:,} helps sent, {got['helps']:,} recorded (expected "
             f"{got['expected']:,}); {got['at_floor']:,} of {got['full']:,} fully helped "
             f"bargains exactly at the floor; measured answers {dict(answers)}")
        _, line = ratio(runs, "help", TARGET)
        body = [*table(runs), "", line, "",
                f"Helps sent {got['sent']:,} (warm-ups included), {args.per_bargain} per "
                f"bargain of {args.helpers} cuts ({START_FEN} fen down to {FLOOR_FEN}): "
                f"{got['helps']:,} helps recorded of {got['expected']:,} expected; every "
                f"bargain's cuts taken sum to start - price in the database and its cuts "
                f"left in Redis to price - floor; **{got['at_floor']:,} of {got['full']:,}** "
                f"fully helped bargains at the floor exactly (cuts summing to "
                f"{START_FEN - FLOOR_FEN} fen), {got['below']} below it; measured answers "
                f"{', '.join(f'{k}: {v:,}' for k, v in sorted(answers.items()))} "
                f"(409: `bargain_at_floor`).",
                "", WHAT_THE_HELP_DOES]
        record(args, title="Bargain helps", db_url=db_url,
               command=(f"python -m bench.bargain --seconds {args.seconds:g} --rounds "
                        f"{args.rounds} --connections {args.connections} --workers "
                        f"{args.workers} --bargains {args.bargains} --helpers {args.helpers} "
                        f"--per-bargain {args.per_bargain} --write BENCHMARKS.md"),
               state=machine_state(runs["noop"], loads), body=body)


WHAT_THE_HELP_DOES = (
    "A help is `POST /mp/v1/bargains/<id>/helps` with a bearer token and an `X-Device-Id`, "
    "served by its lean WSGI path (no Flask request; the rate limit counted, the IP and "
    "device read as the view reads them) and written by the process's group committer, a "
    "batch of the helps that arrived together at a time, in one transaction: the batch's "
    "bargains locked in id order, then its helpers' and sharers' user rows; self-help, "
    "repeats, the state, expiry and floor checked, the three caps (per activity, per "
    "helper and per sharer per China day) and the risk signals counted for the whole "
    "batch with one GROUP BY query each, helps of one helper, sharer, device or IP in the "
    "batch counted against each other in order; the admitted helps' cut scripts in one "
    "Redis round trip; the help rows inserted with executemany and each bargain's price "
    "lowered once by its cuts; a helper is answered once the batch committed. The no-op "
    "is a Flask JSON view on the same server.")


def main() -> None:
    args = parse()
    legs.run_legs(args, "bench-bargain-", lambda url, loads: run_leg(url, args, loads))


if __name__ == "__main__":
    try:
        main()
    finally:
        stop_embedded()
