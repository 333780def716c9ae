"""Room statistics: unique viewers (signed-in users, each once), online now
and peak, likes, messages (Redis), orders, buyers and GMV from the paid
orders whose room_id is the room (database), conversion = buyers / unique
viewers. The host sees them live on every tick; they reach the room's row
only when they changed, at most every STATS_SAVE_MS, and at the end, after
which the audience figures are final (orders keep counting late payments)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.orders.models import Order
from live import rules
from live.engine import Engine
from live.models import LiveRoom

AUDIENCE = ("likes", "messages", "peak_online", "unique_viewers")
SALES = ("orders", "buyers", "gmv_fen")


def orders_of(session: Session, room_id: int) -> tuple[int, int, int]:
    """(paid orders, distinct buyers, GMV in fen) of orders placed from the room."""
    orders, buyers, gmv = session.execute(
        select(func.count(Order.id), func.count(Order.buyer_id.distinct()),
               func.coalesce(func.sum(Order.total_fen), 0))
        .where(Order.room_id == room_id, Order.paid_at.is_not(None))).one()
    return int(orders), int(buyers), int(gmv)


def _figures(session: Session, engine: Engine, room: LiveRoom) -> tuple[dict, int]:
    """(figures, online now): Redis's counters while the room runs (never
    below the row's), the row's once it ended (likes: never below the
    processes' batches, live/tally.py); orders from the database."""
    values = {k: getattr(room, k) for k in AUDIENCE}
    values["likes"] = max(room.likes, room.likes_flushed)  # batches written after the end
    online = 0
    if room.state != rules.ENDED:
        c = engine.counters(room.id)
        live = {"likes": c.likes, "messages": c.messages, "peak_online": c.peak,
                "unique_viewers": c.unique_viewers}
        values = {k: max(values[k], live[k]) for k in AUDIENCE}
        online = c.online
    values.update(zip(SALES, orders_of(session, room.id), strict=True))
    return values, online


def _write(session: Session, room: LiveRoom, values: dict) -> None:
    for key, value in values.items():
        setattr(room, key, value)
    session.flush()


def present(room: LiveRoom, values: dict, online: int) -> dict:
    return {"room_id": room.id, "state": room.state, "online": online, **values,
            "conversion_bps": rules.conversion_bps(values["buyers"], values["unique_viewers"])}


def current(session: Session, engine: Engine, room: LiveRoom) -> dict:
    """The figures as they are now, read only."""
    values, online = _figures(session, engine, room)
    return present(room, values, online)


def refresh(session: Session, engine: Engine, room: LiveRoom) -> dict:
    """current(), written to the row when it changed and no process wrote
    it in the last STATS_SAVE_MS."""
    values, online = _figures(session, engine, room)
    changed = any(getattr(room, k) != v for k, v in values.items())
    if changed and engine.save_due(room.id):
        _write(session, room, values)
    return present(room, values, online)


def save(session: Session, engine: Engine, room: LiveRoom) -> dict:
    """Write the figures now (the room is ending)."""
    values, online = _figures(session, engine, room)
    _write(session, room, values)
    return present(room, values, online)
