"""What a role's scope is called and which merchant it belongs to. Rooms
and communities are read by table name (live_rooms, communities): the core
names no feature package."""

from __future__ import annotations

from sqlalchemy import column, or_, select, table
from sqlalchemy.orm import Session

from app.auth.models import RoleGrant
from app.auth.roles import COMMUNITY, MERCHANT, ROOM
from app.catalog.models import Merchant

ROOMS = table("live_rooms", column("id"), column("merchant_id"), column("title"))
COMMUNITIES = table("communities", column("id"), column("merchant_id"), column("name"))
_NAMED = {ROOM: (ROOMS, ROOMS.c.title), COMMUNITY: (COMMUNITIES, COMMUNITIES.c.name)}


def scope_of(session: Session, scope_type: str, scope_id: int) -> tuple[int, str] | None:
    """(merchant id, name) of a merchant, room or community; None if gone or
    of another kind (the platform)."""
    if scope_type == MERCHANT:
        merchant = session.get(Merchant, scope_id)
        return None if merchant is None else (merchant.id, merchant.name)
    if scope_type not in _NAMED:
        return None
    tbl, name = _NAMED[scope_type]
    row = session.execute(select(tbl.c.merchant_id, name).where(tbl.c.id == scope_id)).first()
    return None if row is None else (row[0], row[1])


def scope_ids_of_merchant(session: Session, merchant_id: int) -> dict[str, list[int]]:
    """The merchant's own id, its rooms' and its communities' ids, by scope type."""
    found = {MERCHANT: [merchant_id]}
    for scope_type, (tbl, _) in _NAMED.items():
        found[scope_type] = list(session.scalars(
            select(tbl.c.id).where(tbl.c.merchant_id == merchant_id)))
    return found


def grants_in_merchant(session: Session, merchant_id: int):
    """Every role grant held in the merchant or one of its rooms or communities."""
    clauses = [(RoleGrant.scope_type == kind) & RoleGrant.scope_id.in_(ids)
               for kind, ids in scope_ids_of_merchant(session, merchant_id).items() if ids]
    stmt = select(RoleGrant).where(or_(*clauses))
    return list(session.scalars(stmt.order_by(RoleGrant.user_id, RoleGrant.id)))
