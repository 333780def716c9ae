"""The group-buy and bargain feature: the staff API, what a group-buy or
bargain order holds (its seat, its bargain), the helps' runtime, share and reminder targets,
pinnable activities, jobs, the sweep, the rebuild commands and check."""

from __future__ import annotations

import click
from flask import Flask

from app.feature import Feature, Sweep
from app.orders.holdings import Holding
from app.redis import client as redis_client
from groupbuy import activities, bargains, groups, help_flow, jobs, joins, queries
from groupbuy.api import bp
from groupbuy.engine import engine_for


def _with_engine(hook):
    """A holding hook with the app's engine."""
    def run(session, order, now):
        hook(session, engine_for(redis_client()), order, now)
    return run


def setup(app: Flask) -> None:
    """The help and join committers (groupbuy/help_flow.py, joins.py), one each per app."""
    engine = engine_for(app.extensions["mall.redis"])
    app.extensions["groupbuy.helps"] = help_flow.HelpRuntime(app, engine)
    app.extensions["groupbuy.joins"] = joins.Runtime(app, engine)


def offer(session, merchant_id: int, activity_id: int) -> dict:
    return {"title": activities.get_group_activity(session, activity_id,
                                                   merchant_id=merchant_id).title}


@click.command("rebuild-groupbuy")
def rebuild_command():
    """Rebuild group seats and bargain cuts in Redis from the database."""
    click.echo(jobs.rebuild())


@click.command("sweep-groupbuy")
def sweep_command():
    """Expire due groups and send refunds still due."""
    click.echo(jobs.sweep())


FEATURE = Feature(
    name="groupbuy",
    setup=setup,
    blueprints=(bp,),
    holdings=(
        Holding("groupbuy.seat", kinds=frozenset({"groupbuy"}),
                paid=_with_engine(groups.on_paid), cancelled=_with_engine(groups.on_cancelled),
                refunded=_with_engine(groups.on_refunded)),
        Holding("groupbuy.bargain", kinds=frozenset({"bargain"}),
                cancelled=_with_engine(bargains.on_cancelled)),
    ),
    jobs=(jobs.expire, jobs.expire_seats_due, jobs.refund_member, jobs.rebuild),
    sweeps=(Sweep(jobs.sweep, "promotions", 60),),
    models=("groupbuy.models",),
    share_targets={"group": queries.describe_group, "bargain": queries.describe_bargain},
    remind_targets={"group": queries.remind_target},
    offers={"group_buy": offer},
    startup_checks=(jobs.rebuild,),
    commands=(rebuild_command, sweep_command),
)
