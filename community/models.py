"""Community tables: communities and their members (owner, leaders,
members), pickup points, announcements stored once with one inbox row per
recipient, pinned offers, pickup orders with their codes, and leader
commission per order. Money in int fen, rates in int bps."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, BigId, UTCDateTime


class Community(Base):
    __tablename__ = "communities"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchants.id"), index=True)
    name: Mapped[str] = mapped_column(String(60))
    # None until the user invited as owner accepts
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    invite_code: Mapped[str] = mapped_column(String(16), unique=True)
    # the default for leaders without their own rate
    leader_commission_bps: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CommunityMember(Base):
    """One row per member and community; role owner | leader | member."""

    __tablename__ = "community_members"
    __table_args__ = (UniqueConstraint("community_id", "user_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    # a leader's own rate; None: the community's default
    commission_bps: Mapped[int | None] = mapped_column(Integer)
    via: Mapped[str] = mapped_column(String(16))  # code | share | staff
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CommunityInvitation(Base):
    """Staff invite a user to own or lead a community; the role is the
    user's only once they accept (one row per community and user: a new
    invitation replaces the last)."""

    __tablename__ = "community_invitations"
    __table_args__ = (UniqueConstraint("community_id", "user_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))  # owner | leader
    commission_bps: Mapped[int | None] = mapped_column(Integer)  # a leader's own rate
    status: Mapped[str] = mapped_column(String(16))  # rules.INVITATION_STATES
    invited_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class PickupPoint(Base):
    """A leader's one pickup point in a community (kept, never deleted, so
    old orders still name it)."""

    __tablename__ = "pickup_points"
    __table_args__ = (UniqueConstraint("community_id", "leader_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchants.id"))
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"))
    leader_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(60))
    address: Mapped[str] = mapped_column(String(200))
    opening_hours: Mapped[str] = mapped_column(String(100))
    active: Mapped[bool] = mapped_column(Boolean)


class Announcement(Base):
    """Stored once; `key` makes a sender's delivery idempotent per merchant.
    community_id None: from the merchant to chosen members (a segment)."""

    __tablename__ = "announcements"
    __table_args__ = (UniqueConstraint("merchant_id", "key"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchants.id"))
    community_id: Mapped[int | None] = mapped_column(ForeignKey("communities.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    key: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(80))
    body: Mapped[str] = mapped_column(String(2000))
    recipients: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class InboxMessage(Base):
    """One recipient's copy of an announcement: readable only by them."""

    __tablename__ = "inbox_messages"
    __table_args__ = (UniqueConstraint("announcement_id", "user_id"),
                      Index("ix_inbox_messages_user_community", "user_id", "community_id"),
                      Index("ix_inbox_messages_user_read", "user_id", "read_at"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    announcement_id: Mapped[int] = mapped_column(ForeignKey("announcements.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    community_id: Mapped[int | None] = mapped_column(BigId)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class PinnedOffer(Base):
    __tablename__ = "community_offers"
    __table_args__ = (UniqueConstraint("community_id", "kind", "target_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"))
    kind: Mapped[str] = mapped_column(String(16))  # app.offers.KINDS
    target_id: Mapped[int] = mapped_column(BigId)
    title: Mapped[str] = mapped_column(String(120))
    pinned_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    pinned_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Pickup(Base):
    """A paid order to be collected at a point. `open_code` is the code while
    the goods wait (unique per point among those), None once handed over or
    refunded; `code` stays for the record."""

    __tablename__ = "pickups"
    __table_args__ = (UniqueConstraint("point_id", "open_code"),
                      Index("ix_pickups_point_paid", "point_id", "paid_at"))

    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), primary_key=True)
    merchant_id: Mapped[int] = mapped_column(BigId)
    community_id: Mapped[int] = mapped_column(BigId)
    leader_id: Mapped[int] = mapped_column(BigId)
    point_id: Mapped[int] = mapped_column(ForeignKey("pickup_points.id"))
    code: Mapped[str] = mapped_column(String(8))
    open_code: Mapped[str | None] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16))  # waiting | picked_up | refunded
    paid_at: Mapped[datetime] = mapped_column(UTCDateTime)
    picked_up_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class LeaderCommission(Base):
    """A leader's commission on one order collected at their point: posted
    pending on pickup, available on completion, cut on each refund."""

    __tablename__ = "leader_commissions"
    __table_args__ = (Index("ix_leader_commissions_leader", "merchant_id", "leader_id"),)

    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), primary_key=True)
    merchant_id: Mapped[int] = mapped_column(BigId)
    community_id: Mapped[int] = mapped_column(BigId)
    leader_id: Mapped[int] = mapped_column(BigId)
    bps: Mapped[int] = mapped_column(Integer)
    base_fen: Mapped[int] = mapped_column(BigInteger)
    full_fen: Mapped[int] = mapped_column(BigInteger)
    refunded_fen: Mapped[int] = mapped_column(BigInteger)
    owed_fen: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(16), index=True)  # pending | available
    accrued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    settled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class LeaderRefund(Base):
    """Each refund of a pickup order, once (before or after pickup)."""

    __tablename__ = "leader_refunds"

    refund_id: Mapped[int] = mapped_column(BigId, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    applied_at: Mapped[datetime] = mapped_column(UTCDateTime)
