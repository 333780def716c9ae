"""Orders and their lines. Amounts in int fen; the source fields say where
the sale came from (room and host, share and sharer, community and leader,
coupon), for reports and commission."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import User
from app.db import Base, BigId, UTCDateTime


class Order(Base):
    __tablename__ = "orders"
    # a buyer's idempotency key names one order (NULLs, for orders made
    # without one, never collide)
    __table_args__ = (Index("uq_orders_buyer_request", "buyer_id", "request_id", unique=True),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    buyer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchants.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16), default="normal")
    status: Mapped[str] = mapped_column(String(24), index=True)
    goods_fen: Mapped[int] = mapped_column(BigInteger)
    postage_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    discount_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    total_fen: Mapped[int] = mapped_column(BigInteger)
    # refunds that succeeded, and where refunding stands (rules.REFUND_STATES)
    refunded_fen: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    refund_status: Mapped[str] = mapped_column(String(24), default="", server_default="")
    remark: Mapped[str] = mapped_column(String(200), default="")
    pay_deadline: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    paid_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    shipped_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    received_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancel_reason: Mapped[str] = mapped_column(String(32), default="")
    carrier: Mapped[str] = mapped_column(String(40), default="")
    tracking_no: Mapped[str] = mapped_column(String(64), default="")
    # where the sale came from
    room_id: Mapped[int | None] = mapped_column(BigId, index=True)
    host_id: Mapped[int | None] = mapped_column(BigId)
    share_id: Mapped[int | None] = mapped_column(BigId, index=True)
    sharer_id: Mapped[int | None] = mapped_column(BigId)
    community_id: Mapped[int | None] = mapped_column(BigId, index=True)
    leader_id: Mapped[int | None] = mapped_column(BigId)
    coupon_id: Mapped[int | None] = mapped_column(BigId)
    # where the goods go: "express" to the ship-to below, or "pickup" at the
    # community point named by community_id/leader_id. The ship-to is a copy
    # taken from the buyer's address (app/orders/delivery.py), so editing or
    # deleting the address never changes it; "" until one is given (a pickup
    # order keeps only a contact's name and phone, if any).
    delivery_kind: Mapped[str] = mapped_column(String(16), default="express",
                                               server_default="express")
    ship_to_name: Mapped[str] = mapped_column(String(25), default="", server_default="")
    ship_to_phone: Mapped[str] = mapped_column(String(11), default="", server_default="")
    ship_to_province: Mapped[str] = mapped_column(String(40), default="", server_default="")
    ship_to_city: Mapped[str] = mapped_column(String(40), default="", server_default="")
    ship_to_district: Mapped[str] = mapped_column(String(40), default="", server_default="")
    ship_to_region_code: Mapped[str] = mapped_column(String(6), default="", server_default="")
    ship_to_detail: Mapped[str] = mapped_column(String(120), default="", server_default="")
    # the client's idempotency key, and a digest of what that request asked
    # (the same key asking for something else is refused)
    request_id: Mapped[str | None] = mapped_column(String(64))
    request_digest: Mapped[str | None] = mapped_column(String(64))

    lines: Mapped[list[OrderLine]] = relationship(order_by="OrderLine.id", lazy="selectin")
    # loaded only where read (staff views show the buyer's nickname)
    buyer: Mapped[User] = relationship(lazy="select", viewonly=True)

    @property
    def ship_to(self) -> dict | None:
        """The copied ship-to (or a pickup contact); None if none was given."""
        return ship_to_of({c: getattr(self, c) for c in SHIP_TO.values()})


# the ship-to as OrderOut shows it: its keys and the order columns they copy
SHIP_TO = {"recipient": "ship_to_name", "phone": "ship_to_phone",
           "province": "ship_to_province", "city": "ship_to_city",
           "district": "ship_to_district", "region_code": "ship_to_region_code",
           "detail": "ship_to_detail"}


def ship_to_of(values: dict) -> dict | None:
    """An order's ship-to from its column values; None if none was given."""
    if not values["ship_to_name"]:
        return None
    return {key: values[column] for key, column in SHIP_TO.items()}


class OrderLine(Base):
    __tablename__ = "order_lines"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    sku_id: Mapped[int] = mapped_column(ForeignKey("skus.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    title: Mapped[str] = mapped_column(String(120))
    spec: Mapped[str] = mapped_column(String(120), default="")
    unit_price_fen: Mapped[int] = mapped_column(BigInteger)
    quantity: Mapped[int] = mapped_column(Integer)
    amount_fen: Mapped[int] = mapped_column(BigInteger)
