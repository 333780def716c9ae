"""The Socket.IO server. Handlers are registered at import time by the
feature packages; create_app only binds it to the app.

Serving uses gevent (app/serve.py); tests use threading. With a message
queue (SOCKETIO_MESSAGE_QUEUE, default the app's Redis when several nodes
run), emits from any process reach every node's clients.
"""

import socketio as python_socketio
from flask_socketio import SocketIO

socketio = SocketIO()


def message_queue(url: str, channel: str) -> python_socketio.RedisManager | None:
    """Socket.IO's Redis message queue, or None for one process. Made here
    because Flask-SocketIO hands any URL but redis:// and rediss:// to Kombu,
    and the embedded Redis is a unix:// socket (python-socketio's Redis
    manager takes all three)."""
    return python_socketio.RedisManager(url, channel=channel) if url else None


def user_room(user_id: int) -> str:
    """Each user's own room (rooms are named here, in one place)."""
    return f"user:{user_id}"
