"""Flash-sale activities and the orders they sold. The database is the truth:
`sold` counts units in held and paid orders and can never pass `quota` (a
CHECK backs the guarded update), whatever Redis says."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, BigId, UTCDateTime


class FlashActivity(Base):
    __tablename__ = "flash_activities"
    __table_args__ = (
        CheckConstraint("sold >= 0 AND sold <= quota", name="sold_within_quota"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchants.id"), index=True)
    sku_id: Mapped[int] = mapped_column(ForeignKey("skus.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    title: Mapped[str] = mapped_column(String(120))
    price_fen: Mapped[int] = mapped_column(BigInteger)
    quota: Mapped[int] = mapped_column(Integer)
    sold: Mapped[int] = mapped_column(Integer, default=0)
    per_user_limit: Mapped[int] = mapped_column(Integer)
    per_order_limit: Mapped[int] = mapped_column(Integer)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    slots: Mapped[str] = mapped_column(String(64), default="")  # '10:00-12:00,20:00-22:00'
    status: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    stopped_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # set once the unsold quota went back to the SKU (after the end or a stop)
    settled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    returned_to_sku: Mapped[int] = mapped_column(Integer, default=0)


class FlashOrder(Base):
    """One won grab: its order, its units and where they stand (rules.HELD,
    PAID, RETURNED). `grab_no` is the number the grab script gave the win."""

    __tablename__ = "flash_orders"
    __table_args__ = (
        Index("uq_flash_orders_activity_grab", "activity_id", "grab_no", unique=True),
        Index("ix_flash_orders_activity_buyer", "activity_id", "buyer_id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("flash_activities.id"))
    grab_no: Mapped[int] = mapped_column(BigInteger)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), unique=True)
    buyer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    quantity: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(12), default="held")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
