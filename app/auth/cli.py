"""The auth operator command: `flask --app app:create_app create-admin`."""

from __future__ import annotations

import click
from sqlalchemy import select

from app import clock
from app.auth import credentials
from app.auth import service as auth
from app.auth.errors import WeakPassword
from app.auth.models import User
from app.auth.wechat import DevResolver
from app.db import transaction


@click.command("create-admin")
@click.option("--openid", help="An existing user's openid.")
@click.option("--dev-name", help="A development login name (the code before ':').")
@click.option("--login", help="A console login: its user (made if new) signs in with a password.")
@click.option("--password", envvar="ADMIN_PASSWORD",
              help="The console password (else $ADMIN_PASSWORD, else asked).")
def create_admin(openid, dev_name, login, password):
    """Grant platform_admin to a user, creating a development user or a
    console user (--login, with a password) if needed."""
    if sum(map(bool, (openid, dev_name, login))) != 1:
        raise click.UsageError("give exactly one of --openid, --dev-name or --login")
    if login and not password:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    now = clock.now()
    with transaction() as session:
        user = _console_user(session, login, password, now) if login else \
            _wechat_user(session, openid, dev_name, now)
        auth.grant_role(session, user_id=user.id, role="platform_admin", now=now)
        click.echo(f"user {user.id} is a platform admin")


def _wechat_user(session, openid, dev_name, now) -> User:
    openid = openid or DevResolver().resolve(dev_name).openid
    user = session.scalar(select(User).where(User.openid == openid))
    if user is None:
        if not dev_name:
            raise click.ClickException(f"no user with openid {openid}")
        user = User(openid=openid, nickname=dev_name, created_at=now)
        session.add(user)
        session.flush()
    return user


def _console_user(session, login: str, password: str, now) -> User:
    """The user of this console login (its password set anew), or a new one."""
    cred = credentials.find(session, login)
    user = session.get(User, cred.user_id) if cred else \
        credentials.new_web_user(session, nickname=login, now=now)
    try:
        credentials.set_credentials(session, user_id=user.id, login=login, password=password,
                                    now=now)
    except WeakPassword as exc:
        raise click.ClickException(exc.message) from exc
    return user
