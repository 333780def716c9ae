"""After-sale requests, their lines and timeline, and each merchant's
after-sale settings. Amounts in int fen."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, BigId, UTCDateTime


class AfterSale(Base):
    __tablename__ = "after_sales"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchants.id"), index=True)
    buyer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # rules.KINDS
    status: Mapped[str] = mapped_column(String(16), index=True)  # rules.STATES
    reason_code: Mapped[str] = mapped_column(String(32))
    description: Mapped[str] = mapped_column(String(500), default="")
    photos: Mapped[str] = mapped_column(Text, default="")  # upload keys, one a line
    # goods the units paid for (their cap), what the buyer asked, what the
    # merchant proposed or agreed (never above the cap)
    cap_fen: Mapped[int] = mapped_column(BigInteger)
    asked_fen: Mapped[int] = mapped_column(BigInteger)
    agreed_fen: Mapped[int | None] = mapped_column(BigInteger)
    proposed_fen: Mapped[int | None] = mapped_column(BigInteger)
    reject_reason: Mapped[str] = mapped_column(String(200), default="")
    return_carrier: Mapped[str] = mapped_column(String(8), default="")
    return_tracking_no: Mapped[str] = mapped_column(String(32), default="")
    restock: Mapped[bool] = mapped_column(Boolean, default=True)
    refund_id: Mapped[int | None] = mapped_column(BigId)  # app.payments Refund.id
    exchange_package_id: Mapped[int | None] = mapped_column(BigId)
    # when the state's clock runs out (None: no clock in this state)
    deadline_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    lines: Mapped[list[AfterSaleLine]] = relationship(order_by="AfterSaleLine.id",
                                                      lazy="selectin")
    events: Mapped[list[AfterSaleEvent]] = relationship(order_by="AfterSaleEvent.id",
                                                        lazy="selectin")

    @property
    def amount_fen(self) -> int:
        """What a refund of this request gives back for the goods."""
        return self.agreed_fen if self.agreed_fen is not None else self.asked_fen

    @property
    def photo_keys(self) -> list[str]:
        return [k for k in self.photos.split("\n") if k]


class AfterSaleLine(Base):
    __tablename__ = "after_sale_lines"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    after_sale_id: Mapped[int] = mapped_column(ForeignKey("after_sales.id"), index=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_lines.id"), index=True)
    quantity: Mapped[int] = mapped_column(Integer)
    cap_fen: Mapped[int] = mapped_column(BigInteger)


class AfterSaleEvent(Base):
    """The timeline: who did what, when."""

    __tablename__ = "after_sale_events"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    after_sale_id: Mapped[int] = mapped_column(ForeignKey("after_sales.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(16))  # buyer | merchant | system
    action: Mapped[str] = mapped_column(String(24))
    status: Mapped[str] = mapped_column(String(16))  # the state after it
    note: Mapped[str] = mapped_column(String(200), default="")
    amount_fen: Mapped[int | None] = mapped_column(BigInteger)


class AfterSaleSettings(Base):
    """A merchant's return address, reason list and deadlines (defaults in rules)."""

    __tablename__ = "after_sale_settings"

    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchants.id"), primary_key=True)
    return_recipient: Mapped[str] = mapped_column(String(25), default="")
    return_phone: Mapped[str] = mapped_column(String(20), default="")
    return_address: Mapped[str] = mapped_column(String(200), default="")
    reasons: Mapped[str] = mapped_column(Text, default="")  # "code\tlabel" lines
    review_hours: Mapped[int] = mapped_column(Integer)
    ship_days: Mapped[int] = mapped_column(Integer)
    confirm_days: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
