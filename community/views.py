"""Shaping shared by the staff and mini-program views (no rules here)."""

from __future__ import annotations

from app import clock
from community import rules
from community.models import Community, CommunityInvitation, CommunityMember, PickupPoint


def leader(community: Community, row: CommunityMember, point: PickupPoint | None,
           nickname: str = "") -> dict:
    effective = community.leader_commission_bps if row.commission_bps is None \
        else row.commission_bps
    return {"user_id": row.user_id, "nickname": nickname, "role": row.role,
            "commission_bps": row.commission_bps, "effective_bps": effective, "point": point}


def day_of(args: dict):
    """The asked China day, else today's."""
    return args.get("day") or rules.china_day(clock.now())


def my_community(community: Community, role: str, members: int) -> dict:
    shown = community.invite_code if rules.can_post(role) else None
    return {"id": community.id, "merchant_id": community.merchant_id, "name": community.name,
            "role": role, "members": members, "invite_code": shown}


def invitation(row: CommunityInvitation, community: Community) -> dict:
    return {"id": row.id, "community_id": community.id, "community_name": community.name,
            "merchant_id": community.merchant_id, "user_id": row.user_id, "role": row.role,
            "commission_bps": row.commission_bps, "status": row.status,
            "created_at": row.created_at, "decided_at": row.decided_at}
