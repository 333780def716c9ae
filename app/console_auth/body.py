"""The session body the console builds its menu from: the user, the CSRF
token, each role with its scope's name, the merchants the roles reach and
the areas they open."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth.models import User
from app.auth.roles import PLATFORM
from app.auth.service import roles_of
from app.catalog.models import Merchant
from app.console_auth import scopes
from app.console_auth.permissions import permissions_of

PLATFORM_MERCHANTS_SHOWN = 100  # a platform admin lists the rest under /platform/merchants


def session_body(session: Session, user_id: int, csrf_token: str) -> dict:
    user = session.get(User, user_id)
    roles, merchant_ids = [], set()
    grants = roles_of(session, user_id)
    for grant in grants:
        found = scopes.scope_of(session, grant.scope_type, grant.scope_id)
        if found is not None:
            merchant_ids.add(found[0])
        roles.append({"role": grant.role, "scope_type": grant.scope_type,
                      "scope_id": grant.scope_id,
                      "scope_name": "" if found is None else found[1]})
    if any(g.scope_type == PLATFORM for g in grants):
        stmt = select(Merchant).order_by(Merchant.id).limit(PLATFORM_MERCHANTS_SHOWN)
    else:
        stmt = select(Merchant).where(Merchant.id.in_(merchant_ids)).order_by(Merchant.id)
    merchants = [{"id": m.id, "name": m.name, "status": m.status}
                 for m in session.scalars(stmt)]
    return {"user": {"id": user.id, "nickname": user.nickname}, "csrf_token": csrf_token,
            "roles": roles, "merchants": merchants,
            "permissions": permissions_of(g.role for g in grants)}
