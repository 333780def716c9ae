"""Communities of a merchant: an owner, leaders and members. Members join
by invite code or a community share made by a member; the owner regenerates
the code and removes members; staff invite owners and leaders
(invitations.py: the role holds once accepted) and remove leaders. A role
holds only in its own community (a row of community_members)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.auth.models import User
from app.catalog.service import check_staff
from app.db import insert_ignore, paginate
from app.sharing import service as sharing
from community import errors, rules
from community.models import Community, CommunityMember, PickupPoint

INVITE_ATTEMPTS = 5


def get(session: Session, community_id: int, *, merchant_id: int | None = None) -> Community:
    community = session.get(Community, community_id)
    if community is None or merchant_id not in (None, community.merchant_id):
        raise errors.CommunityNotFound()
    return community


def staff_community(session: Session, staff_id: int, merchant_id: int,
                    community_id: int) -> Community:
    """Merchant first (merchant_not_found, forbidden), then the community."""
    check_staff(session, staff_id, merchant_id)
    return get(session, community_id, merchant_id=merchant_id)


def membership(session: Session, community_id: int, user_id: int) -> CommunityMember | None:
    return session.scalar(select(CommunityMember).filter_by(community_id=community_id,
                                                            user_id=user_id))


def role_of(session: Session, community_id: int, user_id: int) -> str | None:
    row = membership(session, community_id, user_id)
    return row.role if row else None


def member_community(session: Session, community_id: int, user_id: int) -> Community:
    """The community, if the user is a member of it (else not_a_member)."""
    community = get(session, community_id)
    if membership(session, community_id, user_id) is None:
        raise errors.NotAMember()
    return community


def require_user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise errors.UserNotFound(details={"user_id": user_id})
    return user


def create(session: Session, *, merchant_id: int, name: str, leader_commission_bps: int,
           now: datetime) -> Community:
    """A community with no owner yet (its owner is invited: invitations.py)."""
    community = Community(merchant_id=merchant_id, name=name, owner_id=None,
                          invite_code=_free_code(session),
                          leader_commission_bps=leader_commission_bps, created_at=now)
    session.add(community)
    session.flush()
    return community


def update_settings(session: Session, community: Community, data: dict) -> Community:
    """Only fields given and different are written (an empty change writes nothing)."""
    for name in ("name", "leader_commission_bps"):
        if name in data and getattr(community, name) != data[name]:
            setattr(community, name, data[name])
    return community


def list_for_merchant(session: Session, merchant_id: int, *, page: int, per_page: int):
    stmt = select(Community).where(Community.merchant_id == merchant_id)
    return paginate(session, stmt, order_by=Community.id, page=page, per_page=per_page)


def mine(session: Session, user_id: int, *, page: int, per_page: int):
    """(community, role) pairs of the user's communities."""
    stmt = (select(Community, CommunityMember.role)
            .join(CommunityMember, CommunityMember.community_id == Community.id)
            .where(CommunityMember.user_id == user_id))
    total = session.scalar(select(func.count()).select_from(stmt.subquery()))
    rows = session.execute(stmt.order_by(Community.id).limit(per_page)
                           .offset((page - 1) * per_page)).all()
    return [{"community": c, "role": role} for c, role in rows], total


def member_count(session: Session, community_id: int) -> int:
    return session.scalar(select(func.count()).select_from(CommunityMember)
                          .where(CommunityMember.community_id == community_id))


def regenerate_code(session: Session, *, community_id: int, user_id: int) -> Community:
    """The owner draws a new code; the old one admits nobody any more."""
    community = get(session, community_id)
    if role_of(session, community_id, user_id) != rules.OWNER:
        raise errors.NotAllowed()
    community.invite_code = _free_code(session)
    return community


def _free_code(session: Session) -> str:
    """A code no community holds (the unique constraint guards a race)."""
    for _ in range(INVITE_ATTEMPTS):
        code = rules.new_invite_code()
        if session.scalar(select(Community.id).filter_by(invite_code=code)) is None:
            return code
    raise RuntimeError("no free invite code")


