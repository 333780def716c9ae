"""What buyers see: a merchant's claimable coupons (optionally those covering
one product), the coupons they hold by status, and which of them a cart
could use and for how much (the checkout's own rules, so the preview and
the order agree)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from app.catalog.errors import ProductNotFound, SkuNotFound
from app.catalog.models import Product, Sku
from app.catalog.service import get_merchant
from app.coupons import rules
from app.coupons.checkout import evaluate, rule_lines
from app.coupons.models import Coupon, UserCoupon
from app.coupons.service import terms_of
from app.db import paginate
from app.orders import rules as order_rules
from app.orders.errors import InvalidLines, MixedMerchants
from app.orders.pricing import MIN_PAYABLE_FEN

MAX_LISTED = 100


def claimable(session: Session, *, now: datetime, merchant_id: int | None = None,
              product_id: int | None = None) -> list[Coupon]:
    """Public, active, some left, window not over; newest first."""
    if product_id is not None:
        product = session.get(Product, product_id)
        if product is None:
            raise ProductNotFound()
        merchant_id = product.merchant_id
    get_merchant(session, merchant_id)
    found = session.scalars(select(Coupon).where(
        Coupon.merchant_id == merchant_id, Coupon.public.is_(True),
        Coupon.status == rules.ACTIVE, Coupon.claimed < Coupon.total,
        or_(Coupon.valid_until.is_(None), Coupon.valid_until > now))
        .order_by(Coupon.id.desc()).limit(MAX_LISTED))
    if product_id is None:
        return list(found)
    line = rules.Line(product.id, product.category, 0)
    return [c for c in found if rules.covers(terms_of(c), line)]


def _status_filter(status: str, now: datetime):
    unused_live = and_(UserCoupon.status == rules.UNUSED, UserCoupon.valid_until > now)
    if status == rules.UNUSED:
        return unused_live
    if status == rules.EXPIRED:
        return or_(UserCoupon.status == rules.EXPIRED,
                   and_(UserCoupon.status == rules.UNUSED, UserCoupon.valid_until <= now))
    return UserCoupon.status == status


def mine(session: Session, *, user_id: int, status: str | None, now: datetime, page: int,
         per_page: int) -> tuple[list[tuple[UserCoupon, Coupon]], int]:
    stmt = select(UserCoupon).where(UserCoupon.user_id == user_id)
    if status:
        stmt = stmt.where(_status_filter(status, now))
    items, total = paginate(session, stmt, order_by=UserCoupon.id.desc(), page=page,
                            per_page=per_page)
    return with_coupons(session, items), total


def with_coupons(session: Session, items: list[UserCoupon]) -> list[tuple[UserCoupon, Coupon]]:
    ids = {held.coupon_id for held in items}
    coupons = {c.id: c for c in session.scalars(select(Coupon).where(Coupon.id.in_(ids)))}
    return [(held, coupons[held.coupon_id]) for held in items]


def _cart(session: Session, lines: list[tuple[int, int]]) -> tuple[int, list[rules.Line]]:
    try:
        merged = order_rules.merge_lines(lines)
    except ValueError as exc:
        raise InvalidLines(str(exc)) from exc
    skus = {s.id: s for s in session.scalars(select(Sku).where(
        Sku.id.in_([sku_id for sku_id, _ in merged])))}
    missing = [sku_id for sku_id, _ in merged if sku_id not in skus]
    if missing:
        raise SkuNotFound(details={"sku_ids": missing})
    merchants = {s.merchant_id for s in skus.values()}
    if len(merchants) != 1:
        raise MixedMerchants()
    amounts = [(skus[i].product_id, skus[i].price_fen * qty) for i, qty in merged]
    return merchants.pop(), rule_lines(session, amounts)


def preview(session: Session, *, user_id: int, lines: list[tuple[int, int]],
            now: datetime) -> list[dict]:
    """Each unused, unexpired coupon the user holds for the cart's merchant,
    with the discount it gives (usable) or why not, best first."""
    merchant_id, cart = _cart(session, lines)
    room_fen = max(0, sum(line.amount_fen for line in cart) - MIN_PAYABLE_FEN)
    held = session.scalars(select(UserCoupon).where(
        UserCoupon.user_id == user_id, UserCoupon.merchant_id == merchant_id,
        _status_filter(rules.UNUSED, now)).order_by(UserCoupon.id).limit(MAX_LISTED))
    shown = []
    for item, coupon in with_coupons(session, list(held)):
        try:
            off, reason = evaluate(item, coupon, merchant_id=merchant_id, lines=cart,
                                   room_fen=room_fen, now=now), ""
        except rules.Refused as exc:
            off, reason = 0, exc.reason
        shown.append({"coupon": (item, coupon), "usable": not reason, "reason": reason,
                      "discount_fen": off})
    return sorted(shown, key=lambda s: (not s["usable"], -s["discount_fen"]))


def present(held: UserCoupon, coupon: Coupon, now: datetime) -> dict:
    """A held coupon as the buyer sees it, with its status at `now`."""
    terms = {k: getattr(coupon, k) for k in (
        "name", "kind", "amount_fen", "percent_bps", "cap_fen", "min_spend_fen", "scope",
        "product_ids", "categories")}
    return {"id": held.id, "coupon_id": coupon.id, "merchant_id": held.merchant_id, **terms,
            "status": rules.held_status(held.status, held.valid_until, now),
            "valid_from": held.valid_from, "valid_until": held.valid_until,
            "source": held.source, "order_id": held.order_id,
            "discount_fen": held.discount_fen, "claimed_at": held.claimed_at,
            "used_at": held.used_at}
