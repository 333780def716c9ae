"""Coupon drops. A drop's first N claimers win, one claim per viewer: Redis
decides atomically (never over N), the database records it (and refuses a
second claim by its unique key). Lotteries are in lottery.py."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.coupons import claims as coupon_claims
from app.coupons import service as coupons
from app.coupons.models import Coupon
from app.db import after_commit, after_rollback
from live import errors, rules
from live.engine import Engine
from live.models import CouponClaim, CouponDrop, LiveRoom


def present_drop(session: Session, drop: CouponDrop, left: int) -> dict:
    """A drop with its coupon's name and terms (kind, amount or percent off in
    bps, cap)."""
    coupon = session.get(Coupon, drop.coupon_id) if drop.coupon_id is not None else None
    return {"id": drop.id, "room_id": drop.room_id, "coupon_id": drop.coupon_id,
            "name": coupon.name if coupon else "",
            "kind": coupon.kind if coupon else "amount_off",
            "amount_fen": drop.amount_fen, "percent_bps": coupon.percent_bps if coupon else 0,
            "cap_fen": coupon.cap_fen if coupon else 0, "min_spend_fen": drop.min_spend_fen,
            "quantity": drop.quantity, "left": left}


def drop_coupon(session: Session, engine: Engine, room: LiveRoom, *, by_id: int, data: dict,
                now: datetime) -> CouponDrop:
    """The drop hands out a real coupon of the room's merchant: the one it
    names, or one made for it from amount_fen (and min_spend_fen)."""
    if room.state != rules.LIVE:
        raise errors.RoomNotLive(details={"state": room.state})
    if ("coupon_id" in data) == ("amount_fen" in data):
        raise errors.Invalid(details={"fields": {"coupon_id": ["Give coupon_id or amount_fen."]}})
    coupon = coupons.for_drop(session, merchant_id=room.merchant_id, staff_id=by_id,
                              quantity=data["quantity"], now=now,
                              coupon_id=data.get("coupon_id"),
                              amount_fen=data.get("amount_fen"),
                              min_spend_fen=data.get("min_spend_fen", 0))
    drop = CouponDrop(room_id=room.id, coupon_id=coupon.id, amount_fen=coupon.amount_fen,
                      min_spend_fen=coupon.min_spend_fen, quantity=data["quantity"],
                      created_by=by_id, created_at=now)
    session.add(drop)
    session.flush()
    after_commit(session, lambda: engine.load_drop(room.id, drop.id, drop.quantity, []))
    return drop


def claim(session: Session, engine: Engine, *, room_id: int, drop_id: int, user_id: int,
          now: datetime) -> dict:
    """Redis takes one of the N; if the transaction then fails to commit
    (the insert refused, the grant refused, the commit itself), it goes
    back. A claim grants the drop's coupon in the same transaction; none
    once the room has ended. A drop Redis lost raises StateMissing: the
    caller loads it again (recovery.heal) and claims once more."""
    drop = session.get(CouponDrop, drop_id)
    if drop is None or drop.room_id != room_id:
        raise errors.DropNotFound(details={"drop_id": drop_id})
    if session.get(LiveRoom, room_id).state == rules.ENDED:
        raise errors.RoomEnded()
    claimed, total = engine.claim(room_id, drop_id, user_id)  # StateMissing: Redis lost it
    # the claim is Redis's until the database commits it: given back otherwise
    after_rollback(session, lambda: engine.unclaim(room_id, drop_id, user_id))
    _check_left(session, drop)
    row = CouponClaim(drop_id=drop_id, room_id=room_id, user_id=user_id, created_at=now)
    session.add(row)
    session.flush()
    if drop.coupon_id is not None:  # drops made before drops named coupons have none
        row.coupon_id = coupon_claims.grant(session, coupon_id=drop.coupon_id, user_id=user_id,
                                            now=now, source="live_drop",
                                            key=f"live-drop-{drop.id}-{user_id}").id
    return {"claim_id": row.id, "coupon_id": row.coupon_id,
            "drop": present_drop(session, drop, total - claimed)}


def _check_left(session: Session, drop: CouponDrop) -> None:
    """The database has the last word: under the drop's row lock, never more
    claims than its quantity, whatever a stale Redis let through."""
    session.scalars(select(CouponDrop.id).where(CouponDrop.id == drop.id).with_for_update())
    taken = session.scalar(select(func.count()).select_from(CouponClaim)
                           .where(CouponClaim.drop_id == drop.id))
    if taken >= drop.quantity:
        raise errors.CouponGone(details={"quantity": drop.quantity})


def load_drop(session: Session, engine: Engine, drop: CouponDrop) -> int:
    """Rebuild a drop in Redis from its claims in the database."""
    users = list(session.scalars(select(CouponClaim.user_id)
                                 .where(CouponClaim.drop_id == drop.id)))
    return engine.load_drop(drop.room_id, drop.id, drop.quantity, users)


def open_drops(session: Session, engine: Engine, room_id: int) -> list[dict]:
    """Drops with coupons left, newest first (the database counts when Redis lost one)."""
    drops = list(session.scalars(select(CouponDrop).where(CouponDrop.room_id == room_id)
                                 .order_by(CouponDrop.id.desc()).limit(20)))
    # their coupons in one query; present_drop then finds them in the session
    list(session.scalars(select(Coupon).where(
        Coupon.id.in_({d.coupon_id for d in drops if d.coupon_id is not None}))))
    shown = []
    for drop in drops:
        left = engine.drop_left(room_id, drop.id)
        if left is None:
            left = drop.quantity - session.scalar(select(func.count()).where(
                CouponClaim.drop_id == drop.id))
        if left > 0:
            shown.append(present_drop(session, drop, left))
    return shown