def join(session: Session, *, user_id: int, now: datetime, invite_code: str | None = None,
         scene: str | None = None) -> CommunityMember:
    """By invite code, or by a community share whose sharer is a member."""
    if invite_code is not None:
        community = session.scalar(select(Community).filter_by(
            invite_code=rules.normal_invite_code(invite_code)))
        if community is None:
            raise errors.InvalidInviteCode()
        via = "code"
    else:
        share = sharing.live_share(session, scene, now)
        if share.kind != "community" or share.target_id is None or \
                membership(session, share.target_id, share.sharer_id) is None:
            raise errors.NotACommunityShare()
        community, via = get(session, share.target_id), "share"
    if not insert_ignore(session, CommunityMember, community_id=community.id, user_id=user_id,
                         role=rules.MEMBER, via=via, joined_at=now):
        raise errors.AlreadyMember()
    return membership(session, community.id, user_id)


def leave(session: Session, *, community_id: int, user_id: int) -> None:
    get(session, community_id)
    row = membership(session, community_id, user_id)
    if row is None:
        raise errors.NotAMember()
    if row.role != rules.MEMBER:
        raise errors.CannotLeave(details={"role": row.role})
    session.delete(row)


def remove_member(session: Session, *, community_id: int, by_user_id: int,
                  user_id: int) -> None:
    """The owner removes a plain member (leaders are removed by staff first)."""
    get(session, community_id)
    if role_of(session, community_id, by_user_id) != rules.OWNER:
        raise errors.NotAllowed()
    row = membership(session, community_id, user_id)
    if row is None:
        raise errors.MemberNotFound()
    if row.role != rules.MEMBER:
        raise errors.CannotLeave(details={"role": row.role})
    session.delete(row)


def leader(session: Session, community_id: int, leader_id: int) -> CommunityMember:
    row = membership(session, community_id, leader_id)
    if row is None or row.role != rules.LEADER:
        raise errors.LeaderNotFound()
    return row


def set_leader_rate(session: Session, *, community: Community, leader_id: int,
                    commission_bps: int | None) -> CommunityMember:
    row = leader(session, community.id, leader_id)
    if row.commission_bps != commission_bps:
        row.commission_bps = commission_bps
    return row


def remove_leader(session: Session, *, community: Community, leader_id: int) -> None:
    """Back to member; their pickup point stops taking new orders (goods
    already paid for pickup there are still handed over by them)."""
    row = leader(session, community.id, leader_id)
    row.role, row.commission_bps = rules.MEMBER, None
    session.execute(update(PickupPoint).where(PickupPoint.community_id == community.id,
                                              PickupPoint.leader_id == leader_id)
                    .values(active=False))


def leaders(session: Session, community_id: int) -> list[tuple[CommunityMember, PickupPoint]]:
    rows = session.execute(
        select(CommunityMember, PickupPoint)
        .outerjoin(PickupPoint, (PickupPoint.community_id == CommunityMember.community_id)
                   & (PickupPoint.leader_id == CommunityMember.user_id))
        .where(CommunityMember.community_id == community_id,
               CommunityMember.role == rules.LEADER).order_by(CommunityMember.user_id))
    return list(rows.all())


def nicknames(session: Session, user_ids: list[int]) -> dict[int, str]:
    if not user_ids:
        return {}
    return dict(session.execute(select(User.id, User.nickname)
                                .where(User.id.in_(user_ids))).all())


def led_by(session: Session, user_id: int) -> list[tuple[Community, CommunityMember,
                                                           PickupPoint | None]]:
    """The communities the user leads, each with their membership row and point."""
    rows = session.execute(
        select(Community, CommunityMember, PickupPoint)
        .join(CommunityMember, CommunityMember.community_id == Community.id)
        .outerjoin(PickupPoint, (PickupPoint.community_id == Community.id)
                   & (PickupPoint.leader_id == user_id))
        .where(CommunityMember.user_id == user_id, CommunityMember.role == rules.LEADER)
        .order_by(Community.id))
    return [tuple(row) for row in rows.all()]


def member_ids(session: Session, community_id: int) -> list[int]:
    return list(session.scalars(select(CommunityMember.user_id)
                                .where(CommunityMember.community_id == community_id)))


def describe(session: Session, community_id: int | None) -> dict:
    """Share describer for kind "community"."""
    community = get(session, community_id or 0)
    return {"title": community.name, "path": f"/pages/community/join?id={community.id}",
            "members": member_count(session, community.id)}




def require_leader(session: Session, community_id: int, user_id: int) -> CommunityMember:
    """The user leads in this community (another role, or none: forbidden)."""
    row = membership(session, community_id, user_id)
    if row is None or row.role != rules.LEADER:
        raise errors.NotAllowed()
    return row
