"""Group-buy and bargain tables. Money in int fen; times UTC. The database
is the truth; Redis seats and cuts are rebuilt from these rows."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, BigId, UTCDateTime


class GroupActivity(Base):
    __tablename__ = "gb_activities"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchants.id"), index=True)
    title: Mapped[str] = mapped_column(String(60))
    group_size: Mapped[int] = mapped_column(Integer)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    validity_s: Mapped[int] = mapped_column(Integer)
    per_user_limit: Mapped[int] = mapped_column(Integer)
    leader_discount_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    new_users_only: Mapped[bool] = mapped_column(Boolean, default=False)
    virtual_pct: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default="active")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    skus: Mapped[list[GroupSku]] = relationship(order_by="GroupSku.sku_id", lazy="selectin")


class GroupSku(Base):
    __tablename__ = "gb_activity_skus"
    __table_args__ = (UniqueConstraint("activity_id", "sku_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("gb_activities.id"), index=True)
    sku_id: Mapped[int] = mapped_column(ForeignKey("skus.id"), index=True)
    group_price_fen: Mapped[int] = mapped_column(BigInteger)


class Group(Base):
    __tablename__ = "gb_groups"
    __table_args__ = (Index("ix_gb_groups_sku_status", "sku_id", "status"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("gb_activities.id"), index=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchants.id"))
    sku_id: Mapped[int] = mapped_column(ForeignKey("skus.id"))
    size: Mapped[int] = mapped_column(Integer)
    leader_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(String(16), index=True)
    virtual: Mapped[bool] = mapped_column(Boolean, default=False)
    paid_count: Mapped[int] = mapped_column(Integer, default=0)
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class GroupMember(Base):
    __tablename__ = "gb_members"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("gb_groups.id"), index=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("gb_activities.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), unique=True)
    # the seat's id in Redis (held and paid hashes): releases and confirms
    # name the very seat they mean
    seat: Mapped[str] = mapped_column(String(24))
    is_leader: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), index=True)
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime)
    paid_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class BargainActivity(Base):
    __tablename__ = "bg_activities"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchants.id"), index=True)
    sku_id: Mapped[int] = mapped_column(ForeignKey("skus.id"))
    title: Mapped[str] = mapped_column(String(60))
    start_price_fen: Mapped[int] = mapped_column(BigInteger)
    floor_price_fen: Mapped[int] = mapped_column(BigInteger)
    helpers_needed: Mapped[int] = mapped_column(Integer)
    validity_s: Mapped[int] = mapped_column(Integer)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    start_limit: Mapped[int] = mapped_column(Integer)
    help_limit: Mapped[int] = mapped_column(Integer)
    daily_help_limit: Mapped[int] = mapped_column(Integer)
    buy_above_floor: Mapped[bool] = mapped_column(Boolean, default=False)
    # anti-fraud: helps from younger accounts are new; helps one sharer's
    # bargains may get per China day; the score at which a help is risky,
    # and what a risky help does: reduce (takes risky_cut_bps of its cut) or refuse
    min_account_age_s: Mapped[int] = mapped_column(Integer)
    sharer_daily_help_limit: Mapped[int] = mapped_column(Integer)
    risk_threshold: Mapped[int] = mapped_column(Integer)
    risk_action: Mapped[str] = mapped_column(String(8))
    risky_cut_bps: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="active")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Bargain(Base):
    __tablename__ = "bg_bargains"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("bg_activities.id"), index=True)
    starter_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    sku_id: Mapped[int] = mapped_column(ForeignKey("skus.id"))
    start_price_fen: Mapped[int] = mapped_column(BigInteger)
    floor_price_fen: Mapped[int] = mapped_column(BigInteger)
    price_fen: Mapped[int] = mapped_column(BigInteger)
    # the cuts drawn at start, comma-separated fen, in the order helpers take them
    cuts: Mapped[str] = mapped_column(Text)
    helps_count: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))


class BargainHelp(Base):
    """One help: what it took (`cut_fen`) of the cut at the head
    (`head_fen`; equal when it emptied it), where it came from, and its risk
    score with the reasons (comma-separated) as scored when it was made."""

    __tablename__ = "bg_helps"
    __table_args__ = (UniqueConstraint("bargain_id", "helper_id"),
                      Index("ix_bg_helps_helper_day", "helper_id", "day"),
                      Index("ix_bg_helps_starter_day", "starter_id", "day"),
                      Index("ix_bg_helps_device_day", "device_id", "day"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    bargain_id: Mapped[int] = mapped_column(ForeignKey("bg_bargains.id"), index=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("bg_activities.id"))
    helper_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    starter_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    cut_fen: Mapped[int] = mapped_column(BigInteger)
    head_fen: Mapped[int] = mapped_column(BigInteger)
    day: Mapped[str] = mapped_column(String(10))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    ip: Mapped[str | None] = mapped_column(String(45))
    device_id: Mapped[str | None] = mapped_column(String(64))
    risk_score: Mapped[int] = mapped_column(Integer)
    risk_reasons: Mapped[str] = mapped_column(String(100))
    risky: Mapped[bool] = mapped_column(Boolean)
