"""Membership: a user is a merchant's member from their first paid order
there (via "order") or their first check-in (via "checkin"), whichever came
first; joining twice is a no-op. Staff list members with tags and tier."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from app.auth.models import User
from app.db import insert_ignore, paginate
from app.orders.models import Order
from app.orders.rules import PAID_STATES, REFUNDED
from members.errors import MemberNotFound
from members.models import Member, MemberTag, MemberTagLink

ORDERED_STATES = (*sorted(PAID_STATES), REFUNDED)


def join(session: Session, *, merchant_id: int, user_id: int, via: str, now: datetime) -> bool:
    """True if this call made the user a member."""
    return insert_ignore(session, Member, merchant_id=merchant_id, user_id=user_id, via=via,
                         joined_at=now, tier_rank=0)


def get_member(session: Session, merchant_id: int, user_id: int) -> Member:
    member = session.scalar(select(Member).where(Member.merchant_id == merchant_id,
                                                 Member.user_id == user_id))
    if member is None:
        raise MemberNotFound()
    return member


def lock_member(session: Session, merchant_id: int, user_id: int) -> Member | None:
    """The member row under a row lock (serialises a member's spends), or None."""
    return session.scalars(select(Member).where(Member.merchant_id == merchant_id,
                                                Member.user_id == user_id)
                           .with_for_update().execution_options(populate_existing=True)
                           ).one_or_none()


def backfill(session: Session, merchant_id: int, now: datetime) -> None:
    """Make members of buyers whose paid orders came before membership existed."""
    buyers = select(Order.buyer_id).where(
        Order.merchant_id == merchant_id, Order.paid_at.isnot(None),
        Order.status.in_(ORDERED_STATES),
        ~exists().where(Member.merchant_id == merchant_id, Member.user_id == Order.buyer_id)
    ).distinct()
    for user_id in session.scalars(buyers).all():
        join(session, merchant_id=merchant_id, user_id=user_id, via="order", now=now)


def member_ids(session: Session, merchant_id: int) -> set[int]:
    return set(session.scalars(select(Member.user_id).where(Member.merchant_id == merchant_id)))


def list_members(session: Session, merchant_id: int, *, page: int, per_page: int) -> tuple:
    """A page of members with their nickname, tier and tags."""
    rows, total = paginate(session, select(Member).where(Member.merchant_id == merchant_id),
                           order_by=Member.user_id, page=page, per_page=per_page)
    tags: dict[int, list[str]] = {}
    if rows:
        for user_id, name in session.execute(
                select(MemberTagLink.user_id, MemberTag.name)
                .join(MemberTag, MemberTag.id == MemberTagLink.tag_id)
                .where(MemberTagLink.merchant_id == merchant_id,
                       MemberTagLink.user_id.in_([m.user_id for m in rows]))
                .order_by(MemberTag.name)):
            tags.setdefault(user_id, []).append(name)
    names = dict(session.execute(select(User.id, User.nickname).where(
        User.id.in_([m.user_id for m in rows]))).all()) if rows else {}
    return [{"user_id": m.user_id, "nickname": names.get(m.user_id, ""), "via": m.via,
             "joined_at": m.joined_at, "tier_rank": m.tier_rank,
             "tags": tags.get(m.user_id, [])} for m in rows], total
