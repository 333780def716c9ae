"""In-room flash sales through the flash-sale engine: the host (the
merchant's staff) starts a sale for a shelf SKU, created and published at
once and loaded into Redis after the commit; stopping it stops and settles
it. Viewers grab through the flash-sale API with source {"room": id}."""

from __future__ import annotations

from datetime import datetime, timedelta

import redis
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.catalog.models import Sku
from app.db import after_commit
from flashsale import activities, flows, returns
from flashsale import rules as flash_rules
from flashsale.models import FlashActivity
from live import errors, rooms, rules
from live.models import LiveRoom, RoomSale


def present(activity: FlashActivity, remaining: int | None) -> dict:
    return {"activity_id": activity.id, "sku_id": activity.sku_id,
            "product_id": activity.product_id, "title": activity.title,
            "price_fen": activity.price_fen, "quota": activity.quota,
            "per_user_limit": activity.per_user_limit, "remaining": remaining,
            "starts_at": activity.starts_at.isoformat(), "ends_at": activity.ends_at.isoformat()}


def start(session: Session, room: LiveRoom, *, by_id: int, data: dict,
          now: datetime) -> FlashActivity:
    """A live room only, a SKU of a shelf product; runs `minutes` from now."""
    if room.state != rules.LIVE:
        raise errors.RoomNotLive(details={"state": room.state})
    sku = session.get(Sku, data["sku_id"])
    if sku is None or sku.product_id not in rooms.shelf_ids(session, room.id):
        raise errors.NotOnShelf(details={"sku_id": data["sku_id"]})
    terms = {"sku_id": sku.id, "price_fen": data["price_fen"], "quota": data["quota"],
             "per_user_limit": data.get("per_user_limit", 1),
             "per_order_limit": data.get("per_user_limit", 1),
             "starts_at": now, "ends_at": now + timedelta(minutes=data["minutes"])}
    activity = activities.create(session, staff_id=room.host_id, merchant_id=room.merchant_id,
                                 data=terms, now=now)
    activities.publish(session, staff_id=room.host_id, merchant_id=room.merchant_id,
                       activity_id=activity.id, now=now)
    session.add(RoomSale(room_id=room.id, activity_id=activity.id, started_by=by_id,
                         created_at=now))
    session.flush()
    flows.after_publish(session, activity)  # loads Redis and times the settling
    return activity


def stop(session: Session, room: LiveRoom, *, activity_id: int, now: datetime) -> FlashActivity:
    """Stopped and settled at once: the unsold quota goes back to the SKU."""
    sale = session.scalar(select(RoomSale).where(RoomSale.room_id == room.id,
                                                 RoomSale.activity_id == activity_id))
    if sale is None:
        raise errors.SaleNotInRoom(details={"activity_id": activity_id})
    activities.stop(session, staff_id=room.host_id, merchant_id=room.merchant_id,
                    activity_id=activity_id, now=now)
    returns.settle(session, activity_id=activity_id, now=now)
    sale.stopped_at = now
    activity = activities.get(session, activity_id)
    sold = activity.sold
    after_commit(session, lambda: flows.closed(activity_id, "stopped", sold))
    return activity


def running(session: Session, room_id: int, now: datetime) -> list[dict]:
    """The room's sales that are published and not over, with units left."""
    rows = session.scalars(select(FlashActivity).join(
        RoomSale, RoomSale.activity_id == FlashActivity.id).where(
        RoomSale.room_id == room_id, FlashActivity.status == flash_rules.PUBLISHED,
        FlashActivity.ends_at > now).order_by(FlashActivity.id))
    return [present(a, _left(a)) for a in rows]


def _left(activity: FlashActivity) -> int:
    """Redis when loaded, else the database (read in this transaction)."""
    try:
        loaded = flows.runtime().engine.remaining(activity.id)
    except redis.RedisError:
        loaded = None
    return activity.quota - activity.sold if loaded is None else loaded


def stop_running(session: Session, room: LiveRoom, now: datetime) -> list[int]:
    """Stop and settle every sale of the room still published (the room is
    ending); returns their activity ids."""
    ids = list(session.scalars(select(RoomSale.activity_id).join(
        FlashActivity, FlashActivity.id == RoomSale.activity_id).where(
        RoomSale.room_id == room.id, RoomSale.stopped_at.is_(None),
        FlashActivity.status == flash_rules.PUBLISHED).order_by(RoomSale.activity_id)))
    for activity_id in ids:
        stop(session, room, activity_id=activity_id, now=now)
    return ids
