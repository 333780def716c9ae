"""The live-room pages, served by the app with the Socket.IO client shipped
in live/static (no CDN): the viewer page, which reads the bearer token from
the URL fragment (#token=...) or a login box. The host console is the
merchant console's page (/console/#/live-rooms?room=<id>); its old address
leads there."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template

from app.db import transaction
from live import rooms

bp = Blueprint("live_pages", __name__, template_folder="templates", static_folder="static",
               static_url_path="/static/live")


@bp.get("/live/<int:room_id>")
def viewer(room_id):
    with transaction() as session:
        room = rooms.get(session, room_id)
        return render_template("live/viewer.html", room=room)


@bp.get("/live/<int:room_id>/console")
def console(room_id):
    """The host console is a page of the merchant console now."""
    with transaction() as session:
        room = rooms.get(session, room_id)
        return redirect(f"/console/#/live-rooms?room={room.id}&merchant={room.merchant_id}")
