"""Socket.IO namespace /live for viewers: connect (token checked; none =
read-only guest), join (the snapshot, the same on every reconnect), leave,
chat, like, claim a coupon. Host actions are in staff_events.py. Handlers
are registered at import time; pushes go out after commits."""

from __future__ import annotations

import logging

from flask import request
from flask_socketio import join_room, leave_room

from app import clock
from app.auth.access import socket_user
from app.db import after_commit, transaction
from app.errors import DomainError
from app.socketio import refuse, socketio
from live import presence, promos, push, rules, schemas, talk, viewing
from live.engine import current as engine
from live.sockets import Conn, conn, connections, handler, joined, user_of

log = logging.getLogger(__name__)


@socketio.on("connect", namespace=push.NAMESPACE)
def on_connect(auth=None):
    """auth {"token": ...}: a user (a bad, expired or revoked token is
    refused; a token in the query string counts for nothing); none: a guest,
    counted once per {"guest": key} its page keeps. A refusal's data is
    {code, message}."""
    try:
        user = socket_user(auth)
    except DomainError as exc:
        refuse(exc.code, exc.message)
    try:
        guest = None if user else rules.check_guest_key(
            auth.get("guest") if isinstance(auth, dict) else None)
    except rules.Refused:
        refuse("invalid_guest_key", "The guest key must be 8-64 letters, digits, - or _.")
    uid, nickname = user or (None, "guest")
    connections[request.sid] = Conn(uid, nickname, rules.viewer_key(uid, guest, request.sid))
    presence.ensure_heartbeat()
    return True


@socketio.on("disconnect", namespace=push.NAMESPACE)
def on_disconnect(*_reason):
    c = connections.pop(request.sid, None)
    if c is not None and c.room_id is not None:
        viewing.left(engine(), c.room_id, request.sid)


DOOR = viewing.Door(enter=join_room, leave=leave_room)


@handler("join", schemas.RoomRef)
def join(data):
    """The snapshot; a banned or kicked user is refused. One room per connection."""
    shown = viewing.join(transaction, engine(), DOOR, conn(), room_id=data["room_id"],
                         sid=request.sid, now=clock.now(), ttl_ms=presence.ttl_ms())
    return {"ok": True, **shown}


@handler("leave", schemas.RoomRef)
def leave(data):
    c = conn()
    joined(c, data["room_id"])
    viewing.leave(engine(), DOOR, c, request.sid)
    return {"ok": True}


@handler("chat", schemas.ChatIn)
def chat(data):
    """1..200 characters, no blocked word, 1 per 2 s; muted/banned refused."""
    c = conn()
    joined(c, data["room_id"])
    uid = user_of(c)
    with transaction() as session:
        message = talk.chat(session, engine(), room_id=data["room_id"], user_id=uid,
                            nickname=c.nickname, text=data["text"], now=clock.now())
        after_commit(session, lambda: push.to_room("chat", message, data["room_id"]))
        after_commit(session, lambda: push.refresh_soon(data["room_id"]))
    return {"ok": True, "message": message}


@handler("like", schemas.LikeIn)
def like(data):
    """Counted in Redis up to the per-user cap (taps past it are acked, not
    counted); the room hears the total on the next tick, not per tap."""
    c = conn()
    joined(c, data["room_id"])
    counted, total = push.like(data["room_id"], user_of(c), data["count"])
    return {"ok": True, "likes": total, "counted": counted}


@handler("claim", schemas.ClaimIn)
def claim(data):
    """First N claimers of a drop, one claim each."""
    c = conn()
    joined(c, data["room_id"])
    uid = user_of(c)
    with transaction() as session:
        got = promos.claim(session, engine(), room_id=data["room_id"], drop_id=data["drop_id"],
                           user_id=uid, now=clock.now())
        after_commit(session, lambda: push.to_room(
            "coupon_left", {"drop_id": data["drop_id"], "left": got["drop"]["left"]},
            data["room_id"]))
    return {"ok": True, **got}
