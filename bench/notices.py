"""Payment notice benchmark: WeChat Pay v3 notices (RSA-SHA256 signatures,
AEAD_AES_256_GCM resources, signed by the sandbox's locally made keys as the
tests do) on one gunicorn + gevent server (the production way) with RQ
workers beside it (--rq-workers, 2 by default, as a deployment runs), in one run:

  noop    GET /bench/noop, a no-op JSON answer (the stack's floor)
  verify  POST /bench/notice-verify: a notice verified (signature, timestamp,
          decryption) and answered 204, nothing applied: the baseline
  notice  POST /pay/notify/wechat, each a different order's first notice,
          with everything it sets off: verified per request, then credited
          with the notices that arrived with it in one transaction (the
          process's group committer; a savepoint per notice): the payment
          and the notice written under the order's row lock, the order paid,
          the buyer's group seat confirmed (every fifth payment completes
          its group: its five orders move on to shipping, its members'
          subscribe messages in one fan-out job), order_paid in the outbox;
          the batch's events in one dispatch job, whose handlers a worker
          applies a feature at a time to the whole batch: commission for
          two levels of referrers (ledger entries), membership, pickup code.
          Timed from the first notice sent to the last consequence applied
          (every outbox event done), so notices/s counts the consequences
          too. A notice answered 503 notice_pending is sent again.

Every order is a group-buy seat (groups of 5 whose members all await
payment), bought by a buyer bound to a distributor who is bound to another.
Afterwards: one payment per order, every order paid, each group of five
paid members completed, commission for each order at both levels, every
event done, and nothing else.

  python -m bench.notices [--seconds 5] [--rounds 3] [--connections 32]
                          [--workers 2] [--rq-workers 2] [--orders 3000] [--legs sqlite,postgresql]
                          [--write BENCHMARKS.md]
"""

from __future__ import annotations

import argparse
import itertools
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import clock  # noqa: E402
from app.catalog import service as catalog  # noqa: E402
from app.db import transaction  # noqa: E402
from app.orders.models import Order  # noqa: E402
from app.outbox.models import OutboxEvent  # noqa: E402
from app.payments import service as payments  # noqa: E402
from app.payments.models import Payment  # noqa: E402
from app.payments.setup import provider  # noqa: E402
from app.redis import client as redis_client  # noqa: E402
from app.redis import stop_embedded  # noqa: E402
from bench import legs, load  # noqa: E402
from bench.groupbuy import make_users  # noqa: E402
from bench.legs import step  # noqa: E402
from bench.rounds import Leg, machine_state, ratio, record, table  # noqa: E402
from groupbuy import activities, groups, rules  # noqa: E402
from groupbuy.engine import engine_for  # noqa: E402
from groupbuy.models import Group  # noqa: E402
from referral import bindings  # noqa: E402
from referral.models import Attribution, Commission  # noqa: E402

TARGET = 0.3
SIZE = 5  # members per group: the fifth payment completes it
BATCH = 40  # groups per seeding transaction
DRAIN_LIMIT_S = 600
SLOW_DRAIN_S = 30  # consequences done later than this after the answers: say where the logs are


def parse() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--seconds", type=float, default=5.0)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--connections", type=int, default=32)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--rq-workers", type=int, default=2,
                   help="RQ worker processes beside gunicorn (a deployment runs several)")
    p.add_argument("--orders", type=int, default=3000)
    p.add_argument("--legs", default="sqlite,postgresql")
    p.add_argument("--write", metavar="FILE")
    return p.parse_args()


