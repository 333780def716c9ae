"""A merchant's staff: who holds which role at the merchant, its rooms and
its communities, and taking a role back (never the last owner's)."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.auth.models import RoleGrant, StaffCredential, User
from app.auth.roles import MERCHANT
from app.console_auth import scopes
from app.console_auth.errors import LastOwner, StaffRoleNotFound

OWNER = "merchant_owner"


def list_staff(session: Session, merchant_id: int) -> list[dict]:
    grants = scopes.grants_in_merchant(session, merchant_id)
    users = {}
    for grant in grants:
        if grant.user_id not in users:
            user = session.get(User, grant.user_id)
            login = session.scalar(select(StaffCredential.login).where(
                StaffCredential.user_id == grant.user_id))
            users[grant.user_id] = {"user_id": user.id, "nickname": user.nickname,
                                    "login": login, "roles": []}
        found = scopes.scope_of(session, grant.scope_type, grant.scope_id)
        users[grant.user_id]["roles"].append({
            "role": grant.role, "scope_type": grant.scope_type, "scope_id": grant.scope_id,
            "scope_name": found[1] if found else ""})
    return list(users.values())


def revoke_role(session: Session, *, merchant_id: int, user_id: int, role: str) -> int:
    """Take `role` from the user wherever it holds in this merchant; the
    number of grants removed."""
    mine = [g for g in scopes.grants_in_merchant(session, merchant_id)
            if g.user_id == user_id and g.role == role]
    if not mine:
        raise StaffRoleNotFound(details={"user_id": user_id, "role": role})
    if role == OWNER:
        owners = session.scalars(select(RoleGrant.user_id).where(
            RoleGrant.role == OWNER, RoleGrant.scope_type == MERCHANT,
            RoleGrant.scope_id == merchant_id)).all()
        if set(owners) == {user_id}:
            raise LastOwner()
    session.execute(delete(RoleGrant).where(RoleGrant.id.in_([g.id for g in mine])))
    return len(mine)
