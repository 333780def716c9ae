"""The live-room pages, served by the app with the Socket.IO client shipped
in live/static (no CDN): the viewer page and the host console. Both read
the bearer token from the URL fragment (#token=...) or a login box."""

from __future__ import annotations

from flask import Blueprint, render_template

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
    with transaction() as session:
        room = rooms.get(session, room_id)
        return render_template("live/console.html", room=room)