def seed(n_orders: int) -> dict:
    """Referrers A <- B, buyers bound to B; groups of SIZE whose members all
    hold a seat with a pending order and its trade made (prepay)."""
    now, engine, pay = clock.now(), engine_for(redis_client()), provider()
    owner, top, mid = make_users(3, "staff")
    with transaction() as s:
        shop = catalog.create_merchant(s, name="Bench", owner_id=owner, now=now).id
        sku = catalog.create_product(s, staff_id=owner, merchant_id=shop, now=now, data={
            "title": "Bench tea", "skus": [{"price_fen": 1000, "stock": 10**7}]}).skus[0].id
        act = activities.create_group_activity(s, merchant_id=shop, now=now, data={
            "title": "Bench", "skus": [{"sku_id": sku, "group_price_fen": 800}],
            "group_size": SIZE, "starts_at": now - timedelta(hours=1),
            "ends_at": now + timedelta(days=1), "validity_s": 86_400, "per_user_limit": 1,
            "leader_discount_fen": 0, "new_users_only": False, "virtual_pct": 0}).id
        for uid in (top, mid):
            bindings.join(s, merchant_id=shop, user_id=uid, now=now)
        bindings.bind(s, merchant_id=shop, user_id=mid, referrer_id=top, via="code", now=now)
    buyers = make_users(n_orders - n_orders % SIZE, "buyer")
    trades: list[tuple[str, int, str]] = []  # (out_trade_no, amount, openid)
    for first in range(0, len(buyers), SIZE * BATCH):
        with transaction() as s:
            chunk = buyers[first:first + SIZE * BATCH]
            for uid in chunk:
                bindings.bind(s, merchant_id=shop, user_id=uid, referrer_id=mid, via="code",
                              now=now)
            made = []
            for i in range(0, len(chunk), SIZE):
                group, order = groups.open_group(s, engine, activity_id=act, sku_id=sku,
                                                 buyer_id=chunk[i], now=now)
                made.append((chunk[i], order.id))
                for uid in chunk[i + 1:i + SIZE]:
                    made.append((uid, groups.join_group(s, engine, group_id=group.id,
                                                        buyer_id=uid, now=now)[1].id))
            for uid, order_id in made:
                intent, openid = payments.open_intent(s, pay.name, buyer_id=uid,
                                                      order_id=order_id, now=now)
                trades.append((intent.out_trade_no, intent.amount_fen, openid,
                               intent.expires_at))
        step(f"  {len(trades):,} orders awaiting payment")
    for out_trade_no, amount, openid, expires_at in trades:
        pay.prepay(out_trade_no=out_trade_no, amount_fen=amount, description="Bench",
                   openid=openid, expires_at=expires_at)
    return {"merchant": shop, "activity": act, "trades": [t[0] for t in trades],
            "levels": (mid, top)}


def signed(out_trade_no: str, path: str) -> bytes:
    """The sandbox pays the trade and signs its notice (now: within 300 s of use)."""
    pay, now = provider(), clock.now()
    headers, body = pay.notice(pay.pay(out_trade_no, now), now)
    return load.request("POST", path, body=body, headers={
        k: v for k, v in headers.items() if k != "Content-Type"})


def pending_events() -> int:
    with transaction() as s:
        return s.scalar(select(func.count()).select_from(OutboxEvent)
                        .where(OutboxEvent.done_at.is_(None)))


def notice_phase(leg: Leg, batch: list[str], args) -> load.Result:
    """Every notice of the batch sent, then wait until every consequence is
    applied; the rate is notices / (first sent -> last event done)."""
    step(f"notice: signing {len(batch):,} notices")
    ready = [signed(t, "/pay/notify/wechat") for t in batch]
    feed = iter(ready)
    step(f"notice: {args.connections} connections, {len(batch):,} notices, then the "
         f"worker's consequences")
    leg.probe.start()
    started = time.perf_counter()
    result = load.run(leg.port, lambda: next(feed, None), connections=args.connections,
                      warmup_s=0.0, seconds=3600)
    # a notice answered 503 notice_pending (its batch not committed within 4 s) is
    # sent again, as WeChat Pay does; a replay of one that did commit answers 204
    retried, again_answers = 0, Counter()
    for _ in range(5):
        missing = uncredited(batch)
        again = iter([ready[i] for i, t in enumerate(batch) if t in missing])
        if not missing:
            break
        retried += len(missing)
        more = load.run(leg.port, lambda again=again: next(again, None),
                        connections=min(args.connections, len(missing)), warmup_s=0.0,
                        seconds=3600)
        again_answers.update(more.statuses)
    answered = time.perf_counter() - started
    while (left := pending_events()) and time.perf_counter() - started < DRAIN_LIMIT_S:
        time.sleep(0.05)
    if left or time.perf_counter() - started - answered > SLOW_DRAIN_S:
        step(f"notice: consequences slow or stuck ({left} events pending); the RQ "
             f"workers' logs: {leg.tmp}/worker-*.log ({log_alarms(leg.tmp)}); events that "
             f"failed: {failed_events()}")
    assert left == 0, f"{left} events still pending"
    result.seconds = time.perf_counter() - started
    result.others = leg.probe.stop()
    result.sent = len(batch)
    result.retried, result.again_answers = retried, again_answers
    step(f"notice: {result.rate:,.0f} notices/s with their consequences (answers in "
         f"{answered:.1f} s at {result.done / answered:,.0f}/s, consequences done "
         f"{result.seconds - answered:.1f} s later; {retried} sent again after a 503), "
         f"p50 {result.pct(50):.1f} ms, p99 "
         f"{result.pct(99):.1f} ms, answers {dict(result.statuses)}")
    return result


