"""Socket.IO handlers for flash sales (namespace /flashsale): a live room, a
storefront page or the staff console watches a sale's stock. Registered at
import time; the pushes themselves are in push.py."""

from __future__ import annotations

from flask_socketio import join_room, rooms

from app.errors import ValidationFailed
from app.schema import MAX_ID
from app.socketio import socketio
from flashsale import errors, flows, push

MAX_WATCH = 20  # sales one connection may watch


@socketio.on("watch", namespace=push.NAMESPACE)
def watch(data):
    """{"activity_id": 7} -> {"ok": true, "remaining": n, "sold": n}; errors in the ack."""
    activity_id = data.get("activity_id") if isinstance(data, dict) else None
    if isinstance(activity_id, bool) or not isinstance(activity_id, int) or \
            not 1 <= activity_id <= MAX_ID:
        return ValidationFailed("Name a sale: activity_id.").to_dict()
    if len(rooms(namespace=push.NAMESPACE)) > MAX_WATCH:  # its own sid room counts once
        return errors.TooManyWatches(MAX_WATCH).to_dict()
    numbers = flows.numbers(activity_id)
    if numbers is None:
        return errors.ActivityNotFound().to_dict()
    join_room(push.room(activity_id))
    return {"ok": True, "activity_id": activity_id, **numbers}
