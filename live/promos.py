"""Coupon drops. A drop's first N claimers win, one claim per viewer: Redis
decides atomically (never over N), the database records it (and refuses a
second claim by its unique key). Lotteries are in lottery.py."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db import after_commit, after_rollback
from live import errors, rules
from live.engine import Engine
from live.models import CouponClaim, CouponDrop, LiveRoom


def present_drop(drop: CouponDrop, left: int) -> dict:
    return {"id": drop.id, "room_id": drop.room_id, "amount_fen": drop.amount_fen,
            "min_spend_fen": drop.min_spend_fen, "quantity": drop.quantity, "left": left}


def drop_coupon(session: Session, engine: Engine, room: LiveRoom, *, by_id: int, data: dict,
                now: datetime) -> CouponDrop:
    if room.state != rules.LIVE:
        raise errors.RoomNotLive(details={"state": room.state})
    drop = CouponDrop(room_id=room.id, amount_fen=data["amount_fen"],
                      min_spend_fen=data.get("min_spend_fen", 0), quantity=data["quantity"],
                      created_by=by_id, created_at=now)
    session.add(drop)
    session.flush()
    after_commit(session, lambda: engine.load_drop(room.id, drop.id, drop.quantity, []))
    return drop


def claim(session: Session, engine: Engine, *, room_id: int, drop_id: int, user_id: int,
          now: datetime) -> dict:
    """Redis takes one of the N; if the transaction then fails to commit
    (the insert refused, a later error, the commit itself), it goes back."""
    drop = session.get(CouponDrop, drop_id)
    if drop is None or drop.room_id != room_id:
        raise errors.DropNotFound(details={"drop_id": drop_id})
    if engine.drop_left(room_id, drop_id) is None:
        load_drop(session, engine, drop)
    claimed, total = engine.claim(room_id, drop_id, user_id)
    # the claim is Redis's until the database commits it: given back otherwise
    after_rollback(session, lambda: engine.unclaim(room_id, drop_id, user_id))
    _check_left(session, drop)
    row = CouponClaim(drop_id=drop_id, room_id=room_id, user_id=user_id, created_at=now)
    session.add(row)
    session.flush()
    return {"claim_id": row.id, "drop": present_drop(drop, total - claimed)}


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
    shown = []
    for drop in drops:
        left = engine.drop_left(room_id, drop.id)
        if left is None:
            left = drop.quantity - session.scalar(select(func.count()).where(
                CouponClaim.drop_id == drop.id))
        if left > 0:
            shown.append(present_drop(drop, left))
    return shown
