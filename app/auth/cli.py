"""The auth operator command: `flask --app app:create_app create-admin`."""

from __future__ import annotations

import click
from sqlalchemy import select

from app import clock
from app.auth import service as auth
from app.auth.models import User
from app.auth.wechat import DevResolver
from app.db import transaction


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
