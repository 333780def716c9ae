"""Operator commands: `flask --app app:create_app <command>`."""

from __future__ import annotations

import click
from flask import Flask, current_app
from sqlalchemy import select

from app import clock, demo
from app.auth import service as auth
from app.auth.models import User
from app.auth.wechat import DevResolver
from app.db import transaction
from app.migrate import upgrade


def register(app: Flask) -> None:
    app.cli.add_command(db_upgrade)
    app.cli.add_command(seed_demo)
    app.cli.add_command(create_admin)
    app.cli.add_command(sweep_orders)


@click.command("db-upgrade")
def db_upgrade():
    """Apply every migration."""
    upgrade(current_app.extensions["mall.settings"].database_url)
    click.echo("database at head")


@click.command("seed-demo")
def seed_demo():
    """Load the demo merchant, products and users (idempotent)."""
    with transaction() as session:
        added = demo.seed(session, clock.now())
    click.echo("demo data loaded" if added else "demo data already present")


@click.command("create-admin")
@click.option("--openid", help="An existing user's openid.")
@click.option("--dev-name", help="A development login name (the code before ':').")
def create_admin(openid, dev_name):
    """Grant platform_admin to a user, creating a development user if needed."""
    if bool(openid) == bool(dev_name):
        raise click.UsageError("give exactly one of --openid or --dev-name")
    now = clock.now()
    with transaction() as session:
        openid = openid or DevResolver().resolve(dev_name).openid
        user = session.scalar(select(User).where(User.openid == openid))
        if user is None:
            if not dev_name:
                raise click.ClickException(f"no user with openid {openid}")
            user = User(openid=openid, nickname=dev_name, created_at=now)
            session.add(user)
            session.flush()
        auth.grant_role(session, user_id=user.id, role="platform_admin", now=now)
        click.echo(f"user {user.id} is a platform admin")


@click.command("sweep-orders")
def sweep_orders():
    """Run the order timers that are due (unpaid, auto-receive, completion)."""
    from app.orders.jobs import sweep

    click.echo(sweep())
