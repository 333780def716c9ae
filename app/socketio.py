"""The Socket.IO server. Handlers are registered at import time by the
feature packages; create_app only binds it to the app.

Serving uses gevent (app/serve.py); tests use threading. Every process is
joined by Socket.IO's Redis message queue: SOCKETIO_MESSAGE_QUEUE, or the
app's own Redis when unset ("off" for one process alone), so an emit from
any node, an RQ job or a script reaches every node's clients. Processes that
serve no clients (worker.py) hold a write-only manager: they publish on the
queue and never listen (Flask-SocketIO's "emitting from an external process").
"""

import socketio as python_socketio
from flask_socketio import ConnectionRefusedError, SocketIO

from app.errors import DomainError

socketio = SocketIO()

OFF = "off"


def queue_url(setting: str, redis_url: str) -> str:
    """The message queue's URL: the setting, else the app's Redis; '' when off."""
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


def refusal(exc: DomainError) -> ConnectionRefusedError:
    """A connect refused for `exc`, in Socket.IO's own shape: the message,
    and the error's {code, message, details} as the data (a JavaScript
    client reads err.data.code, a python-socketio one data["data"]["code"])."""
    return ConnectionRefusedError(exc.message, exc.to_dict()["error"])
