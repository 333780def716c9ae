"""Room use cases: create, assistants, states, shelf, pin, and who may act.
Services take a session and `now`, raise domain errors and never commit."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, object_session

from app.auth.roles import MERCHANT_STAFF
from app.auth.service import get_user, grant_role, has_role
from app.catalog import service as catalog
from app.catalog.models import Product
from app.subscribe_messages import triggers as notify
from live import errors, rules
from live.models import LiveRoom, ShelfItem

STAFF_ROLES = ("live_host", "room_assistant")


def get(session: Session, room_id: int, *, lock: bool = False) -> LiveRoom:
    stmt = select(LiveRoom).where(LiveRoom.id == room_id)
    if lock:
        stmt = stmt.with_for_update().execution_options(populate_existing=True)
    room = session.scalars(stmt).one_or_none()
    if room is None:
        raise errors.RoomNotFound(details={"room_id": room_id})
    return room


def describe(session: Session, room_id: int | None) -> dict:
    """Share describer for kind "room": the room's page, title, cover and state."""
    room = get(session, room_id or 0)
    return {"title": room.title, "image_url": room.cover_url, "state": room.state,
            "path": f"/pages/live/room?id={room.id}"}


def is_staff(session: Session, room_id: int, user_id: int | None) -> bool:
    return user_id is not None and has_role(session, user_id, STAFF_ROLES, room_id)


def require_staff(session: Session, room_id: int, user_id: int | None,
                  *, lock: bool = False) -> LiveRoom:
    """The room, if `user_id` is its host or an assistant (or a platform admin)."""
    room = get(session, room_id, lock=lock)
    if user_id is None:
        raise errors.GuestReadOnly()
    if not is_staff(session, room_id, user_id):
        raise errors.NotRoomStaff()
    return room


def require_host(session: Session, room_id: int, user_id: int | None) -> LiveRoom:
    room = require_staff(session, room_id, user_id, lock=True)
    if room.host_id != user_id and not has_role(session, user_id, ("live_host",), room_id):
        raise errors.NotHost()
    return room


def merchant_room(session: Session, *, staff_id: int, merchant_id: int,
                  room_id: int) -> LiveRoom:
    """For the merchant's staff console: the room must be the merchant's."""
    catalog.check_staff(session, staff_id, merchant_id)
    room = get(session, room_id)
    if room.merchant_id != merchant_id:
        raise errors.RoomNotFound(details={"room_id": room_id})
    return room


def create(session: Session, *, staff_id: int, merchant_id: int, data: dict,
           now: datetime) -> LiveRoom:
    """A scheduled room; its host (default: the creator) must be the merchant's staff."""
    catalog.check_staff(session, staff_id, merchant_id)
    host_id = data.get("host_id") or staff_id
    get_user(session, host_id)
    if not has_role(session, host_id, MERCHANT_STAFF, merchant_id):
        raise errors.InvalidHost(details={"host_id": host_id})
    room = LiveRoom(merchant_id=merchant_id, host_id=host_id, title=data["title"],
                    cover_url=data.get("cover_url", ""), stream_key=secrets.token_urlsafe(24),
                    state=rules.SCHEDULED, scheduled_at=data.get("scheduled_at") or now,
                    created_at=now)
    session.add(room)
    session.flush()
    grant_role(session, user_id=host_id, role="live_host", scope_id=room.id, now=now)
    if data.get("shelf"):
        set_shelf(session, room, data["shelf"])
    return room


def add_assistant(session: Session, room: LiveRoom, user_id: int, now: datetime) -> None:
    get_user(session, user_id)
    grant_role(session, user_id=user_id, role="room_assistant", scope_id=room.id, now=now)


def move(room: LiveRoom, target: str, now: datetime) -> None:
    """scheduled -> live -> paused -> live ... -> ended; going live the first
    time reminds the room's subscribers (after the commit)."""
    if not rules.can_move(room.state, target):
        raise errors.IllegalState(details={"state": room.state, "target": target})
    room.state = target
    if target == rules.LIVE and room.started_at is None:
        room.started_at = now
        notify.start_after_commit(object_session(room), "live_room", room.id)
    if target == rules.ENDED:
        room.ended_at = now


def shelf_ids(session: Session, room_id: int) -> list[int]:
    return list(session.scalars(select(ShelfItem.product_id).where(ShelfItem.room_id == room_id)
                                .order_by(ShelfItem.position)))


def set_shelf(session: Session, room: LiveRoom, product_ids: list[int]) -> None:
    """The merchant's products, in this order, each once; the pin must stay on it."""
    if len(product_ids) != len(set(product_ids)) or len(product_ids) > rules.MAX_SHELF:
        raise errors.InvalidShelf(details={"product_ids": "Each product once, at most 100."})
    found = set(session.scalars(select(Product.id).where(
        Product.id.in_(product_ids), Product.merchant_id == room.merchant_id)))
    missing = [p for p in product_ids if p not in found]
    if missing:
        raise errors.InvalidShelf(details={"unknown_product_ids": missing})
    session.execute(delete(ShelfItem).where(ShelfItem.room_id == room.id))
    session.add_all(ShelfItem(room_id=room.id, product_id=p, position=i)
                    for i, p in enumerate(product_ids))
    if room.pinned_product_id not in found:
        room.pinned_product_id = None
    session.flush()


def reorder(session: Session, room: LiveRoom, product_ids: list[int]) -> list[int]:
    try:
        order = rules.check_reorder(shelf_ids(session, room.id), product_ids)
    except rules.Refused as exc:
        raise errors.from_rule(exc) from exc
    items = {i.product_id: i for i in session.scalars(
        select(ShelfItem).where(ShelfItem.room_id == room.id))}
    for position, product_id in enumerate(order):
        items[product_id].position = position
    session.flush()
    return order


def pin(session: Session, room: LiveRoom, product_id: int | None) -> None:
    """Pin a shelf product as "explaining now" (None unpins)."""
    if product_id is not None and product_id not in shelf_ids(session, room.id):
        raise errors.NotOnShelf(details={"product_id": product_id})
    room.pinned_product_id = product_id
    session.flush()