def failed_events() -> list[tuple[int, int, str]]:
    """(id, attempts, last_error) of the events a handler failed on."""
    with transaction() as s:
        return [tuple(r) for r in s.execute(
            select(OutboxEvent.id, OutboxEvent.attempts, OutboxEvent.last_error)
            .where(OutboxEvent.attempts > 0).order_by(OutboxEvent.id).limit(20))]


ALARMS = ("Traceback", "could not connect to Redis", "for retry")


def log_alarms(logs: Path) -> str:
    """How often the workers' logs hold each alarm line (errors, Redis gone, retries)."""
    text = "".join(p.read_text(errors="replace") for p in sorted(logs.glob("worker-*.log")))
    return ", ".join(f"{word!r} {text.count(word)}x" for word in ALARMS)


def uncredited(trades: list[str]) -> set[str]:
    with transaction() as s:
        return set(trades) - set(s.scalars(select(Payment.out_trade_no)
                                           .where(Payment.out_trade_no.in_(trades))))


def check(world: dict, sent: int) -> dict:
    with transaction() as s:
        orders = dict(s.execute(select(Order.status, func.count())
                                .where(Order.merchant_id == world["merchant"])
                                .group_by(Order.status)).all())
        paid = s.scalar(select(func.count()).select_from(Order).where(
            Order.merchant_id == world["merchant"], Order.paid_at.is_not(None)))
        payments_ = s.scalar(select(func.count(Payment.id)).join(
            Order, Order.id == Payment.order_id).where(Order.merchant_id == world["merchant"]))
        per_order = max(s.scalars(select(func.count()).select_from(Payment)
                                  .group_by(Payment.order_id)), default=0)
        completed = s.scalar(select(func.count()).select_from(Group).where(
            Group.activity_id == world["activity"], Group.status == rules.COMPLETED))
        attributed = s.scalar(select(func.count()).select_from(Attribution).where(
            Attribution.merchant_id == world["merchant"]))
        levels = dict(s.execute(select(Commission.user_id, func.count())
                                .where(Commission.merchant_id == world["merchant"])
                                .group_by(Commission.user_id)).all())
    assert paid == payments_ == attributed == sent, (paid, payments_, attributed, sent)
    assert per_order <= 1, per_order
    assert levels == {uid: sent for uid in world["levels"]}, levels
    # notices go out in trade order, so groups fill in turn: every whole group completes
    assert completed == sent // SIZE, (completed, sent)
    return {"paid": paid, "payments": payments_, "completed": completed,
            "commissions": sum(levels.values()), "orders": orders}


def start_workers(env: dict, n: int, logs: Path) -> list[subprocess.Popen]:
    """n RQ workers, each logging to worker-<i>.log in `logs`."""
    step(f"starting {n} RQ worker(s) (python worker.py), logs in {logs}/worker-*.log")
    workers = []
    for i in range(1, n + 1):
        with open(logs / f"worker-{i}.log", "ab") as log:
            workers.append(subprocess.Popen([sys.executable, "worker.py"], cwd=ROOT, env=env,
                                            stdout=log, stderr=subprocess.STDOUT))
    return workers


