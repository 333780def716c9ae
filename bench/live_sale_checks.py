"""The live-sale benchmark's checks, read from the database the nodes and
workers wrote: every acknowledged win's payment and consequences awaited,
then what was sold, ordered and paid against what the buyers were told."""

from __future__ import annotations

import time

from bench import live_sale_crowd as crowd

LEVEL_BPS = (1000, 500)  # two levels: every paid order posts two commissions


def wait_settled(sale: crowd.Sale, timeout_s: float) -> dict:
    """Poll until every acknowledged win has its payment and every OrderPaid
    event of them is done (or the timeout); the notices' and consequences'
    times come from the rows the servers and workers wrote."""
    from sqlalchemy import func, select

    from app.db import transaction
    from app.events import OrderPaid
    from app.outbox.models import OutboxEvent
    from app.payments.models import Payment, PaymentNotice

    PAID = OrderPaid.name  # noqa: N806

    wins = [o for t in sale.nodes for o in t.wins]
    streams = [f"order:{o}" for o in wins]
    deadline = time.monotonic() + timeout_s
    while True:
        with transaction() as s:
            paid = s.scalar(select(func.count()).select_from(Payment)
                            .where(Payment.order_id.in_(wins))) if wins else 0
            pending = s.scalar(select(func.count()).select_from(OutboxEvent).where(
                OutboxEvent.name == PAID, OutboxEvent.done_at.is_(None),
                OutboxEvent.stream.in_(streams))) if wins else 0
            done = s.scalar(select(func.count()).select_from(OutboxEvent).where(
                OutboxEvent.name == PAID, OutboxEvent.done_at.is_not(None),
                OutboxEvent.stream.in_(streams))) if wins else 0
        if (paid >= len(wins) and pending == 0 and done >= len(wins)) or \
                time.monotonic() > deadline:
            break
        time.sleep(0.5)
    with transaction() as s:
        first, last, n = s.execute(select(
            func.min(PaymentNotice.received_at), func.max(PaymentNotice.received_at),
            func.count()).where(PaymentNotice.order_id.in_(wins))).one() if wins else (None,) * 3
        done_last = s.scalar(select(func.max(OutboxEvent.done_at)).where(
            OutboxEvent.name == PAID, OutboxEvent.stream.in_(streams))) if wins else None
    span = (last - first).total_seconds() if n and n > 1 else 0.0
    whole = (done_last - first).total_seconds() if n and done_last else 0.0
    return {"notices": n or 0, "notice_span_s": span,
            "notices_per_s": (n - 1) / span if span else 0.0,
            "consequences_span_s": whole, "events_done": done,
            "paid_with_consequences_per_s": done / whole if whole else 0.0}


def check(world: dict, sale: crowd.Sale) -> dict:
    """What the database holds against what the buyers were told."""
    from sqlalchemy import func, select

    from app.db import transaction
    from app.orders.models import Order
    from app.payments.models import Payment
    from flashsale.models import FlashActivity, FlashOrder
    from flashsale.rules import TAKEN_STATES
    from members.models import Member
    from referral.models import Commission

    wins = sorted(o for t in sale.nodes for o in t.wins)
    with transaction() as s:
        activity = s.get(FlashActivity, sale.activity_id)
        flash_orders = sorted(s.scalars(select(FlashOrder.order_id).where(
            FlashOrder.activity_id == sale.activity_id)))
        taken = s.scalar(select(func.coalesce(func.sum(FlashOrder.quantity), 0)).where(
            FlashOrder.activity_id == sale.activity_id, FlashOrder.state.in_(TAKEN_STATES)))
        per_order = dict(s.execute(select(Payment.order_id, func.count()).where(
            Payment.order_id.in_(wins)).group_by(Payment.order_id)).all()) if wins else {}
        statuses = dict(s.execute(select(Order.status, func.count()).where(
            Order.id.in_(wins)).group_by(Order.status)).all()) if wins else {}
        commissions = s.scalar(select(func.count()).select_from(Commission).where(
            Commission.order_id.in_(wins))) if wins else 0
        commission_fen = s.scalar(select(func.coalesce(func.sum(Commission.full_fen), 0)).where(
            Commission.order_id.in_(wins))) if wins else 0
        members = s.scalar(select(func.count()).select_from(Member).where(
            Member.merchant_id == world["merchant_id"]))
        room_orders = s.scalar(select(func.count()).select_from(Order).where(
            Order.room_id == world["room_id"], Order.id.in_(wins))) if wins else 0
    return {"quota": activity.quota, "sold": activity.sold,
            "oversold": max(0, activity.sold - activity.quota, taken - activity.quota),
            "units_in_orders": taken,
            "acknowledged_wins": len(wins), "orders": len(flash_orders),
            "orders_match_wins": flash_orders == wins,
            "payments": sum(per_order.values()),
            "orders_with_one_payment": sum(1 for n in per_order.values() if n == 1),
            "orders_paid_more_than_once": sum(1 for n in per_order.values() if n > 1),
            "order_statuses": statuses, "commissions": commissions,
            "commission_fen": commission_fen, "expected_commissions": len(LEVEL_BPS) * len(wins),
            "members": members, "room_orders": room_orders}


def failures(f: dict) -> list[str]:
    """The correctness checks that did not hold (targets are not checks)."""
    c, bad = f["checks"], []
    if c["oversold"]:
        bad.append(f"oversold by {c['oversold']}")
    if not c["orders_match_wins"]:
        bad.append(f"orders {c['orders']} != acknowledged wins {c['acknowledged_wins']}")
    if c["orders_with_one_payment"] != c["acknowledged_wins"] or c["orders_paid_more_than_once"]:
        bad.append(f"payments: {c['orders_with_one_payment']} orders paid once of "
                   f"{c['acknowledged_wins']}, {c['orders_paid_more_than_once']} more than once")
    if f["settled"]["events_done"] != c["acknowledged_wins"]:
        bad.append(f"consequences applied for {f['settled']['events_done']} of "
                   f"{c['acknowledged_wins']} paid orders")
    if c["commissions"] != c["expected_commissions"]:
        bad.append(f"commissions {c['commissions']} != {c['expected_commissions']}")
    for n in f["nodes"]:
        if n["chat"]["lost"] or n["chat"]["accepted"] == 0:
            bad.append(f"node {n['node']}: chat lost {n['chat']['lost']} of "
                       f"{n['chat']['expected']}")
    return bad
