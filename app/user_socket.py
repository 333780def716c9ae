"""The default Socket.IO namespace: a client that connects with its API
token (`auth: {token}`) joins its own room, where features tell that user
what became of their things (a group completed, say). A client without a
token connects as a guest and hears nothing personal; a bad, expired or
revoked token is refused with its {code, message} (app.socketio.refuse)."""

from __future__ import annotations

from flask_socketio import join_room

from app.auth.access import socket_user
from app.errors import DomainError
from app.socketio import refuse, socketio, user_room


@socketio.on("connect")
def connect(auth=None):
    try:
        who = socket_user(auth)
    except DomainError as exc:
        refuse(exc.code, exc.message)
    if who is not None:
        join_room(user_room(who[0]))
    return True
