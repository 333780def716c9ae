"""Search terms of products, buyers' favourites and browsing history."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, BigId, UTCDateTime


class SearchTerm(Base):
    """One term (rules.index_terms) a product's title is found by."""

    __tablename__ = "search_terms"

    term: Mapped[str] = mapped_column(String(24), primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), primary_key=True,
                                            index=True)


class Favourite(Base):
    __tablename__ = "favourites"
    __table_args__ = (UniqueConstraint("user_id", "product_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ProductView(Base):
    """A buyer's latest view of a product: viewing it again replaces the row,
    so a higher id is a later view."""

    __tablename__ = "product_views"
    __table_args__ = (UniqueConstraint("user_id", "product_id"),
                      Index("ix_product_views_user_id_id", "user_id", "id"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    viewed_at: Mapped[datetime] = mapped_column(UTCDateTime)
