"""Pushes to Socket.IO watchers of a sale (namespace /flashsale), after the
commit that changed it. A push is a courtesy: the numbers are in the API."""

from __future__ import annotations

import logging

from app.socketio import socketio

log = logging.getLogger(__name__)

NAMESPACE = "/flashsale"


def room(activity_id: int) -> str:
    return f"flashsale:{activity_id}"


def stock(activity_id: int, remaining: int | None, sold: int | None = None) -> None:
    """`stock {activity_id, remaining, sold}`: units left to grab, and units
    held or paid in the database (None when this push does not know)."""
    if remaining is None:
        return
    try:
        socketio.emit("stock", {"activity_id": activity_id, "remaining": max(0, remaining),
                                "sold": sold}, to=room(activity_id), namespace=NAMESPACE)
    except Exception:
        log.exception("pushing flash-sale stock failed")
