"""The Socket.IO server. Handlers are registered at import time by the
feature packages; create_app only binds it to the app.

Serving uses gevent (app/serve.py); tests use threading. Every process is
joined by Socket.IO's Redis message queue: SOCKETIO_MESSAGE_QUEUE, or the
app's own Redis when unset (RQ's, QUEUE_REDIS_URL, when the app's is a
cluster: python-socketio's manager takes one server; "off" for one process
alone), so an emit from
any node, an RQ job or a script reaches every node's clients. Processes that
serve no clients (worker.py) hold a write-only manager: they publish on the
queue and never listen (Flask-SocketIO's "emitting from an external process").
"""

from typing import NoReturn

import socketio as python_socketio
from flask_socketio import ConnectionRefusedError, SocketIO

socketio = SocketIO()

OFF = "off"


def queue_url(setting: str, redis_url: str) -> str:
    """The message queue's URL: the setting, else `redis_url` (the app's
    queue Redis); '' when off."""
    if setting.strip().lower() == OFF:
        return ""
    return setting or redis_url


def message_queue(url: str, channel: str, *,
                  write_only: bool = False) -> python_socketio.RedisManager | None:
    """Socket.IO's Redis message queue, or None for one process. Made here
    because Flask-SocketIO hands any URL but redis:// and rediss:// to Kombu,
    and the embedded Redis is a unix:// socket (python-socketio's Redis
    manager takes all three)."""
    if not url:
        return None
    return python_socketio.RedisManager(url, channel=channel, write_only=write_only)


def user_room(user_id: int) -> str:
    """Each user's own room (rooms are named here, in one place)."""
    return f"user:{user_id}"


def refuse(code: str, message: str) -> NoReturn:
    """Refuse a connection from a connect handler. python-socketio sends the
    first argument as the CONNECT_ERROR's `message` (str() of it) and the
    second as its `data`: the JavaScript client's connect_error then gets
    err.message = message and err.data = {code, message}."""
    raise ConnectionRefusedError(message, {"code": code, "message": message})
