"""Room statistics: unique viewers, online now and peak, likes, messages
(Redis), orders, buyers and GMV from the paid orders whose room_id is the
room (database), conversion = buyers / unique viewers. Written to the room's
row while it runs; once it ends the row is final."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.orders.models import Order
from live import rules
from live.engine import Engine
from live.models import LiveRoom


def orders_of(session: Session, room_id: int) -> tuple[int, int, int]:
    """(paid orders, distinct buyers, GMV in fen) of orders placed from the room."""
    orders, buyers, gmv = session.execute(
        select(func.count(Order.id), func.count(Order.buyer_id.distinct()),
               func.coalesce(func.sum(Order.total_fen), 0))
        .where(Order.room_id == room_id, Order.paid_at.is_not(None))).one()
    return int(orders), int(buyers), int(gmv)


def save(session: Session, engine: Engine, room: LiveRoom) -> int:
    """Copy the live figures onto the room's row (counters never go down);
    returns online now."""
    c = engine.counters(room.id)
    room.likes = max(room.likes, c.likes)
    room.messages = max(room.messages, c.messages)
    room.peak_online = max(room.peak_online, c.peak)
    room.unique_viewers = max(room.unique_viewers, c.unique_viewers)
    room.orders, room.buyers, room.gmv_fen = orders_of(session, room.id)
    session.flush()
    return c.online


def present(room: LiveRoom, online: int) -> dict:
    return {"room_id": room.id, "state": room.state, "online": online,
            "peak_online": room.peak_online, "unique_viewers": room.unique_viewers,
            "likes": room.likes, "messages": room.messages, "orders": room.orders,
            "buyers": room.buyers, "gmv_fen": room.gmv_fen,
            "conversion_bps": rules.conversion_bps(room.buyers, room.unique_viewers)}


def current(session: Session, engine: Engine, room: LiveRoom) -> dict:
    """Live figures while the room runs (saved as they are read). After it
    ended the audience figures are the kept ones, but orders keep counting:
    an order placed during the show may be paid minutes after it."""
    if room.state == rules.ENDED:
        room.orders, room.buyers, room.gmv_fen = orders_of(session, room.id)
        session.flush()
        return present(room, 0)
    return present(room, save(session, engine, room))
