"""Staff use cases for coupon definitions: create, edit, activate, stop,
list and stats. Terms change only while a coupon is a draft; its name any
time; its total also while active, never below what was claimed (a guarded
update, as claims race it)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import case, func, select, update
from sqlalchemy.orm import Session

from app.catalog.models import Product
from app.catalog.service import check_staff
from app.coupons import rules
from app.coupons.errors import (
    CouponNotFound,
    Exhausted,
    IllegalStatus,
    InvalidCoupon,
    NotClaimable,
    NotEditable,
)
from app.coupons.models import Coupon, UserCoupon
from app.db import paginate

TERM_FIELDS = ("kind", "amount_fen", "percent_bps", "cap_fen", "min_spend_fen", "scope",
               "product_ids", "categories", "per_user_limit", "public")
VALIDITY_FIELDS = ("valid_from", "valid_until", "valid_days")
DEFAULTS = {"amount_fen": 0, "percent_bps": 0, "cap_fen": 0, "min_spend_fen": 0,
            "scope": rules.SCOPE_ALL, "product_ids": [], "categories": [],
            "per_user_limit": 1, "public": True}


def terms_of(coupon: Coupon) -> rules.Terms:
    return rules.Terms(kind=coupon.kind, amount_fen=coupon.amount_fen,
                       percent_bps=coupon.percent_bps, cap_fen=coupon.cap_fen,
                       min_spend_fen=coupon.min_spend_fen, scope=coupon.scope,
                       product_ids=tuple(coupon.product_ids or ()),
                       categories=tuple(coupon.categories or ()))


def _refused(exc: rules.Refused) -> InvalidCoupon:
    return InvalidCoupon(details={"field": exc.reason, **exc.details})


def check(session: Session, coupon: Coupon) -> None:
    """Every term valid, and the scope names the merchant's own products or
    categories its products carry (Product.category)."""
    try:
        rules.check_terms(terms_of(coupon))
        rules.check_limits(coupon.total, coupon.per_user_limit, coupon.claimed or 0)
        rules.check_validity(coupon.valid_from, coupon.valid_until, coupon.valid_days)
    except rules.Refused as exc:
        raise _refused(exc) from exc
    if coupon.scope != rules.SCOPE_PRODUCTS:
        coupon.product_ids = []
    if coupon.scope != rules.SCOPE_CATEGORY:
        coupon.categories = []
    mine = select(Product).where(Product.merchant_id == coupon.merchant_id)
    found = set(session.scalars(mine.with_only_columns(Product.id)
                                .where(Product.id.in_(coupon.product_ids))))
    unknown = sorted(set(coupon.product_ids) - found)
    if unknown:
        raise InvalidCoupon(details={"field": "product_ids", "unknown": unknown})
    found = set(session.scalars(mine.with_only_columns(Product.category).distinct()
                                .where(Product.category.in_(coupon.categories))))
    unknown = sorted(set(coupon.categories) - found)
    if unknown:
        raise InvalidCoupon(details={"field": "categories", "unknown": unknown})


def create(session: Session, *, staff_id: int, merchant_id: int, data: dict,
           now: datetime) -> Coupon:
    check_staff(session, staff_id, merchant_id)
    coupon = new_coupon(merchant_id=merchant_id, created_by=staff_id, now=now, data=data)
    check(session, coupon)
    session.add(coupon)
    session.flush()
    return coupon


def new_coupon(*, merchant_id: int, created_by: int, now: datetime, data: dict,
               status: str = rules.DRAFT) -> Coupon:
    values = {**DEFAULTS, **dict.fromkeys(VALIDITY_FIELDS), **data}
    values["product_ids"] = sorted(set(values["product_ids"]))
    values["categories"] = sorted(set(values["categories"]))
    return Coupon(merchant_id=merchant_id, created_by=created_by, created_at=now,
                  status=status, claimed=0, used=0, **values)


def merchant_coupon(session: Session, merchant_id: int, coupon_id: int) -> Coupon:
    coupon = session.get(Coupon, coupon_id)
    if coupon is None or coupon.merchant_id != merchant_id:
        raise CouponNotFound()
    return coupon


def edit(session: Session, *, staff_id: int, merchant_id: int, coupon_id: int, data: dict,
         now: datetime) -> Coupon:
    """Validity fields replace each other: giving any of them sets all three."""
    check_staff(session, staff_id, merchant_id)
    coupon = merchant_coupon(session, merchant_id, coupon_id)
    terms = {k: v for k, v in data.items() if k not in ("name", "total")}
    if terms and coupon.status != rules.DRAFT or \
            "total" in data and coupon.status == rules.STOPPED:
        raise NotEditable(details={"status": coupon.status})
    if "name" in data:
        coupon.name = data["name"]
    if any(k in data for k in VALIDITY_FIELDS):
        terms = {**dict.fromkeys(VALIDITY_FIELDS), **terms}
    for key, value in terms.items():
        setattr(coupon, key, sorted(set(value)) if isinstance(value, list) else value)
    if "total" in data:
        _set_total(session, coupon, data["total"])
    check(session, coupon)
    session.flush()
    return coupon


def _set_total(session: Session, coupon: Coupon, total: int) -> None:
    try:
        rules.check_limits(total, coupon.per_user_limit)
    except rules.Refused as exc:
        raise _refused(exc) from exc
    done = session.execute(update(Coupon).where(Coupon.id == coupon.id, Coupon.claimed <= total)
                           .values(total=total).execution_options(synchronize_session=False))
    session.refresh(coupon)
    if done.rowcount != 1:
        raise InvalidCoupon(details={"field": "total", "claimed": coupon.claimed,
                                     "rule": "at least 1 and not below what was claimed"})


def set_status(session: Session, *, staff_id: int, merchant_id: int, coupon_id: int,
               target: str) -> Coupon:
    check_staff(session, staff_id, merchant_id)
    coupon = merchant_coupon(session, merchant_id, coupon_id)
    current = coupon.status
    if not rules.can_move(current, target):
        raise IllegalStatus(details={"status": current, "target": target})
    done = session.execute(update(Coupon).where(Coupon.id == coupon.id, Coupon.status == current)
                           .values(status=target).execution_options(synchronize_session=False))
    session.refresh(coupon)
    if done.rowcount != 1:
        raise IllegalStatus(details={"status": coupon.status, "target": target})
    return coupon


def list_coupons(session: Session, *, staff_id: int, merchant_id: int, status: str | None,
                 page: int, per_page: int) -> tuple[list[Coupon], int]:
    check_staff(session, staff_id, merchant_id)
    stmt = select(Coupon).where(Coupon.merchant_id == merchant_id)
    if status:
        stmt = stmt.where(Coupon.status == status)
    return paginate(session, stmt, order_by=Coupon.id.desc(), page=page, per_page=per_page)


def stats(session: Session, *, staff_id: int, merchant_id: int, coupon_id: int,
          now: datetime) -> dict:
    """Held coupons by their status at `now`, and the discount given on orders
    that still hold a coupon (returned coupons give theirs back)."""
    check_staff(session, staff_id, merchant_id)
    coupon = merchant_coupon(session, merchant_id, coupon_id)
    current = case((
        (UserCoupon.status == rules.UNUSED) & (UserCoupon.valid_until <= now), rules.EXPIRED),
        else_=UserCoupon.status)
    rows = session.execute(select(current, func.count(), func.sum(UserCoupon.discount_fen))
                           .where(UserCoupon.coupon_id == coupon.id).group_by(current)).all()
    by = {status: (n, int(fen or 0)) for status, n, fen in rows}
    return {"coupon_id": coupon.id, "total": coupon.total, "claimed": coupon.claimed,
            "left": coupon.total - coupon.claimed,
            **{s: by.get(s, (0, 0))[0] for s in rules.HELD_STATUSES},
            "discount_fen": sum(fen for _, fen in by.values())}


DROP_VALID_DAYS = 7


def for_drop(session: Session, *, merchant_id: int, staff_id: int, quantity: int,
             now: datetime, coupon_id: int | None = None, amount_fen: int | None = None,
             min_spend_fen: int = 0) -> Coupon:
    """The coupon a live drop hands out: a named active coupon of the room's
    merchant with `quantity` still to claim, or a new one made for the drop
    (amount off, above `min_spend_fen` if given; `quantity` in total, one
    per viewer, valid 7 days from claiming, not listed to buyers)."""
    if coupon_id is not None:
        coupon = merchant_coupon(session, merchant_id, coupon_id)
        if coupon.status != rules.ACTIVE:
            raise NotClaimable(details={"status": coupon.status})
        if coupon.total - coupon.claimed < quantity:
            raise Exhausted(details={"left": coupon.total - coupon.claimed})
        return coupon
    if amount_fen is None:
        raise InvalidCoupon(details={"field": "amount_fen", "rule": "name a coupon or an amount"})
    kind = rules.AMOUNT_OFF if min_spend_fen else rules.NO_THRESHOLD
    coupon = new_coupon(merchant_id=merchant_id, created_by=staff_id, now=now,
                        status=rules.ACTIVE,
                        data={"name": "Live drop", "kind": kind, "amount_fen": amount_fen,
                              "min_spend_fen": min_spend_fen, "total": quantity,
                              "per_user_limit": 1, "valid_days": DROP_VALID_DAYS,
                              "public": False})
    check(session, coupon)
    session.add(coupon)
    session.flush()
    return coupon
