"""The default Socket.IO namespace: a client that connects with its API
token (`auth: {token}`) joins its own room, where features tell that user
what became of their things (a group completed, say). A client without a
token connects as a guest and hears nothing personal; a bad token is
refused with its {code, message} (app.socketio.refuse)."""

from __future__ import annotations

from flask import current_app
from flask_socketio import join_room

from app.auth import tokens
from app.auth.errors import InvalidToken
from app.errors import DomainError
from app.socketio import refuse, socketio, user_room


@socketio.on("connect")
def connect(auth=None):
    token = auth.get("token") if isinstance(auth, dict) else None
    if token is None:
        return True
    settings = current_app.extensions["mall.settings"]
    try:
        if not isinstance(token, str):
            raise InvalidToken()
        user_id = tokens.verify(settings.secret_key, token, settings.token_max_age_s)
    except DomainError as exc:
        refuse(exc.code, exc.message)
    join_room(user_room(user_id))
    return True
