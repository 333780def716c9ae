"""Socket.IO for flash sales: namespace /flashsale, where a live room, a
storefront page or the staff console watches a sale's remaining stock.
Handlers are registered at import time; pushes happen after commits."""

from __future__ import annotations

import logging

from flask_socketio import join_room

from app.socketio import socketio

log = logging.getLogger(__name__)

NAMESPACE = "/flashsale"
MAX_WATCH = 20  # sales one connection may watch


def room(activity_id: int) -> str:
    return f"flashsale:{activity_id}"


def push_stock(activity_id: int, remaining: int | None) -> None:
    """Tell everyone watching the sale how many units are left."""
    if remaining is None:
        return
    try:
        socketio.emit("stock", {"activity_id": activity_id, "remaining": max(0, remaining)},
                      to=room(activity_id), namespace=NAMESPACE)
    except Exception:  # a push is a courtesy; the numbers are in the API
        log.exception("pushing flash-sale stock failed")


@socketio.on("watch", namespace=NAMESPACE)
def watch(data):
    """{"activity_id": 7} -> {"ok": true, "remaining": n}; errors in the ack."""
    from flashsale import flows

    activity_id = data.get("activity_id") if isinstance(data, dict) else None
    if isinstance(activity_id, bool) or not isinstance(activity_id, int) or \
            not 1 <= activity_id <= 2**63 - 1:
        return {"error": {"code": "validation_error", "message": "Name a sale: activity_id.",
                          "details": {}}}
    remaining = flows.remaining(activity_id)
    if remaining is None:
        return {"error": {"code": "flashsale_not_found", "message": "No such flash sale.",
                          "details": {}}}
    join_room(room(activity_id))
    return {"ok": True, "activity_id": activity_id, "remaining": remaining}
