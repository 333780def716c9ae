"""Rooms as the merchant console sees them. The merchant's owner and
operators see every room of the merchant; a host or assistant sees only
the rooms they hold a role in; anyone else is refused (another merchant's
host included). A room's state changes over HTTP for merchant staff and the
room's host. Services take a session, raise domain errors, never commit."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.auth.models import RoleGrant, User
from app.auth.roles import MERCHANT_STAFF
from app.auth.service import has_role
from app.catalog import service as catalog
from app.coupons import rules as coupon_rules
from app.coupons.models import Coupon
from app.db import paginate
from app.errors import Forbidden
from live import errors, rooms
from live.models import LiveRoom, ShelfItem


def _merchant_staff(session: Session, user_id: int, merchant_id: int) -> bool:
    catalog.get_merchant(session, merchant_id)
    return has_role(session, user_id, MERCHANT_STAFF, merchant_id)


def _own_room_ids(session: Session, user_id: int, merchant_id: int) -> list[int]:
    """The merchant's rooms where the user is host or assistant."""
    return list(session.scalars(select(LiveRoom.id).join(
        RoleGrant, (RoleGrant.scope_id == LiveRoom.id) & RoleGrant.role.in_(rooms.STAFF_ROLES))
        .where(RoleGrant.user_id == user_id, LiveRoom.merchant_id == merchant_id)))


def list_rooms(session: Session, *, user_id: int, merchant_id: int, state: str | None,
               page: int, per_page: int) -> tuple[list[dict], int]:
    """The rooms the user may see, newest schedule first, with the host's name."""
    stmt = select(LiveRoom).where(LiveRoom.merchant_id == merchant_id)
    if not _merchant_staff(session, user_id, merchant_id):
        own = _own_room_ids(session, user_id, merchant_id)
        if not own:
            raise Forbidden()
        stmt = stmt.where(LiveRoom.id.in_(own))
    if state:
        stmt = stmt.where(LiveRoom.state == state)
    found, total = paginate(session, stmt, order_by=(LiveRoom.scheduled_at.desc()),
                            page=page, per_page=per_page)
    return [present_row(session, r) for r in found], total


def present_row(session: Session, room: LiveRoom) -> dict:
    shelf = session.scalar(select(func.count()).where(ShelfItem.room_id == room.id))
    return {"id": room.id, "title": room.title, "state": room.state,
            "host_id": room.host_id, "host_nickname": session.get(User, room.host_id).nickname,
            "scheduled_at": room.scheduled_at.isoformat(),
            "started_at": room.started_at and room.started_at.isoformat(),
            "ended_at": room.ended_at and room.ended_at.isoformat(),
            "shelf_count": shelf, "peak_online": room.peak_online, "likes": room.likes,
            "orders": room.orders, "gmv_fen": room.gmv_fen}


def viewable_room(session: Session, *, user_id: int, merchant_id: int,
                  room_id: int) -> LiveRoom:
    """The merchant's room, for its merchant staff or its own host and assistants."""
    staff = _merchant_staff(session, user_id, merchant_id)
    room = rooms.get(session, room_id)
    if room.merchant_id != merchant_id:
        raise errors.RoomNotFound(details={"room_id": room_id})
    if not staff and not rooms.is_staff(session, room_id, user_id):
        raise Forbidden()
    return room


def movable_room(session: Session, *, user_id: int, merchant_id: int,
                 room_id: int) -> LiveRoom:
    """The room (locked) if the user may start and end it: merchant staff or its host."""
    viewable_room(session, user_id=user_id, merchant_id=merchant_id, room_id=room_id)
    if _merchant_staff(session, user_id, merchant_id):
        return rooms.get(session, room_id, lock=True)
    return rooms.require_host(session, room_id, user_id)


def droppable_coupons(session: Session, room: LiveRoom) -> list[dict]:
    """The merchant's active coupons with some left to claim, by name."""
    found = session.scalars(select(Coupon).where(
        Coupon.merchant_id == room.merchant_id, Coupon.status == coupon_rules.ACTIVE,
        Coupon.claimed < Coupon.total).order_by(Coupon.id.desc()).limit(100))
    return [{"id": c.id, "name": c.name, "kind": c.kind, "amount_fen": c.amount_fen,
             "percent_bps": c.percent_bps, "cap_fen": c.cap_fen,
             "min_spend_fen": c.min_spend_fen, "left": c.total - c.claimed} for c in found]
