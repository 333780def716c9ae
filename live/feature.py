"""The live-room feature: its engine, the staff and viewer APIs, the pages,
the /live socket namespace (viewers and hosts), the "room" order source and
share kind, the paid-order handler that refreshes a room's statistics,
reminders, pinnable rooms, the rebuild job, sweep and command."""

from __future__ import annotations

import click
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import events
from app.db import after_commit
from app.feature import Feature, Sweep
from app.orders.models import Order
from app.subscribe_messages.templates import TargetInfo
from live import demo, dev_cdn, jobs, pages, push, rooms
from live.api import mp_bp, staff_bp
from live.engine import Engine
from live.engine import current as engine
from live.errors import RoomNotFound


def setup(app: Flask) -> None:
    app.extensions["live"] = Engine(app.extensions["mall.redis"])


def remind_target(session: Session, room_id: int, _now) -> TargetInfo | None:
    """A room to be reminded of: started once its host first went live."""
    room = session.get(rooms.LiveRoom, room_id)
    return None if room is None else TargetInfo(
        room.merchant_id, room.title, room.started_at, started=room.state != "scheduled")


def host_of(session: Session, room_id: int, _buyer_id: int) -> int:
    """Order source resolver: the host of the room (RoomNotFound if none)."""
    return rooms.get(session, room_id).host_id


def offer(session: Session, merchant_id: int, room_id: int) -> dict:
    room = rooms.get(session, room_id)
    if room.merchant_id != merchant_id:
        raise RoomNotFound(details={"room_id": room_id})
    return {"title": room.title}


def on_order_paid(session: Session, event: events.OrderPaid) -> None:
    """A room's order counts in its statistics: tick the room soon."""
    room_id = session.scalar(select(Order.room_id).where(Order.id == event.order_id))
    if room_id is not None:
        after_commit(session, lambda: _refresh(room_id))


def _refresh(room_id: int) -> None:
    if engine().open_gate(room_id):
        push.tick_soon(room_id)


@click.command("live-rebuild")
@click.option("--room", type=int, help="One room; default every room not over.")
def rebuild_command(room):
    """Rebuild live rooms' Redis state from the database."""
    done = [room] if room and jobs.rebuild(room) else ([] if room else jobs.sweep())
    click.echo(f"rebuilt rooms: {done}")


FEATURE = Feature(
    name="live",
    setup=setup,
    blueprints=(staff_bp, mp_bp),
    pages=(pages.bp, dev_cdn.bp),
    sockets=("live.events", "live.staff_events"),
    handlers=(events.Handler(events.OrderPaid, "live.room_stats", on_order_paid),),
    jobs=(jobs.rebuild,),
    sweeps=(Sweep(jobs.sweep, "promotions", 300),),
    models=("live.models",),
    order_sources={"room": host_of},
    share_targets={"room": rooms.describe},
    remind_targets={"live_room": remind_target},
    offers={"live_room": offer},
    commands=(rebuild_command,),
    demo=demo.seed,
)
