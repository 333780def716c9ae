"""Packages: what went out for an order, with which carrier and number, and
which order lines (and how many units of each) it carries. A tracking
number names one package (a carrier's number is unique per carrier)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, BigId, UTCDateTime


class Package(Base):
    __tablename__ = "packages"
    __table_args__ = (UniqueConstraint("carrier", "tracking_no"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    carrier: Mapped[str] = mapped_column(String(8))  # app/shipping/carriers.py code
    tracking_no: Mapped[str] = mapped_column(String(32))
    shipped_at: Mapped[datetime] = mapped_column(UTCDateTime)
    shipped_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    # where tracking last put it (app/tracking: collected, in_transit, ..., signed)
    state: Mapped[str] = mapped_column(String(24), default="", server_default="")
    signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # "" an order's own units; "exchange": units sent again for an after-sale
    # exchange (app/aftersales), never counted as the order's shipping
    purpose: Mapped[str] = mapped_column(String(16), default="", server_default="")

    lines: Mapped[list[PackageLine]] = relationship(order_by="PackageLine.order_line_id",
                                                    lazy="selectin")


class PackageLine(Base):
    __tablename__ = "package_lines"

    package_id: Mapped[int] = mapped_column(ForeignKey("packages.id"), primary_key=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_lines.id"), primary_key=True)
    quantity: Mapped[int] = mapped_column(Integer)
