"""Wire the flash-sale package into an app (called by create_app): its
runtime, the order-signal listeners, the operator command and the start-up
check."""

from __future__ import annotations

import click
from flask import Flask

from app import signals
from app.db import after_commit
from app.notify.events import TargetInfo, register_target
from flashsale import (
    activities,
    events,  # noqa: F401 - registers the socket handlers
    flows,
    jobs,
    recovery,
    returns,
)
from flashsale.engine import Engine


def init_app(app: Flask) -> None:
    app.extensions["flashsale"] = flows.Runtime(app, Engine(app.extensions["mall.redis"]))
    app.extensions.setdefault("mall.startup", []).append(recovery.startup_check)
    app.cli.add_command(rebuild_command)
    signals.order_cancelled.connect(_on_cancelled, weak=False)
    signals.order_paid.connect(_on_paid, weak=False)
    register_target("flashsale", remind_target)


def remind_target(session, activity_id: int, now) -> TargetInfo | None:
    """"Remind me" points at a published sale; it starts when it first opens."""
    activity = session.get(activities.FlashActivity, activity_id)
    if activity is None or activity.status != "published":
        return None
    spans = activities.intervals(activity)
    first = spans[0][0] if spans else activity.starts_at
    return TargetInfo(activity.merchant_id, activity.title, first, started=now >= first)


def _on_cancelled(_sender, *, session, order, now, **_):
    if order.kind != "flashsale":
        return
    back = returns.on_cancelled(session, order_id=order.id, now=now)
    if back is not None and back.to_sale:
        after_commit(session, lambda: flows.give_back(back))


def _on_paid(_sender, *, session, order, now, **_):
    if order.kind == "flashsale":
        returns.on_paid(session, order_id=order.id)


@click.command("flashsale-rebuild")
@click.option("--activity", type=int, help="One sale; default every unsettled sale.")
def rebuild_command(activity):
    """Rebuild running flash sales' Redis state from the database; settle
    the ones that are over."""
    running = recovery.unsettled_ids()
    if activity and activity not in running:
        raise click.ClickException(f"sale {activity} is not running (unknown, draft or settled)")
    for activity_id in [activity] if activity else running:
        leftover = recovery.settle(activity_id)
        if leftover is not None:
            click.echo(f"sale {activity_id}: over, {leftover} unsold units back to the SKU")
        else:
            click.echo(f"sale {activity_id}: rebuilt, {jobs.rebuild(activity_id)} units left")
