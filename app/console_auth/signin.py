"""Password sign-in and web credentials: no Flask, no commit."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.auth import passwords
from app.auth.errors import BadCredentials
from app.auth.models import StaffCredential, User
from app.auth.service import roles_of
from app.console_auth.errors import LoginTaken, NotStaff
from app.console_auth.permissions import is_staff

WEB_OPENID_PREFIX = "web:"  # users made for web sign-in have no WeChat openid yet


def normal_login(login: str) -> str:
    return login.strip().lower()


def check_password(session: Session, *, login: str, password: str, now: datetime) -> int:
    """The user id of a right login and password who holds a staff role;
    the same BadCredentials for a wrong login, password or a non-staff user."""
    cred = session.scalar(select(StaffCredential).where(
        StaffCredential.login == normal_login(login)))
    if not passwords.verify(cred.password_hash if cred else None, password):
        raise BadCredentials()
    if not is_staff(g.role for g in roles_of(session, cred.user_id)):
        raise BadCredentials()
    if passwords.needs_rehash(cred.password_hash):
        cred.password_hash = passwords.hash_password(password)
        cred.updated_at = now
    return cred.user_id


def set_credentials(session: Session, *, user_id: int, login: str, password: str,
                    now: datetime) -> StaffCredential:
    """Give a user (new) web credentials; LoginTaken when another user has the login."""
    login = normal_login(login)
    taken = session.scalar(select(StaffCredential.user_id).where(
        StaffCredential.login == login))
    if taken is not None and taken != user_id:
        raise LoginTaken()
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


def login_exists(session: Session, login: str) -> bool:
    return session.scalar(select(func.count()).select_from(StaffCredential).where(
        StaffCredential.login == normal_login(login))) > 0


def require_staff(session: Session, user_id: int) -> None:
    if not is_staff(g.role for g in roles_of(session, user_id)):
        raise NotStaff()
