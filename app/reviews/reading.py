"""What buyers and the public read: a product's visible reviews and rating
summary, a buyer's own reviews, and the lines awaiting their review.

Visible means published (not held) and not hidden; the summary is computed
by one grouped query over visible reviews at read time, so it is exact
whatever writes race (nothing is maintained that could drift).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from app.catalog import service as catalog
from app.db import paginate
from app.orders.models import Order, OrderLine
from app.payments.models import Refund, RefundLine
from app.payments.refunds import LIVE
from app.reviews import rules
from app.reviews.models import Review


def visible():
    return and_(Review.status == rules.PUBLISHED, Review.hidden.is_(False))


def product_reviews(session: Session, product_id: int, *, list_filter: str, page: int,
                    per_page: int) -> tuple[list[Review], int]:
    """Newest first; `list_filter`: rules.LIST_FILTERS."""
    catalog.public_product(session, product_id)
    stmt = select(Review).where(Review.product_id == product_id, visible())
    if list_filter == "with_pictures":
        stmt = stmt.where(Review.has_pictures.is_(True))
    band = rules.rating_band(list_filter)
    if band is not None:
        stmt = stmt.where(Review.rating.between(*band))
    return paginate(session, stmt, order_by=Review.id.desc(), page=page, per_page=per_page)


def product_summary(session: Session, product_id: int) -> dict:
    catalog.public_product(session, product_id)
    where = (Review.product_id == product_id, visible())
    by_rating = dict(session.execute(select(Review.rating, func.count())
                                     .where(*where).group_by(Review.rating)).all())
    pictures = session.scalar(select(func.count()).select_from(Review)
                              .where(*where, Review.has_pictures.is_(True)))
    return {"product_id": product_id, **rules.summary(by_rating, pictures)}


def mine(session: Session, buyer_id: int, *, page: int, per_page: int):
    """Every review of the buyer, held and hidden ones too, newest first."""
    stmt = select(Review).where(Review.buyer_id == buyer_id)
    return paginate(session, stmt, order_by=Review.id.desc(), page=page, per_page=per_page)


def awaiting(session: Session, buyer_id: int, now: datetime, *, page: int, per_page: int):
    """The buyer's received lines (rules module docstring) not reviewed yet,
    still in the review window, units not all refunded; newest order first."""
    refunded = (select(func.coalesce(func.sum(RefundLine.quantity), 0))
                .join(Refund, Refund.id == RefundLine.refund_id)
                .where(RefundLine.order_line_id == OrderLine.id, Refund.status.in_(LIVE))
                .scalar_subquery())
    stmt = (select(OrderLine).join(Order, Order.id == OrderLine.order_id)
            .outerjoin(Review, Review.order_line_id == OrderLine.id)
            .where(Order.buyer_id == buyer_id, Order.status.in_(rules.RECEIVED_STATES),
                   Order.received_at >= now - rules.REVIEW_WINDOW, Review.id.is_(None),
                   refunded < OrderLine.quantity))
    return paginate(session, stmt, order_by=OrderLine.id.desc(), page=page, per_page=per_page)
