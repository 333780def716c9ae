"""Member CRM, points and tiers tables. A member is a (merchant, user) pair:
a user becomes a merchant's member with their first paid order there or
their first check-in. Points and growth are append-only entries with unique
keys; balances are computed from them. Money in int fen, rates in int bps."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, BigId, UTCDateTime


class Member(Base):
    __tablename__ = "mem_members"
    __table_args__ = (UniqueConstraint("merchant_id", "user_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchants.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    via: Mapped[str] = mapped_column(String(16))  # order | checkin
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime)
    tier_rank: Mapped[int] = mapped_column(Integer, default=0)


class MemberTag(Base):
    """kind manual (staff put it on members) or rule (the recompute job does)."""

    __tablename__ = "mem_tags"
    __table_args__ = (UniqueConstraint("merchant_id", "name"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchants.id"))
    name: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(8))
    metric: Mapped[str] = mapped_column(String(32), default="")
    op: Mapped[str] = mapped_column(String(8), default="")
    value: Mapped[int] = mapped_column(BigInteger, default=0)
    channel: Mapped[str] = mapped_column(String(16), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class MemberTagLink(Base):
    __tablename__ = "mem_tag_links"
    __table_args__ = (UniqueConstraint("tag_id", "user_id"),
                      Index("ix_mem_tag_links_merchant_user", "merchant_id", "user_id"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    tag_id: Mapped[int] = mapped_column(ForeignKey("mem_tags.id", ondelete="CASCADE"))
    merchant_id: Mapped[int] = mapped_column(BigId)
    user_id: Mapped[int] = mapped_column(BigId)
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class Segment(Base):
    __tablename__ = "mem_segments"
    __table_args__ = (UniqueConstraint("merchant_id", "name"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchants.id"))
    name: Mapped[str] = mapped_column(String(40))
    expr: Mapped[str] = mapped_column(String(500))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SegmentSend(Base):
    """One send of an action to a segment; status queued -> running -> done.
    total/done/failed are recounted from the recipients after each batch."""

    __tablename__ = "mem_sends"
    __table_args__ = (UniqueConstraint("merchant_id", "request_key"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchants.id"))
    segment_id: Mapped[int] = mapped_column(BigId)
    request_key: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(24))
    payload: Mapped[str] = mapped_column(String(2000))  # JSON text
    status: Mapped[str] = mapped_column(String(12))
    total: Mapped[int] = mapped_column(Integer, default=0)
    done: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[int] = mapped_column(Integer, default=0)
    created_by: Mapped[int] = mapped_column(BigId)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SendRecipient(Base):
    """One per send and user: the unique pair is what makes delivery once."""

    __tablename__ = "mem_send_recipients"
    __table_args__ = (UniqueConstraint("send_id", "user_id"),
                      Index("ix_mem_send_recipients_pending", "send_id", "status"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    send_id: Mapped[int] = mapped_column(ForeignKey("mem_sends.id"))
    user_id: Mapped[int] = mapped_column(BigId)
    status: Mapped[str] = mapped_column(String(12))  # pending | sent | failed
    outcome: Mapped[str] = mapped_column(String(40), default="")


class PointsSettings(Base):
    """A merchant's points rules; a merchant without a row has the defaults."""

    __tablename__ = "mem_points_settings"

    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchants.id"), primary_key=True)
    earn_per_yuan: Mapped[int] = mapped_column(Integer)
    redeem_per_yuan: Mapped[int] = mapped_column(Integer)
    max_cover_bps: Mapped[int] = mapped_column(Integer)
    expiry_days: Mapped[int] = mapped_column(Integer)
    checkin_points: Mapped[int] = mapped_column(Integer)
    streak_bonuses: Mapped[str] = mapped_column(String(200))  # "7:50,30:200"
    checkin_growth: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class PointsEntry(Base):
    """Append-only. Positive entries are lots (expiring at expires_at);
    `lot_id` names the lot an expiry entry closes; `base_fen` is what an
    order earn was computed on (refund clawbacks are in proportion to it)."""

    __tablename__ = "mem_points_entries"
    __table_args__ = (Index("ix_mem_points_entries_member", "merchant_id", "user_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchants.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(16))
    points: Mapped[int] = mapped_column(BigInteger)
    order_id: Mapped[int | None] = mapped_column(BigId, index=True)
    lot_id: Mapped[int | None] = mapped_column(BigId)
    base_fen: Mapped[int | None] = mapped_column(BigInteger)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    note: Mapped[str | None] = mapped_column(String(80))  # a staff adjustment's reason
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class GrowthEntry(Base):
    """Append-only growth value: paid completed spend and check-ins."""

    __tablename__ = "mem_growth_entries"
    __table_args__ = (Index("ix_mem_growth_entries_member", "merchant_id", "user_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchants.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(16))
    amount: Mapped[int] = mapped_column(BigInteger)
    order_id: Mapped[int | None] = mapped_column(BigId)
    base_fen: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Checkin(Base):
    __tablename__ = "mem_checkins"
    __table_args__ = (UniqueConstraint("merchant_id", "user_id", "day"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchants.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    day: Mapped[date] = mapped_column(Date)  # the China (UTC+8) calendar day
    streak: Mapped[int] = mapped_column(Integer)
    points: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class TierDef(Base):
    __tablename__ = "mem_tiers"
    __table_args__ = (UniqueConstraint("merchant_id", "rank"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchants.id"))
    rank: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(32))
    min_growth: Mapped[int] = mapped_column(BigInteger)
    discount_bps: Mapped[int] = mapped_column(Integer)
    free_shipping: Mapped[bool] = mapped_column(Boolean)
