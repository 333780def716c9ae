"""Wiring, called by create_app: signal listeners for group-buy and bargain
orders, share describers for groups and bargains, and the CLI commands."""

from __future__ import annotations

import click
from flask import Flask

from app import signals
from app.notify.events import register_target
from app.redis import client as redis_client
from app.sharing import targets
from groupbuy import bargains, groups, jobs, notify, queries
from groupbuy.engine import engine_for


def _on(kind: str, handler):
    """A listener for orders of one kind, with the app's engine."""
    def listener(_sender, *, session, order, now, **_kw):
        if order.kind == kind:
            handler(session, engine_for(redis_client()), order, now)
    return listener


LISTENERS = [
    (signals.order_paid, _on("groupbuy", groups.on_paid)),
    (signals.order_cancelled, _on("groupbuy", groups.on_cancelled)),
    (signals.order_refunded, _on("groupbuy", groups.on_refunded)),
    (signals.order_cancelled, _on("bargain", bargains.on_cancelled)),
]


def connect_signals() -> None:
    """Idempotent: blinker keeps one connection per (signal, receiver)."""
    for signal, listener in LISTENERS:
        signal.connect(listener, weak=False)


def register_share_targets() -> None:
    targets.register("group", queries.describe_group)
    targets.register("bargain", queries.describe_bargain)
    register_target("group", notify.target)


@click.command("rebuild-groupbuy")
def rebuild_command():
    """Rebuild group seats and bargain cuts in Redis from the database."""
    click.echo(jobs.rebuild())


@click.command("sweep-groupbuy")
def sweep_command():
    """Expire due groups and send refunds still due."""
    click.echo(jobs.sweep())


def register(app: Flask) -> None:
    """Also offers the Redis rebuild as a start-up check (run by the
    composition root where it runs them)."""
    connect_signals()
    register_share_targets()
    app.extensions.setdefault("mall.startup", []).append(jobs.rebuild)
    app.cli.add_command(rebuild_command)
    app.cli.add_command(sweep_command)
