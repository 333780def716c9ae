"""Reviews, their images, buyers' reports and merchants' keyword lists.

One review per order line (a unique constraint: racing writers get one
row). The follow-up and the merchant's reply live on the review (one of
each). Images are the buyer's uploads (app/uploads, purpose "review"), in
`position` order per part (the review, its follow-up).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, SmallInteger, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import User
from app.catalog.models import Product
from app.db import Base, BigId, UTCDateTime
from app.uploads.models import Upload


class Review(Base):
    __tablename__ = "reviews"
    __table_args__ = (Index("ix_reviews_product_public", "product_id", "status", "hidden"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_lines.id"), unique=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchants.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    sku_id: Mapped[int] = mapped_column(ForeignKey("skus.id"))
    buyer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    spec: Mapped[str] = mapped_column(String(120), default="")  # the line's SKU spec
    rating: Mapped[int] = mapped_column(SmallInteger)
    content: Mapped[str] = mapped_column(String(500), default="")
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    # rules.STATUSES: published, or pending (held by the keyword filter)
    status: Mapped[str] = mapped_column(String(16))
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    hidden_reason: Mapped[str] = mapped_column(String(16), default="")  # staff | reports
    report_count: Mapped[int] = mapped_column(Integer, default=0)
    has_pictures: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # the one follow-up (追评): "" status until written
    follow_up_content: Mapped[str] = mapped_column(String(500), default="")
    follow_up_status: Mapped[str] = mapped_column(String(16), default="")
    follow_up_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # the merchant's one reply (replaced by a later one)
    reply_content: Mapped[str] = mapped_column(String(500), default="")
    replied_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    replied_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    images: Mapped[list[ReviewImage]] = relationship(
        order_by="(ReviewImage.part, ReviewImage.position)", lazy="selectin")
    buyer: Mapped[User] = relationship(foreign_keys=[buyer_id], lazy="selectin", viewonly=True)
    product: Mapped[Product] = relationship(lazy="selectin", viewonly=True)


class ReviewImage(Base):
    __tablename__ = "review_images"
    __table_args__ = (UniqueConstraint("review_id", "part", "position"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id"), index=True)
    part: Mapped[str] = mapped_column(String(16))  # review | follow_up
    position: Mapped[int] = mapped_column(SmallInteger)
    upload_id: Mapped[int] = mapped_column(ForeignKey("uploads.id"), index=True)

    upload: Mapped[Upload] = relationship(lazy="selectin", viewonly=True)


class ReviewReport(Base):
    """One report per buyer per review."""

    __tablename__ = "review_reports"
    __table_args__ = (UniqueConstraint("review_id", "user_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ReviewKeyword(Base):
    """A merchant's own blocked words (the platform's are in rules)."""

    __tablename__ = "review_keywords"
    __table_args__ = (UniqueConstraint("merchant_id", "word"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchants.id"), index=True)
    word: Mapped[str] = mapped_column(String(20))
