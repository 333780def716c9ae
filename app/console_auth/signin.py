"""Password sign-in and who may use the console: no Flask, no commit."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from app.auth import credentials, passwords
from app.auth.errors import BadCredentials
from app.auth.service import roles_of
from app.console_auth.errors import LoginTaken, NotStaff
from app.console_auth.permissions import is_staff

normal_login = credentials.normal_login


def check_password(session: Session, *, login: str, password: str, now: datetime) -> int:
    """The user id of a right login and password who holds a staff role;
    the same BadCredentials for a wrong login, password or a non-staff user."""
    cred = credentials.find(session, login)
    if not passwords.verify(cred.password_hash if cred else None, password):
        raise BadCredentials()
    if not is_staff(g.role for g in roles_of(session, cred.user_id)):
        raise BadCredentials()
    if passwords.needs_rehash(cred.password_hash):
        cred.password_hash = passwords.hash_password(password)
        cred.updated_at = now
    return cred.user_id


def set_credentials(session: Session, **kw):
    """credentials.set_credentials, another's login answered 409 `login_taken`."""
    try:
        return credentials.set_credentials(session, **kw)
    except credentials.LoginInUse as exc:
        raise LoginTaken() from exc


def require_staff(session: Session, user_id: int) -> None:
    if not is_staff(g.role for g in roles_of(session, user_id)):
        raise NotStaff()
