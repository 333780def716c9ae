"""Staff web credentials: a login name and an argon2 hash per user. No
Flask, no commit."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth import passwords
from app.auth.models import StaffCredential, User

WEB_OPENID_PREFIX = "web:"  # users made for web sign-in have no WeChat openid yet


class LoginInUse(Exception):
    """Another user has this login (the console answers it as `login_taken`)."""


def normal_login(login: str) -> str:
    return login.strip().lower()


def find(session: Session, login: str) -> StaffCredential | None:
    return session.scalar(select(StaffCredential).where(
        StaffCredential.login == normal_login(login)))


def set_credentials(session: Session, *, user_id: int, login: str, password: str,
                    now: datetime) -> StaffCredential:
    """Give a user (new) web credentials; LoginInUse when another user has the login."""
    login = normal_login(login)
    taken = find(session, login)
    if taken is not None and taken.user_id != user_id:
        raise LoginInUse(login)
    password_hash = passwords.hash_password(password)
    cred = session.get(StaffCredential, user_id)
    if cred is None:
        cred = StaffCredential(user_id=user_id, login=login, password_hash=password_hash,
                               created_at=now, updated_at=now)
        session.add(cred)
    else:
        cred.login, cred.password_hash, cred.updated_at = login, password_hash, now
    session.flush()
    return cred


def new_web_user(session: Session, *, nickname: str, now: datetime) -> User:
    """A user who signs in on the web only (a placeholder openid, never a WeChat one)."""
    user = User(openid=WEB_OPENID_PREFIX + secrets.token_hex(16), nickname=nickname,
                created_at=now)
    session.add(user)
    session.flush()
    return user
