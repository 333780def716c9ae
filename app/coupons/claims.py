"""Claims and grants: a user takes one of a coupon's `total`, never more than
its per-user limit, atomically, in the caller's transaction.

Why the database alone (no Redis script): the database is the truth and the
limits must hold there anyway, and one transaction does both checks:
1. `UPDATE coupons SET claimed = claimed + 1 WHERE id = ? AND status =
   'active' AND claimed < total` takes a slot or fails; on PostgreSQL it
   also row-locks the coupon, so claims of one coupon queue behind each other
   until commit (SQLite's BEGIN IMMEDIATE already serialises writers).
2. The held coupon is inserted with `seq` = the user's next copy number, and
   (coupon_id, user_id, seq) is unique with seq <= per_user_limit: a second
   claim over the limit has no free seq, whatever the isolation level.
Any refusal raises, and the caller's rollback returns the slot. Claims are
not flash-sale hot (a live drop's first-N rush is decided in Redis before
it reaches here), so one row lock per coupon is cheap enough."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.coupons import rules
from app.coupons.errors import CouponNotFound, Exhausted, LimitReached, NotClaimable
from app.coupons.models import Coupon, UserCoupon
from app.db import insert_ignore


def claim(session: Session, *, coupon_id: int, user_id: int, now: datetime) -> UserCoupon:
    """A buyer claims a public coupon (one that is not public is not found)."""
    coupon = session.get(Coupon, coupon_id)
    if coupon is None or not coupon.public:
        raise CouponNotFound()
    return _take(session, coupon, user_id=user_id, now=now, source="claim", key=None)


def grant(session: Session, *, coupon_id: int, user_id: int, now: datetime, source: str,
          key: str | None) -> UserCoupon:
    """Hand a coupon to a user (a live drop, a segment campaign). Counts
    against the total and the per-user limit like a claim; idempotent by
    `key`: a retried job gets the coupon the first call granted. Raises
    CouponNotFound, NotClaimable, Exhausted, LimitReached."""
    if key is not None and (held := _by_key(session, key)) is not None:
        return held
    coupon = session.get(Coupon, coupon_id)
    if coupon is None:
        raise CouponNotFound()
    return _take(session, coupon, user_id=user_id, now=now, source=source, key=key)


def _by_key(session: Session, key: str) -> UserCoupon | None:
    return session.scalars(select(UserCoupon).where(UserCoupon.grant_key == key)).first()


def _take(session: Session, coupon: Coupon, *, user_id: int, now: datetime, source: str,
          key: str | None) -> UserCoupon:
    if not rules.claimable(coupon.status, coupon.valid_until, now):
        raise NotClaimable(details={"status": coupon.status})
    held = session.scalar(select(func.count()).select_from(UserCoupon).where(
        UserCoupon.coupon_id == coupon.id, UserCoupon.user_id == user_id))
    if held >= coupon.per_user_limit:
        raise LimitReached(details={"per_user_limit": coupon.per_user_limit})
    _take_slot(session, coupon)
    valid_from, valid_until = rules.held_window(coupon.valid_from, coupon.valid_until,
                                                coupon.valid_days, now)
    row = dict(coupon_id=coupon.id, user_id=user_id, merchant_id=coupon.merchant_id,
               status=rules.UNUSED, valid_from=valid_from, valid_until=valid_until,
               source=source, grant_key=key, discount_fen=0, claimed_at=now)
    for seq in range(held + 1, coupon.per_user_limit + 1):
        if insert_ignore(session, UserCoupon, seq=seq, **row):
            return session.scalars(select(UserCoupon).where(
                UserCoupon.coupon_id == coupon.id, UserCoupon.user_id == user_id,
                UserCoupon.seq == seq)).one()
    if key is not None and (same := _by_key(session, key)) is not None:
        _give_slot_back(session, coupon)  # a racing retry of the same grant won
        return same
    raise LimitReached(details={"per_user_limit": coupon.per_user_limit})


def _take_slot(session: Session, coupon: Coupon) -> None:
    took = session.execute(update(Coupon).where(
        Coupon.id == coupon.id, Coupon.status == rules.ACTIVE, Coupon.claimed < Coupon.total)
        .values(claimed=Coupon.claimed + 1).execution_options(synchronize_session=False))
    session.refresh(coupon)
    if took.rowcount != 1:
        if coupon.status != rules.ACTIVE:
            raise NotClaimable(details={"status": coupon.status})
        raise Exhausted(details={"total": coupon.total})


def _give_slot_back(session: Session, coupon: Coupon) -> None:
    session.execute(update(Coupon).where(Coupon.id == coupon.id)
                    .values(claimed=Coupon.claimed - 1)
                    .execution_options(synchronize_session=False))
    session.refresh(coupon)
