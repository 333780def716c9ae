"""The flash-sale feature: its runtime (engine and group committer), the
staff API, the /flashsale socket namespace, what a flash order holds (its
units), its jobs and reconcile sweep, the reminder and offer lookups, the
rebuild command and the start-up check."""

from __future__ import annotations

import click
from flask import Flask

from app.db import after_commit
from app.feature import Feature, Sweep
from app.orders.holdings import Holding
from app.subscribe_messages.templates import TargetInfo
from flashsale import activities, flows, jobs, recovery, returns
from flashsale.api import bp
from flashsale.engine import Engine


def setup(app: Flask) -> None:
    app.extensions["flashsale"] = flows.Runtime(app, Engine(app.extensions["mall.redis"]))


def remind_target(session, activity_id: int, now) -> TargetInfo | None:
    """"Remind me" points at a published sale; it starts when it first opens."""
    activity = session.get(activities.FlashActivity, activity_id)
    if activity is None or activity.status != "published":
        return None
    spans = activities.intervals(activity)
    first = spans[0][0] if spans else activity.starts_at
    return TargetInfo(activity.merchant_id, activity.title, first, started=now >= first)


def offer(session, merchant_id: int, activity_id: int) -> dict:
    return {"title": activities.get(session, activity_id, merchant_id=merchant_id).title}


def _units_paid(session, order, _now) -> None:
    returns.on_paid(session, order_id=order.id)


def _units_back(session, order, now) -> None:
    back = returns.on_cancelled(session, order_id=order.id, now=now)
    if back is not None and back.to_sale:
        after_commit(session, lambda: flows.give_back(back))


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


FEATURE = Feature(
    name="flashsale",
    setup=setup,
    blueprints=(bp,),
    sockets=("flashsale.events",),
    holdings=(Holding("flashsale.units", kinds=frozenset({"flashsale"}), paid=_units_paid,
                      cancelled=_units_back),),
    jobs=(jobs.expire_due, jobs.rebuild, jobs.settle),
    sweeps=(Sweep(jobs.sweep, "promotions", 30),),
    models=("flashsale.models",),
    remind_targets={"flashsale": remind_target},
    offers={"flash_sale": offer},
    startup_checks=(recovery.startup_check,),
    commands=(rebuild_command,),
)
