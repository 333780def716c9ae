"""Bargains: start (the cuts are drawn at once) and buy at the current
price when allowed. Helping is in helps.py."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.auth.models import User
from app.db import after_rollback
from app.orders import service as orders
from app.orders.models import Order
from groupbuy import rules
from groupbuy.activities import ensure_running, get_bargain_activity
from groupbuy.engine import Engine
from groupbuy.errors import (
    BargainClosed,
    BargainExpired,
    BargainNotFound,
    BuyNotAllowed,
    StartLimitReached,
)
from groupbuy.models import Bargain, BargainActivity
from groupbuy.recovery import load_bargain


def _lock_user(session: Session, user_id: int) -> None:
    """Serialises one user's starts, so the start limit counts exactly."""
    session.execute(select(User.id).where(User.id == user_id).with_for_update())


def _count(session: Session, model, *where) -> int:
    return session.scalar(select(func.count()).select_from(model).where(*where))


def start(session: Session, engine: Engine, *, activity_id: int, starter_id: int,
          now: datetime, rng: random.Random | None = None) -> Bargain:
    act = get_bargain_activity(session, activity_id)
    ensure_running(act, now)
    _lock_user(session, starter_id)
    if _count(session, Bargain, Bargain.activity_id == act.id,
              Bargain.starter_id == starter_id) >= act.start_limit:
        raise StartLimitReached(details={"limit": act.start_limit})
    cuts = rules.draw_cuts(act.start_price_fen - act.floor_price_fen, act.helpers_needed, rng)
    bargain = Bargain(activity_id=act.id, starter_id=starter_id, sku_id=act.sku_id,
                      start_price_fen=act.start_price_fen, floor_price_fen=act.floor_price_fen,
                      price_fen=act.start_price_fen, cuts=",".join(map(str, cuts)),
                      helps_count=0, status=rules.ACTIVE, created_at=now,
                      expires_at=now + timedelta(seconds=act.validity_s))
    session.add(bargain)
    session.flush()
    load_bargain(session, engine, bargain, now, heal=False)
    after_rollback(session, lambda bid=bargain.id: engine.drop_bargain(bid))
    return bargain


def get_bargain(session: Session, bargain_id: int) -> Bargain:
    bargain = session.get(Bargain, bargain_id)
    if bargain is None:
        raise BargainNotFound()
    return bargain


def buy(session: Session, engine: Engine, *, bargain_id: int, buyer_id: int,
        now: datetime) -> tuple[Bargain, Order]:
    """The starter orders at the current price (the floor, or above it when
    the activity allows). A 0-fen order needs no payment: it is paid at once."""
    bargain = session.scalars(select(Bargain).where(Bargain.id == bargain_id)
                              .with_for_update()
                              .execution_options(populate_existing=True)).one_or_none()
    if bargain is None or bargain.starter_id != buyer_id:
        raise BargainNotFound()
    if bargain.status != rules.ACTIVE:
        raise BargainClosed()
    if now >= bargain.expires_at:
        raise BargainExpired()
    act = session.get(BargainActivity, bargain.activity_id)
    if not rules.can_buy(bargain.price_fen, bargain.floor_price_fen, act.buy_above_floor):
        raise BuyNotAllowed(details={"price_fen": bargain.price_fen,
                                     "floor_price_fen": bargain.floor_price_fen})
    order = orders.create_order(session, buyer_id=buyer_id, lines=[(bargain.sku_id, 1)],
                                now=now, kind="bargain",
                                prices={bargain.sku_id: bargain.price_fen})
    bargain.status, bargain.order_id = rules.BOUGHT, order.id
    if engine.bargain_state(bargain.id, rules.ACTIVE, rules.BOUGHT):
        after_rollback(session, lambda bid=bargain.id: engine.bargain_state(
            bid, rules.BOUGHT, rules.ACTIVE))
    if order.total_fen == 0:
        orders.mark_paid(session, order_id=order.id, now=now)
    return bargain, order


def on_cancelled(session: Session, engine: Engine, order: Order, now: datetime) -> None:
    """An unpaid bargain order lapsed: the bargain may be bought again."""
    bargain = session.scalar(select(Bargain).where(Bargain.order_id == order.id))
    if bargain is None or bargain.status != rules.BOUGHT:
        return
    bargain.status, bargain.order_id = rules.ACTIVE, None
    engine.bargain_state(bargain.id, rules.BOUGHT, rules.ACTIVE)
