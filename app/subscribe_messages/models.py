"""Subscription credits (one per user, event and target, with what is left),
messages (one per user and key: the same reminder never goes twice) and
start announcements (a sale's or room's start is announced once)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, BigId, UTCDateTime


class SubscriptionCredit(Base):
    """`remaining` one-time subscriptions of `event` for the target
    (target_kind "" and target_id 0: any target)."""

    __tablename__ = "notify_credits"
    __table_args__ = (
        UniqueConstraint("user_id", "event", "target_kind", "target_id"),
        CheckConstraint("remaining >= 0", name="remaining_not_negative"),
        Index("ix_notify_credits_target", "event", "target_kind", "target_id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    event: Mapped[str] = mapped_column(String(32))
    target_kind: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[int] = mapped_column(BigInteger)
    remaining: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Message(Base):
    """One message paid for with one credit. status: pending -> sending ->
    sent / refused (WeChat's 43101) / failed (credit returned) / interrupted
    (the worker died mid-call: it may have gone out, credit kept spent)."""

    __tablename__ = "notify_messages"
    __table_args__ = (
        UniqueConstraint("user_id", "key"),
        Index("ix_notify_messages_status", "status", "next_at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    key: Mapped[str] = mapped_column(String(128))
    event: Mapped[str] = mapped_column(String(32))
    target_kind: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[int] = mapped_column(BigInteger)
    merchant_id: Mapped[int | None] = mapped_column(ForeignKey("merchants.id"), index=True)
    credit_id: Mapped[int] = mapped_column(ForeignKey("notify_credits.id"))
    data: Mapped[str] = mapped_column(Text)  # JSON: what the trigger said
    status: Mapped[str] = mapped_column(String(12))
    sender: Mapped[str] = mapped_column(String(12), default="")
    errcode: Mapped[int | None] = mapped_column(Integer)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    next_at: Mapped[datetime] = mapped_column(UTCDateTime)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Announcement(Base):
    """A sale's or room's start reminders went out (at most once)."""

    __tablename__ = "notify_announcements"
    __table_args__ = (UniqueConstraint("event", "target_kind", "target_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    event: Mapped[str] = mapped_column(String(32))
    target_kind: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[int] = mapped_column(BigInteger)
    recipients: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
