"""HTTP for live rooms. Staff (the merchant's): create a room, add an
assistant, set the shelf, read a room with its statistics. Anyone: a room's
public view and its chat replay. What happens during the show goes over
Socket.IO (namespace /live). Redis failing answers 503 live_unavailable."""

from __future__ import annotations

import logging

import redis
from flask import g

from app import clock
from app.auth.access import login_required
from app.auth.models import User
from app.db import after_commit, transaction
from app.schema import Blueprint, page_of
from live import console_rooms, errors, lifecycle, push, rooms, snapshot, stats, talk
from live.engine import StateMissing
from live.engine import current as engine
from live.schemas import (
    AssistantIn,
    DroppableCouponsOut,
    MessagesArgs,
    MessagesOut,
    RoomIn,
    RoomListArgs,
    RoomOut,
    RoomStateIn,
    ShelfIn,
    StaffRoomOut,
    StaffRoomPage,
)

staff_bp = Blueprint("staff_live", __name__,
                     url_prefix="/api/v1/merchants/<int:merchant_id>/live/rooms",
                     description="Live rooms, for merchant staff.")
mp_bp = Blueprint("mp_live", __name__, url_prefix="/mp/v1/live/rooms",
                  description="Live rooms: the room and its chat replay.")

log = logging.getLogger(__name__)


def _unavailable(exc: Exception):
    log.error("live HTTP: Redis failed: %r", exc)
    err = errors.Unavailable()
    return err.to_dict(), err.status


for _bp in (staff_bp, mp_bp):
    _bp.register_error_handler(redis.RedisError, _unavailable)
    _bp.register_error_handler(StateMissing, _unavailable)


def _staff_view(session, room) -> dict:
    return {**snapshot.present_room(room, staff=True), "shelf": snapshot.shelf(session, room.id),
            "host_nickname": session.get(User, room.host_id).nickname,
            "stats": stats.current(session, engine(), room)}


@staff_bp.get("")
@login_required
@staff_bp.arguments(RoomListArgs, location="query")
@staff_bp.response(200, StaffRoomPage)
def list_rooms(args, merchant_id):
    """The merchant's rooms (a host or assistant: their own rooms only)."""
    with transaction() as session:
        items, total = console_rooms.list_rooms(
            session, user_id=g.user_id, merchant_id=merchant_id, state=args.get("state"),
            page=args["page"], per_page=args["per_page"])
    return page_of(items, total, args)


@staff_bp.post("")
@login_required
@staff_bp.arguments(RoomIn)
@staff_bp.response(201, StaffRoomOut)
def create(data, merchant_id):
    with transaction() as session:
        room = rooms.create(session, staff_id=g.user_id, merchant_id=merchant_id, data=data,
                            now=clock.now())
        return _staff_view(session, room)


@staff_bp.get("/<int:room_id>")
@login_required
@staff_bp.response(200, StaffRoomOut)
def get(merchant_id, room_id):
    """The room with its push URL, shelf and statistics (merchant staff, its host
    and assistants)."""
    with transaction() as session:
        room = console_rooms.viewable_room(session, user_id=g.user_id,
                                           merchant_id=merchant_id, room_id=room_id)
        return _staff_view(session, room)


@staff_bp.post("/<int:room_id>/state")
@login_required
@staff_bp.arguments(RoomStateIn)
@staff_bp.response(200, StaffRoomOut)
def set_state(data, merchant_id, room_id):
    """Go live, pause, resume or end (merchant staff and the room's host); the
    room hears it as over its socket (ending stops its sales: sale_ended)."""
    with transaction() as session:
        room = console_rooms.movable_room(session, user_id=g.user_id,
                                          merchant_id=merchant_id, room_id=room_id)
        stopped = lifecycle.set_state(session, engine(), room, data["state"], clock.now())
        shown = _staff_view(session, room)
        state = {"room_id": room.id, "state": room.state,
                 "room": snapshot.present_room(room)}

        def tell():
            for activity_id in stopped:
                push.to_room("sale_ended", {"room_id": room_id, "activity_id": activity_id},
                             room_id)
            push.to_room("state", state, room_id)
            push.tick(room_id)
        after_commit(session, tell)
        return shown


@staff_bp.get("/<int:room_id>/coupons")
@login_required
@staff_bp.response(200, DroppableCouponsOut)
def droppable_coupons(merchant_id, room_id):
    """The merchant's coupons the room can drop (active, some left), by name."""
    with transaction() as session:
        room = console_rooms.viewable_room(session, user_id=g.user_id,
                                           merchant_id=merchant_id, room_id=room_id)
        return {"items": console_rooms.droppable_coupons(session, room)}


@staff_bp.put("/<int:room_id>/shelf")
@login_required
@staff_bp.arguments(ShelfIn)
@staff_bp.response(200, StaffRoomOut)
def set_shelf(data, merchant_id, room_id):
    """The products on sale in the room, in order; viewers see the new shelf."""
    with transaction() as session:
        room = rooms.merchant_room(session, staff_id=g.user_id, merchant_id=merchant_id,
                                   room_id=room_id)
        rooms.set_shelf(session, room, data["product_ids"])
        shown = _staff_view(session, room)
        after_commit(session, lambda: push.to_room(
            "shelf", {"room_id": room_id, "shelf": shown["shelf"]}, room_id))
        return shown


@staff_bp.post("/<int:room_id>/assistants")
@login_required
@staff_bp.arguments(AssistantIn)
@staff_bp.response(201, StaffRoomOut)
def add_assistant(data, merchant_id, room_id):
    with transaction() as session:
        room = rooms.merchant_room(session, staff_id=g.user_id, merchant_id=merchant_id,
                                   room_id=room_id)
        rooms.add_assistant(session, room, data["user_id"], clock.now())
        return _staff_view(session, room)


@mp_bp.get("/<int:room_id>")
@mp_bp.response(200, RoomOut)
def public_room(room_id):
    with transaction() as session:
        return snapshot.present_room(rooms.get(session, room_id))


@mp_bp.get("/<int:room_id>/messages")
@mp_bp.arguments(MessagesArgs, location="query")
@mp_bp.response(200, MessagesOut)
def messages(args, room_id):
    """The chat replay: `limit` messages before `before_id`, oldest first."""
    with transaction() as session:
        rooms.get(session, room_id)
        return {"items": talk.recent(session, room_id, args["limit"], args.get("before_id"))}
