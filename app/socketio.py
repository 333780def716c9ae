"""The Socket.IO server. Handlers are registered at import time by the
feature packages; create_app only binds it to the app.

Serving uses gevent (app/serve.py); tests use threading. With a message
queue (SOCKETIO_MESSAGE_QUEUE, default the app's Redis when several nodes
run), emits from any process reach every node's clients.
"""

from flask_socketio import SocketIO

socketio = SocketIO()


def user_room(user_id: int) -> str:
    """Each user's own room (rooms are named here, in one place)."""
    return f"user:{user_id}"
