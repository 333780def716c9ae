"""Owners and leaders by invitation. Staff invite a user to own or lead a
community; the user holds the role only once they accept it through /mp/v1.
Until then, or after declining, they hold no role (a member stays a
member). One invitation row per community and user: a new one replaces the
last. Inviting a new owner withdraws any other pending owner invitation;
accepting ownership makes the old owner a member, and a leader who becomes
owner stops leading (their pickup point closes, as when staff remove a
leader). Invitations and acceptances of one community queue on its row."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.db import paginate
from community import communities, errors, rules
from community.models import Community, CommunityInvitation, CommunityMember


def _locked(session: Session, community_id: int) -> Community:
    community = session.scalars(select(Community).where(Community.id == community_id)
                                .with_for_update()
                                .execution_options(populate_existing=True)).one_or_none()
    if community is None:
        raise errors.CommunityNotFound()
    return community


def create_community(session: Session, *, merchant_id: int, name: str, owner_id: int,
                     leader_commission_bps: int, staff_id: int,
                     now: datetime) -> Community:
    """A community whose owner is invited (owner_id stays None until they accept)."""
    communities.require_user(session, owner_id)
    community = communities.create(session, merchant_id=merchant_id, name=name,
                                   leader_commission_bps=leader_commission_bps, now=now)
    invite(session, community=community, user_id=owner_id, role=rules.OWNER,
           commission_bps=None, staff_id=staff_id, now=now)
    return community


def invite(session: Session, *, community: Community, user_id: int, role: str,
           commission_bps: int | None, staff_id: int, now: datetime) -> CommunityInvitation:
    """Refused for the role the user holds already (already_has_role) and for
    a leader invitation to the owner (community_forbidden)."""
    communities.require_user(session, user_id)
    _locked(session, community.id)
    held = communities.role_of(session, community.id, user_id)
    if held == role:
        raise errors.AlreadyHasRole(details={"role": role})
    if role == rules.LEADER and held == rules.OWNER:
        raise errors.NotAllowed("The owner cannot also be a leader here.")
    if role == rules.OWNER:
        session.execute(update(CommunityInvitation).where(
            CommunityInvitation.community_id == community.id,
            CommunityInvitation.role == rules.OWNER,
            CommunityInvitation.status == rules.PENDING,
            CommunityInvitation.user_id != user_id).values(status=rules.WITHDRAWN,
                                                          decided_at=now))
    row = session.scalar(select(CommunityInvitation).filter_by(community_id=community.id,
                                                               user_id=user_id))
    if row is None:
        row = CommunityInvitation(community_id=community.id, user_id=user_id)
        session.add(row)
    row.role, row.commission_bps, row.status = role, commission_bps, rules.PENDING
    row.invited_by, row.created_at, row.decided_at = staff_id, now, None
    session.flush()
    return row


def _pending(session: Session, invitation_id: int, user_id: int) -> CommunityInvitation:
    """The user's own invitation (another's: invitation_not_found), still pending."""
    row = session.get(CommunityInvitation, invitation_id)
    if row is None or row.user_id != user_id:
        raise errors.InvitationNotFound()
    _locked(session, row.community_id)
    session.refresh(row)
    if row.status != rules.PENDING:
        raise errors.InvitationNotPending(details={"status": row.status})
    return row


def accept(session: Session, *, invitation_id: int, user_id: int,
           now: datetime) -> CommunityMember:
    """The role is the user's from now on (a member row if they had none)."""
    row = _pending(session, invitation_id, user_id)
    community = session.get(Community, row.community_id)
    member = communities.membership(session, community.id, user_id)
    if row.role == rules.LEADER and member is not None and member.role == rules.OWNER:
        raise errors.NotAllowed("The owner cannot also be a leader here.")
    if member is None:
        member = CommunityMember(community_id=community.id, user_id=user_id,
                                 role=rules.MEMBER, via="invitation", joined_at=now)
        session.add(member)
    if row.role == rules.OWNER:
        _hand_over_ownership(session, community, member)
    else:
        member.role, member.commission_bps = rules.LEADER, row.commission_bps
    row.status, row.decided_at = rules.ACCEPTED, now
    session.flush()
    return member


def _hand_over_ownership(session: Session, community: Community,
                         member: CommunityMember) -> None:
    if member.role == rules.LEADER:
        communities.remove_leader(session, community=community, leader_id=member.user_id)
    if community.owner_id not in (None, member.user_id):
        old = communities.membership(session, community.id, community.owner_id)
        if old is not None and old.role == rules.OWNER:
            old.role = rules.MEMBER
    member.role, member.commission_bps = rules.OWNER, None
    community.owner_id = member.user_id


def decline(session: Session, *, invitation_id: int, user_id: int,
            now: datetime) -> CommunityInvitation:
    row = _pending(session, invitation_id, user_id)
    row.status, row.decided_at = rules.DECLINED, now
    return row


def pending_for(session: Session, user_id: int) -> list[tuple[CommunityInvitation, Community]]:
    """The user's pending invitations, oldest first, with their communities."""
    return [tuple(r) for r in session.execute(
        select(CommunityInvitation, Community)
        .join(Community, Community.id == CommunityInvitation.community_id)
        .where(CommunityInvitation.user_id == user_id,
               CommunityInvitation.status == rules.PENDING)
        .order_by(CommunityInvitation.id))]


def listed(session: Session, *, community_id: int, status: str | None, page: int,
           per_page: int) -> tuple[list[CommunityInvitation], int]:
    stmt = select(CommunityInvitation).where(CommunityInvitation.community_id == community_id)
    if status:
        stmt = stmt.where(CommunityInvitation.status == status)
    return paginate(session, stmt, order_by=CommunityInvitation.id, page=page,
                    per_page=per_page)
