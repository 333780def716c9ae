"""Coupon definitions and the coupons users hold.

`Coupon.claimed` can never pass `total` (a CHECK backs the guarded update);
a user's n-th copy of a coupon has `seq` n, unique per (coupon, user), and
never above the coupon's per-user limit, so a second claim over the limit
cannot be written even by racing requests. `grant_key` makes a grant by
another feature idempotent."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, BigId, UTCDateTime


class Coupon(Base):
    __tablename__ = "coupons"
    __table_args__ = (
        CheckConstraint("claimed >= 0 AND claimed <= total", name="claimed_within_total"),
        CheckConstraint("used >= 0 AND used <= claimed", name="used_within_claimed"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchants.id"), index=True)
    name: Mapped[str] = mapped_column(String(60))
    kind: Mapped[str] = mapped_column(String(16))  # amount_off | percent_off | no_threshold
    amount_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    percent_bps: Mapped[int] = mapped_column(Integer, default=0)
    cap_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    min_spend_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    scope: Mapped[str] = mapped_column(String(16), default="all")  # all | category | products
    product_ids: Mapped[list] = mapped_column(JSON, default=list)
    categories: Mapped[list] = mapped_column(JSON, default=list)
    total: Mapped[int] = mapped_column(Integer)
    per_user_limit: Mapped[int] = mapped_column(Integer, default=1)
    # validity: a window, or N days from claiming
    valid_from: Mapped[datetime | None] = mapped_column(UTCDateTime)
    valid_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    valid_days: Mapped[int | None] = mapped_column(Integer)
    # listed to buyers and claimable by them; False: handed out by grant only
    public: Mapped[bool] = mapped_column(Boolean, default=True)
    status: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    claimed: Mapped[int] = mapped_column(Integer, default=0)
    used: Mapped[int] = mapped_column(Integer, default=0)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class UserCoupon(Base):
    """One coupon a user holds; its validity is fixed when it is claimed."""

    __tablename__ = "user_coupons"
    __table_args__ = (
        UniqueConstraint("coupon_id", "user_id", "seq"),
        CheckConstraint("seq >= 1", name="seq_positive"),
        Index("ix_user_coupons_user_status", "user_id", "status"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    coupon_id: Mapped[int] = mapped_column(ForeignKey("coupons.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchants.id"))
    seq: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="unused")  # unused | used | expired
    valid_from: Mapped[datetime] = mapped_column(UTCDateTime)
    valid_until: Mapped[datetime] = mapped_column(UTCDateTime)
    source: Mapped[str] = mapped_column(String(16))  # claim | live_drop | segment | grant
    grant_key: Mapped[str | None] = mapped_column(String(80), unique=True)
    order_id: Mapped[int | None] = mapped_column(BigId, index=True)
    discount_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
