"""Wire live rooms into an app (called by create_app): the engine, the
socket handlers, the HTTP API, the pages, the "room" order source and share
kind, and the order-paid listener that refreshes the room's statistics."""

from __future__ import annotations

import click
from flask import Flask
from sqlalchemy.orm import Session

from app import signals
from app.db import after_commit
from app.notify.events import TargetInfo, register_target
from app.orders import sources
from app.sharing import targets
from live import (
    events,  # noqa: F401 - registers the viewers' socket handlers
    jobs,
    pages,
    push,
    rooms,
    staff_events,  # noqa: F401 - registers the host actions
)
from live.api import mp_bp, staff_bp
from live.engine import Engine


def init_app(app: Flask, api) -> None:
    app.extensions["live"] = Engine(app.extensions["mall.redis"])
    api.register_blueprint(staff_bp)
    api.register_blueprint(mp_bp)
    app.register_blueprint(pages.bp)
    sources.register("room", host_of)
    targets.register("room", rooms.describe)
    signals.order_paid.connect(_on_paid, weak=False)
    register_target("live_room", remind_target)
    app.cli.add_command(rebuild_command)


def remind_target(session: Session, room_id: int, _now) -> TargetInfo | None:
    """A room to be reminded of: started once its host first went live."""
    room = session.get(rooms.LiveRoom, room_id)
    return None if room is None else TargetInfo(
        room.merchant_id, room.title, room.started_at, started=room.state != "scheduled")


def host_of(session: Session, room_id: int, _buyer_id: int) -> int:
    """Order source resolver: the host of the room (RoomNotFound if none)."""
    return rooms.get(session, room_id).host_id


def _on_paid(_sender, *, session, order, **_):
    room_id = order.room_id
    if room_id is not None:
        after_commit(session, lambda: _refresh(room_id))


def _refresh(room_id: int) -> None:
    if app_engine().open_gate(room_id):
        push.tick_soon(room_id)


def app_engine() -> Engine:
    from live.engine import current

    return current()


@click.command("live-rebuild")
@click.option("--room", type=int, help="One room; default every room not over.")
def rebuild_command(room):
    """Rebuild live rooms' Redis state from the database."""
    done = [room] if room and jobs.rebuild(room) else ([] if room else jobs.sweep())
    click.echo(f"rebuilt rooms: {done}")
