"""Points use cases: earn on completed orders, claw back on refunds, spend at
checkout (step `points`), give spent points back once on cancel or full
refund, and expiry.

Earning: `earn_per_yuan` points per whole yuan of goods actually paid
(total - postage - already refunded), rounded down; the lot expires
`expiry_days` after. A refund after earning claws back earned * refund /
base, rounded down (the member keeps the remainder), and the refund that
makes the order wholly refunded claws back whatever is left. A clawback may
take the balance negative: it is owed, never lost. Returned spent points are
a new lot (expiring `expiry_days` after the return).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.money import apply_bps
from app.orders.models import Order
from app.orders.pricing import Checkout
from members import members, tiers
from members.errors import (
    InsufficientPoints,
    PointsNotAccepted,
    PointsNotWholeFen,
    PointsOverLimit,
)
from members.models import GrowthEntry, PointsEntry
from members.points import ledger as points_ledger
from members.points import settings as points_settings

POINTS_KINDS = frozenset({"normal"})  # promotion orders are priced by their promotion


def expiry(settings: dict, now: datetime) -> datetime | None:
    days = settings["expiry_days"]
    return now + timedelta(days=days) if days else None


def on_completed(session: Session, order: Order, now: datetime) -> None:
    """Earn points and growth (1 per yuan) on what the order actually paid."""
    base = order.total_fen - order.postage_fen - order.refunded_fen
    if base <= 0:
        return
    settings = points_settings.get(session, order.merchant_id)
    who = {"merchant_id": order.merchant_id, "user_id": order.buyer_id}
    members.join(session, **who, via="order", now=now)
    points_ledger.add_points(session, key=f"earn:{order.id}", **who, kind="earn",
                             points=base * settings["earn_per_yuan"] // 100, order_id=order.id,
                             base_fen=base, expires_at=expiry(settings, now), now=now)
    if points_ledger.add_growth(session, key=f"order:{order.id}", **who, kind="order",
                                amount=base // 100, order_id=order.id, base_fen=base, now=now):
        tiers.refresh(session, order.merchant_id, order.buyer_id)


def on_refunded(session: Session, order: Order, *, refund_id: int, amount_fen: int,
                whole: bool, now: datetime) -> None:
    """Claw back earned points and growth (`whole`: the order is wholly refunded)."""
    who = {"merchant_id": order.merchant_id, "user_id": order.buyer_id}
    earned = points_ledger.entry(session, f"earn:{order.id}")
    if earned is not None:
        left = earned.points + _sum(session, PointsEntry.points, order.id, "clawback")
        claw = left if whole else min(left, earned.points * amount_fen // earned.base_fen)
        points_ledger.add_points(session, key=f"claw:{refund_id}", **who, kind="clawback",
                                 points=-claw, order_id=order.id, now=now)
    _claw_growth(session, order, refund_id=refund_id, amount_fen=amount_fen, whole=whole,
                 now=now)


def _claw_growth(session, order, *, refund_id, amount_fen, whole, now) -> None:
    grown = session.scalar(select(GrowthEntry).where(GrowthEntry.key == f"order:{order.id}"))
    if grown is None:
        return
    left = int(session.scalar(select(func.coalesce(func.sum(GrowthEntry.amount), 0))
                              .where(GrowthEntry.order_id == order.id)))
    claw = left if whole else min(left, grown.amount * amount_fen // grown.base_fen)
    if points_ledger.add_growth(session, key=f"refund:{refund_id}",
                                merchant_id=order.merchant_id, user_id=order.buyer_id,
                                kind="refund", amount=-claw, order_id=order.id, now=now):
        tiers.refresh(session, order.merchant_id, order.buyer_id)


def _sum(session: Session, column, order_id: int, kind: str) -> int:
    return int(session.scalar(select(func.coalesce(func.sum(column), 0)).where(
        PointsEntry.order_id == order_id, PointsEntry.kind == kind)))


def give_back(session: Session, order: Order, now: datetime) -> bool:
    """Points spent on an order come back once (cancelled or wholly refunded)."""
    spent = points_ledger.entry(session, f"spend:{order.id}")
    if spent is None:
        return False
    settings = points_settings.get(session, order.merchant_id)
    return points_ledger.add_points(
        session, key=f"return:{order.id}", merchant_id=order.merchant_id,
        user_id=order.buyer_id, kind="return", points=-spent.points, order_id=order.id,
        expires_at=expiry(settings, now), now=now)


def checkout_step(session: Session, checkout: Checkout, now: datetime):
    """Pay part of a normal order with points: whole fen only, within
    max_cover_bps of the payable and the order's room, from the member's
    balance (read under their row lock). The spend entry is keyed by order."""
    asked = checkout.asks.get("points")
    if not asked:
        return None
    settings = points_settings.get(session, checkout.merchant_id)
    per_yuan = settings["redeem_per_yuan"]
    if checkout.kind not in POINTS_KINDS or not per_yuan or not settings["max_cover_bps"]:
        raise PointsNotAccepted(details={"kind": checkout.kind})
    if asked * 100 % per_yuan:
        raise PointsNotWholeFen(details={"points_per_yuan": per_yuan})
    fen = asked * 100 // per_yuan
    cap_fen = min(checkout.room_fen, apply_bps(checkout.payable_fen, settings["max_cover_bps"]))
    if fen > cap_fen:
        raise PointsOverLimit(details={"max_points": cap_fen * per_yuan // 100})
    who = {"merchant_id": checkout.merchant_id, "user_id": checkout.buyer_id}
    available = points_ledger.balance(session, **who, now=now) \
        if members.lock_member(session, **who) is not None else 0
    if available < asked:
        raise InsufficientPoints(details={"available": available, "asked": asked})
    checkout.discount_fen += fen
    checkout.applied["points"] = {"points": asked, "discount_fen": fen}

    def spend(order: Order) -> None:
        points_ledger.add_points(session, key=f"spend:{order.id}", **who, kind="spend",
                                 points=-asked, order_id=order.id, now=now)
    return spend


def gift(session: Session, *, merchant_id: int, user_ids: list[int], payload: dict,
         key_prefix: str, now: datetime) -> dict[int, str]:
    """The `points` send action: `payload["points"]` to each member, once per key."""
    settings = points_settings.get(session, merchant_id)
    outcome = {}
    for user_id in user_ids:
        fresh = points_ledger.add_points(
            session, key=f"{key_prefix}:{user_id}", merchant_id=merchant_id, user_id=user_id,
            kind="gift", points=payload["points"], expires_at=expiry(settings, now), now=now)
        outcome[user_id] = "sent" if fresh else "already_sent"
    return outcome
