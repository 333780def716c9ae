"""Staff invites: no Flask, no commit.

A merchant's owner invites a role (GRANTABLE) at the merchant, or at one of
its rooms or communities; a platform admin invites a new merchant's owner.
The link's token is kept as its SHA-256; it is good for 7 days on the app
clock and accepted once (a guarded UPDATE: two accepts at once, one wins).
Accepting gives web credentials to a new user, or to the existing user
whose login and password these are, and grants the role."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.auth import credentials, passwords
from app.auth.roles import MERCHANT, ROLE_SCOPES
from app.auth.service import grant_role
from app.catalog.models import Merchant
from app.catalog.service import get_merchant
from app.console_auth import scopes
from app.console_auth.errors import (
    InviteExpired,
    InviteNotFound,
    InviteUsed,
    LoginTaken,
    RoleNotGrantable,
    ScopeNotFound,
)
from app.console_auth.models import StaffInvite
from app.console_auth.permissions import GRANTABLE
from app.console_auth.signin import set_credentials

TTL = timedelta(days=7)
MAX_TOKEN_CHARS = 64
OWNER = "merchant_owner"


def url_of(raw: str) -> str:
    return f"/console/#/invite/{raw}"


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def create(session: Session, *, merchant_id: int, role: str, scope_id: int | None, note: str,
           by: int, now: datetime, owner_invite: bool = False) -> tuple[str, StaffInvite]:
    """(the link's token, the invite). Merchant roles hold at the merchant;
    room and community roles at a room or community of this merchant."""
    if role not in GRANTABLE and not (owner_invite and role == OWNER):
        raise RoleNotGrantable(details={"role": role, "grantable": list(GRANTABLE)})
    get_merchant(session, merchant_id)
    scope_type = ROLE_SCOPES[role]
    if scope_type == MERCHANT:
        scope_id = merchant_id
    else:
        found = scopes.scope_of(session, scope_type, scope_id) if scope_id else None
        if found is None or found[0] != merchant_id:
            raise ScopeNotFound(details={"scope_type": scope_type, "scope_id": scope_id})
    raw = secrets.token_urlsafe(24)
    invite = StaffInvite(token_hash=_hash(raw), merchant_id=merchant_id, role=role,
                         scope_type=scope_type, scope_id=scope_id, note=note, created_by=by,
                         created_at=now, expires_at=now + TTL)
    session.add(invite)
    session.flush()
    return raw, invite


def open_invite(session: Session, raw: str, now: datetime) -> tuple[StaffInvite, Merchant]:
    """The invite of a token, not yet accepted nor expired."""
    invite = None
    if raw and len(raw) <= MAX_TOKEN_CHARS:
        invite = session.scalar(select(StaffInvite).where(StaffInvite.token_hash == _hash(raw)))
    if invite is None:
        raise InviteNotFound()
    if invite.accepted_at is not None:
        raise InviteUsed()
    if now >= invite.expires_at:
        raise InviteExpired(details={"expired_at": invite.expires_at.isoformat()})
    return invite, session.get(Merchant, invite.merchant_id)


def accept(session: Session, raw: str, *, login: str, password: str, nickname: str,
           now: datetime) -> int:
    """The user who accepted (their role granted); WeakPassword, LoginTaken,
    InviteUsed, InviteExpired or InviteNotFound and nothing done otherwise."""
    invite, merchant = open_invite(session, raw, now)
    passwords.check_strength(password)
    user_id = _user_for(session, login=login, password=password, nickname=nickname, now=now)
    taken = session.execute(update(StaffInvite).where(
        StaffInvite.id == invite.id, StaffInvite.accepted_at.is_(None))
        .values(accepted_at=now, accepted_by=user_id))
    if taken.rowcount != 1:
        raise InviteUsed()
    grant_role(session, user_id=user_id, role=invite.role, scope_id=invite.scope_id, now=now)
    if invite.role == OWNER:
        merchant.owner_id = user_id
    session.flush()
    return user_id


def _user_for(session: Session, *, login: str, password: str, nickname: str,
              now: datetime) -> int:
    """A new user with these credentials, or the user whose they already are."""
    cred = credentials.find(session, login)
    if cred is not None:
        if not passwords.verify(cred.password_hash, password):
            raise LoginTaken()
        return cred.user_id
    user = credentials.new_web_user(session, nickname=nickname, now=now)
    set_credentials(session, user_id=user.id, login=login, password=password, now=now)
    return user.id