def run_leg(db_url: str, args, loads: list[float]) -> None:
    with Leg(db_url, "bench-notices-") as leg:
        step(f"seeding {args.orders:,} group-buy orders awaiting payment")
        world = seed(args.orders)
        env = leg.env()
        leg.serve(args.workers, env)
        workers = start_workers(env, args.rq_workers, leg.tmp)
        try:
            runs = rounds(leg, world, args, loads)
        except BaseException:
            step(f"failed; the RQ workers' logs: {leg.tmp}/worker-*.log")
            raise
        finally:
            for worker in workers:
                worker.terminate()
            for worker in workers:
                worker.wait(timeout=30)
        leg.stop_server()
        answers = Counter()
        for r in runs["notice"]:
            answers.update(r.statuses)
            answers.update(r.again_answers)
        assert answers.keys() <= {204, 503}, answers
        sent = sum(r.sent for r in runs["notice"])
        retried = sum(r.retried for r in runs["notice"])
        got = check(world, sent)
        step(f"check: {sent:,} notices, {got['payments']:,} payments, {got['paid']:,} orders "
             f"paid, {got['completed']:,} groups completed, {got['commissions']:,} "
             f"commission rows; orders by status {got['orders']}")
        _, line = ratio(runs, "notice", TARGET)
        line = line.replace("notice / noop", "notice / verify")
        body = [*table(runs), "", line, "",
                f"{sent:,} notices, each a different order's first: afterwards exactly "
                f"{got['payments']:,} payments (one per order), {got['paid']:,} orders paid, "
                f"{got['completed']:,} groups of {SIZE} completed (orders by status: "
                f"{', '.join(f'{k} {v:,}' for k, v in sorted(got['orders'].items()))}), "
                f"{got['commissions']:,} commission rows (two levels per order), every "
                f"outbox event done. Answers: "
                f"{', '.join(f'{k} {v:,}' for k, v in sorted(answers.items()))} "
                f"({retried:,} notices answered 503 `notice_pending` and sent again, "
                f"as WeChat Pay does; the time to resend them counts).",
                "", WHAT_THE_NOTICE_DOES.format(rq_workers=args.rq_workers)]
        record(args, title="Payment notices", db_url=db_url,
               command=(f"python -m bench.notices --seconds {args.seconds:g} --rounds "
                        f"{args.rounds} --connections {args.connections} --workers "
                        f"{args.workers} --rq-workers {args.rq_workers} --orders {args.orders} "
                        f"--write BENCHMARKS.md"),
               state=machine_state(runs["noop"], loads), body=body)


def rounds(leg: Leg, world: dict, args, loads: list[float]) -> dict:
    from bench.flashsale import phase, say_machine

    per_round = len(world["trades"]) // args.rounds
    per_round -= per_round % SIZE
    runs: dict[str, list[load.Result]] = {"noop": [], "verify": [], "notice": []}
    for n in range(args.rounds):
        say_machine(f"before round {n + 1} of {args.rounds}", loads)
        runs["noop"].append(phase("noop", leg.port, itertools.repeat(
            load.request("GET", "/bench/noop")), args, leg.probe))
        # the baseline: one signed notice, verified again and again (nothing applied)
        one = signed(world["trades"][n * per_round], "/bench/notice-verify")
        runs["verify"].append(phase("verify", leg.port, itertools.repeat(one), args,
                                    leg.probe))
        batch = world["trades"][n * per_round:(n + 1) * per_round]
        runs["notice"].append(notice_phase(leg, batch, args))
    say_machine("after the rounds", loads)
    return runs


WHAT_THE_NOTICE_DOES = (
    "The baseline (`verify`) is the notify path's first half alone: the `Wechatpay-*` "
    "headers read, the RSA-SHA256 signature over `timestamp\\nnonce\\nbody\\n` verified "
    "with the platform key its serial names, the timestamp checked, the resource decrypted "
    "(AEAD_AES_256_GCM with the APIv3 key), 204. A `notice` is verified the same way per "
    "request, its mchid and appid checked, and then handed to the process's group "
    "committer: the notices that arrived together are applied in one transaction (orders "
    "locked in id order; each notice in a savepoint of its own: the replay look-up, the "
    "payment and the notice written, the order paid, the buyer's group seat confirmed in "
    "Redis, the fifth completing the group and moving its orders on, order_paid recorded "
    "in the outbox), and each is answered once that commits. The batch's events leave in "
    "one dispatch job; a worker applies each feature's handlers to the whole batch in one "
    "transaction (a savepoint per event and handler, applied once each): commission "
    "(attribution, two commission rows, the ledger's pending entries), membership, pickup "
    "code, room statistics; a completed group's subscribe messages go out in one fan-out "
    "job. Points are earned at completion (RULES.md), so none move at payment. The notice "
    "rate is timed from the first notice sent to the last event done; {rq_workers} RQ "
    "worker processes beside gunicorn, as a deployment runs several.")


def main() -> None:
    args = parse()
    legs.run_legs(args, "bench-notices-", lambda url, loads: run_leg(url, args, loads))


if __name__ == "__main__":
    try:
        main()
    finally:
        stop_embedded()
