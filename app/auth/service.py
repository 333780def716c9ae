"""Login and role checks: no Flask, no commit."""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from app.auth import wechat
from app.auth.errors import CodeUsed, UnknownRole, UserNotFound, WeChatUnavailable
from app.auth.models import RoleGrant, User
from app.auth.roles import PLATFORM, ROLE_SCOPES
from app.errors import Forbidden

CODE_TTL_S = 300  # a wx.login code lives 5 minutes; within that it is single-use


def _code_key(code: str) -> str:
    return "auth:code:" + hashlib.sha256(code.encode()).hexdigest()


def claim_code(redis, code: str) -> None:
    """A code logs in once: refused on reuse, as WeChat itself does (40163)."""
    if not redis.set(_code_key(code), 1, nx=True, ex=CODE_TTL_S):
        raise CodeUsed()


def login(session: Session, resolver, redis, *, code: str, now: datetime) -> User:
    """A WeChat outage or a database error does not use up the code: the
    client may retry it."""
    wechat.check_code_format(code)
    claim_code(redis, code)
    try:
        ident = resolver.resolve(code)
        user = _user_for(session, ident, now)
    except (WeChatUnavailable, SQLAlchemyError):
        redis.delete(_code_key(code))
        raise
    user.session_key = ident.session_key
    user.unionid = ident.unionid or user.unionid
    user.last_login_at = now
    session.flush()
    return user


def _user_for(session: Session, ident: wechat.Identity, now: datetime) -> User:
    """The user for this openid, created on first login. Two first logins
    racing: the loser's insert fails in its savepoint and it reads the winner's."""
    stmt = select(User).where(User.openid == ident.openid)
    user = session.scalar(stmt)
    if user is not None:
        return user
    try:
        with session.begin_nested():
            user = User(openid=ident.openid, unionid=ident.unionid,
                        nickname=f"user{ident.openid[-4:]}", created_at=now)
            session.add(user)
    except IntegrityError:
        user = session.scalar(stmt)
    return user


def sign_out_everywhere(session: Session, user_id: int) -> int:
    """Bump the user's token version (one guarded UPDATE, so racing sign-outs
    each count): every token issued before is refused from the commit on.
    Returns the new version."""
    version = session.scalar(update(User).where(User.id == user_id)
                             .values(token_version=User.token_version + 1)
                             .returning(User.token_version))
    if version is None:
        raise UserNotFound()
    return version


def get_user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise UserNotFound()
    return user


def grant_role(session: Session, *, user_id: int, role: str, scope_id: int = 0,
               now: datetime) -> RoleGrant:
    scope_type = ROLE_SCOPES.get(role)
    if scope_type is None:
        raise UnknownRole(f"Unknown role {role!r}.")
    get_user(session, user_id)
    scope_id = 0 if scope_type == PLATFORM else scope_id
    existing = session.scalar(select(RoleGrant).where(
        RoleGrant.user_id == user_id, RoleGrant.role == role,
        RoleGrant.scope_type == scope_type, RoleGrant.scope_id == scope_id))
    if existing:
        return existing
    grant = RoleGrant(user_id=user_id, role=role, scope_type=scope_type,
                      scope_id=scope_id, created_at=now)
    session.add(grant)
    session.flush()
    return grant


def roles_of(session: Session, user_id: int) -> list[RoleGrant]:
    return list(session.scalars(select(RoleGrant).where(RoleGrant.user_id == user_id)
                                .order_by(RoleGrant.id)))


def has_role(session: Session, user_id: int, roles: tuple[str, ...], scope_id: int) -> bool:
    """True if the user holds one of `roles` in this scope, or is platform admin."""
    stmt = select(RoleGrant.id).where(
        RoleGrant.user_id == user_id,
        ((RoleGrant.role.in_(roles)) & (RoleGrant.scope_id == scope_id))
        | (RoleGrant.role == "platform_admin")).limit(1)
    return session.scalar(stmt) is not None


def require_role(session: Session, user_id: int, roles: tuple[str, ...], scope_id: int) -> None:
    if not has_role(session, user_id, roles, scope_id):
        raise Forbidden()
