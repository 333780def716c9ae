"""Coupons at checkout, and coupons coming back.

The `coupon` pricing step (app/orders/pricing.py, rank 20, asks coupon_id):
the buyer's own unused coupon of the order's merchant, valid at `now`, on a
"normal" order only (promotion prices do not stack with coupons), threshold
and scope checked, the discount computed here. Once the order exists the
coupon is marked used by a guarded update (unused -> used), so of two orders
racing for one coupon exactly one is created. `Order.coupon_id` names the
held coupon (UserCoupon.id).

A coupon comes back when its order is cancelled or fully refunded (order
status `refunded`; a partial refund keeps it), exactly once: a guarded update
used -> unused where the coupon still names that order. One whose validity
ended meanwhile comes back as `expired`. Such an order keeps its coupon_id,
so a late payment never revives it (orders.rules.late_payment_can_revive):
it is refunded instead."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.catalog.models import Product
from app.coupons import rules
from app.coupons.errors import CouponNotFound, NotUsable, NotWithPromotion
from app.coupons.models import Coupon, UserCoupon
from app.coupons.service import terms_of
from app.orders import pricing
from app.orders import rules as order_rules
from app.orders.models import Order

STEP, RANK = "coupon", 20
COUPON_KINDS = frozenset({"normal"})


def rule_lines(session: Session, lines: list[tuple[int, int]]) -> list[rules.Line]:
    """(product_id, amount_fen) pairs -> lines with their product's category."""
    ids = {product_id for product_id, _ in lines}
    categories = dict(session.execute(select(Product.id, Product.category)
                                      .where(Product.id.in_(ids))).all())
    return [rules.Line(pid, categories.get(pid, ""), fen) for pid, fen in lines]


def evaluate(held: UserCoupon, coupon: Coupon, *, merchant_id: int, lines: list[rules.Line],
             room_fen: int, now: datetime) -> int:
    """The discount this held coupon gives these lines; Refused(reason) if none."""
    if held.merchant_id != merchant_id:
        raise rules.Refused("wrong_merchant", merchant_id=held.merchant_id)
    rules.check_usable(held.status, held.valid_from, held.valid_until, now)
    return rules.discount_fen(terms_of(coupon), lines, room_fen)


def coupon_step(session: Session, checkout: pricing.Checkout, now: datetime):
    held_id = checkout.asks.get("coupon_id")
    if held_id is None:
        return None
    if checkout.kind not in COUPON_KINDS:
        raise NotWithPromotion(details={"kind": checkout.kind})
    held = session.get(UserCoupon, held_id)
    if held is None or held.user_id != checkout.buyer_id:
        raise CouponNotFound(details={"coupon_id": held_id})
    coupon = session.get(Coupon, held.coupon_id)
    lines = rule_lines(session, [(ln.product_id, ln.amount_fen) for ln in checkout.lines])
    try:
        off = evaluate(held, coupon, merchant_id=checkout.merchant_id, lines=lines,
                       room_fen=checkout.room_fen, now=now)
    except rules.Refused as exc:
        raise NotUsable(details={"reason": exc.reason, **exc.details}) from exc
    checkout.discount_fen += off
    checkout.applied[STEP] = {"coupon_id": held.id, "discount_fen": off}
    return lambda order: mark_used(session, held, order, off, now)


def mark_used(session: Session, held: UserCoupon, order: Order, off: int,
              now: datetime) -> None:
    done = session.execute(update(UserCoupon).where(
        UserCoupon.id == held.id, UserCoupon.status == rules.UNUSED)
        .values(status=rules.USED, order_id=order.id, used_at=now, discount_fen=off)
        .execution_options(synchronize_session=False))
    if done.rowcount != 1:
        raise NotUsable(details={"reason": rules.USED})
    session.execute(update(Coupon).where(Coupon.id == held.coupon_id)
                    .values(used=Coupon.used + 1).execution_options(synchronize_session=False))
    order.coupon_id = held.id


def give_back(session: Session, order: Order, now: datetime) -> bool:
    """True if this call returned the order's coupon."""
    held = session.scalars(select(UserCoupon).where(
        UserCoupon.order_id == order.id, UserCoupon.status == rules.USED)).first()
    if held is None:
        return False
    back = rules.held_status(rules.UNUSED, held.valid_until, now)
    done = session.execute(update(UserCoupon).where(
        UserCoupon.id == held.id, UserCoupon.status == rules.USED,
        UserCoupon.order_id == order.id)
        .values(status=back, order_id=None, used_at=None, discount_fen=0)
        .execution_options(synchronize_session=False))
    if done.rowcount != 1:
        return False
    session.execute(update(Coupon).where(Coupon.id == held.coupon_id)
                    .values(used=Coupon.used - 1).execution_options(synchronize_session=False))
    session.expire(held)
    return True


def give_back_when_wholly_refunded(session: Session, order: Order, now: datetime) -> bool:
    """A partial refund keeps the coupon; the refund that empties the order returns it."""
    return order.status == order_rules.REFUNDED and give_back(session, order, now)
