"""Host actions on namespace /live, for the room's host and assistants only
(state changes: the host only); viewers, guests and other rooms' hosts are
refused. Each answers in its ack and tells the room after the commit."""

from __future__ import annotations

from app import clock
from app.db import after_commit, transaction
from app.socketio import socketio
from live import lifecycle, lottery, promos, push, rooms, sales, schemas, snapshot, talk
from live.engine import current as engine
from live.sockets import conn, handler


def _room(session, data, *, host: bool = False):
    uid = conn().user_id
    if host:
        return rooms.require_host(session, data["room_id"], uid), uid
    return rooms.require_staff(session, data["room_id"], uid, lock=True), uid


def _tell(session, event: str, payload: dict, room_id: int) -> dict:
    after_commit(session, lambda: push.to_room(event, payload, room_id))
    return {"ok": True, **payload}


@handler("set_state", schemas.StateIn)
def set_state(data):
    """Go live, pause, resume, end; ending keeps the statistics and stops the
    room's running sales (each announced as sale_ended)."""
    with transaction() as session:
        room, _ = _room(session, data, host=True)
        stopped = lifecycle.set_state(session, engine(), room, data["state"], clock.now())
        for activity_id in stopped:
            _tell(session, "sale_ended", {"room_id": room.id, "activity_id": activity_id},
                  room.id)
        shown = snapshot.present_room(room)
        after_commit(session, lambda: push.tick(room.id))
        return _tell(session, "state", {"room_id": room.id, "state": room.state,
                                        "room": shown}, room.id)


@handler("pin", schemas.PinIn)
def pin(data):
    with transaction() as session:
        room, _ = _room(session, data)
        rooms.pin(session, room, data["product_id"])
        shelf = snapshot.shelf(session, room.id)
        product = next((p for p in shelf if p["product_id"] == data["product_id"]), None)
        return _tell(session, "pinned", {"room_id": room.id, "product": product}, room.id)


@handler("reorder", schemas.ReorderIn)
def reorder(data):
    with transaction() as session:
        room, _ = _room(session, data)
        rooms.reorder(session, room, data["product_ids"])
        return _tell(session, "shelf", {"room_id": room.id,
                                        "shelf": snapshot.shelf(session, room.id)}, room.id)


@handler("sale_start", schemas.SaleStartIn)
def sale_start(data):
    with transaction() as session:
        room, uid = _room(session, data)
        fields = {k: v for k, v in data.items() if k != "room_id"}
        activity = sales.start(session, room, by_id=uid, data=fields, now=clock.now())
        return _tell(session, "sale", {"room_id": room.id,
                                       "sale": sales.present(activity, activity.quota)},
                     room.id)


@handler("sale_stop", schemas.SaleStopIn)
def sale_stop(data):
    with transaction() as session:
        room, _ = _room(session, data)
        sales.stop(session, room, activity_id=data["activity_id"], now=clock.now())
        return _tell(session, "sale_ended", {"room_id": room.id,
                                             "activity_id": data["activity_id"]}, room.id)


@handler("coupon_drop", schemas.DropIn)
def coupon_drop(data):
    with transaction() as session:
        room, uid = _room(session, data)
        drop = promos.drop_coupon(session, engine(), room, by_id=uid, data=data,
                                  now=clock.now())
        return _tell(session, "coupon", {"room_id": room.id,
                                         "drop": promos.present_drop(session, drop, drop.quantity)},
                     room.id)


@handler("lottery_open", schemas.LotteryIn)
def lottery_open(data):
    """Open a lottery; the room is told (keyword senders count from now)."""
    with transaction() as session:
        room, uid = _room(session, data)
        made = lottery.open_(session, room, by_id=uid, data=data, now=clock.now())
        return _tell(session, "lottery_open", {"room_id": room.id,
                                               "lottery": lottery.present(made)}, room.id)


@handler("lottery_draw", schemas.LotteryDrawIn)
def lottery_draw(data):
    """Winners among those who qualify, stored, then announced."""
    with transaction() as session:
        room, _ = _room(session, data)
        result = lottery.draw(session, engine(), room, lottery_id=data["lottery_id"],
                              now=clock.now())
        return _tell(session, "lottery", {"room_id": room.id, "lottery": result}, room.id)


@handler("announce", schemas.AnnounceIn)
def announce(data):
    with transaction() as session:
        room, uid = _room(session, data)
        message = talk.announce(session, room, user_id=uid, text=data["text"],
                                now=clock.now())
        return _tell(session, "announcement", {"room_id": room.id, "message": message},
                     room.id)


def _to_user(session, room_id: int, user_id: int, event: str, payload: dict,
             then=None) -> None:
    """After the commit (and the Redis writes registered before this call),
    send `event` to the user's sockets in the room, then `then(sids)`."""
    def send():
        sids = engine().sockets_of(room_id, user_id)
        for sid in sids:
            socketio.emit(event, payload, to=sid, namespace=push.NAMESPACE)
        if then is not None:
            then(sids)
    after_commit(session, send)


@handler("mute", schemas.MuteIn)
def mute(data):
    with transaction() as session:
        room, uid = _room(session, data)
        until = talk.mute(session, engine(), room, user_id=data["user_id"], by_id=uid,
                          minutes=data["minutes"], now=clock.now())
        shown = {"room_id": room.id, "user_id": data["user_id"], "until_ms": until or None}
        _to_user(session, room.id, data["user_id"], "muted", shown)
        return {"ok": True, **shown}


@handler("unmute", schemas.UserRef)
def unmute(data):
    with transaction() as session:
        room, _ = _room(session, data)
        talk.unmute(session, engine(), room, user_id=data["user_id"])
        return {"ok": True, "room_id": room.id, "user_id": data["user_id"]}


def _kick(session, room_id: int, user_id: int, reason: str, shown: dict) -> dict:
    """Disconnect the user's sockets after the commit, looked up only after
    the ban or kick reached Redis: a join racing it is refused by the join
    script or found here. `shown["connections"]` is filled in then."""
    shown["connections"] = 0

    def disconnect(sids):
        for sid in sids:
            socketio.server.disconnect(sid, namespace=push.NAMESPACE)
        shown["connections"] = len(sids)
    _to_user(session, room_id, user_id, "kicked", {"room_id": room_id, "reason": reason},
             then=disconnect)
    return shown


@handler("kick", schemas.UserRef)
def kick(data):
    with transaction() as session:
        room, uid = _room(session, data)
        talk.kick(session, engine(), room, user_id=data["user_id"], by_id=uid, now=clock.now())
        return _kick(session, room.id, data["user_id"], "kicked",
                     {"ok": True, "room_id": room.id, "user_id": data["user_id"]})


@handler("ban", schemas.UserRef)
def ban(data):
    with transaction() as session:
        room, uid = _room(session, data)
        talk.ban(session, engine(), room, user_id=data["user_id"], by_id=uid, now=clock.now())
        return _kick(session, room.id, data["user_id"], "banned",
                     {"ok": True, "room_id": room.id, "user_id": data["user_id"]})
