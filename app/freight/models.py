"""Freight templates: a merchant's method and fees, its region groups (group
position 0 holds the default fees and no regions) and its region entries.
A region code stands in a template once: in one group, or with no group as
"not delivered" (a unique constraint backs it)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, BigId, UTCDateTime


class FreightTemplate(Base):
    __tablename__ = "freight_templates"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchants.id"), index=True)
    name: Mapped[str] = mapped_column(String(60))
    method: Mapped[str] = mapped_column(String(8))  # piece | weight | flat
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    groups: Mapped[list[FreightGroup]] = relationship(order_by="FreightGroup.position",
                                                      lazy="selectin", viewonly=True)
    regions: Mapped[list[FreightRegion]] = relationship(order_by="FreightRegion.region_code",
                                                        lazy="selectin", viewonly=True)


class FreightGroup(Base):
    __tablename__ = "freight_groups"
    __table_args__ = (
        UniqueConstraint("template_id", "position"),
        CheckConstraint("first_units >= 1 AND additional_units >= 1", name="units_positive"),
        CheckConstraint("first_fee_fen >= 0 AND additional_fee_fen >= 0", name="fees_not_negative"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("freight_templates.id"))
    position: Mapped[int] = mapped_column(Integer)  # 0: the default fees
    first_units: Mapped[int] = mapped_column(Integer)
    first_fee_fen: Mapped[int] = mapped_column(BigInteger)
    additional_units: Mapped[int] = mapped_column(Integer)
    additional_fee_fen: Mapped[int] = mapped_column(BigInteger)
    free_over_fen: Mapped[int | None] = mapped_column(BigInteger)
    free_over_count: Mapped[int | None] = mapped_column(Integer)


class FreightRegion(Base):
    __tablename__ = "freight_regions"
    __table_args__ = (UniqueConstraint("template_id", "region_code"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("freight_templates.id"))
    # None: the template does not deliver there
    group_id: Mapped[int | None] = mapped_column(ForeignKey("freight_groups.id"), index=True)
    region_code: Mapped[str] = mapped_column(String(6))
