"""A buyer's writes: the review of a received line, its one follow-up, and
reports of others' reviews.

One review per line: the insert runs in a savepoint and the unique
constraint on order_line_id answers a racing second writer with
`already_reviewed`. Texts holding a blocked word (the platform's or the
merchant's) are held `pending` until staff approve them; the author still
sees them. A report is inserted once per (review, buyer) and counted with
one UPDATE; the AUTO_HIDE_REPORTS-th report hides the review until staff
look at it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db import insert_ignore
from app.orders.models import Order, OrderLine
from app.payments.refunds import line_states
from app.reviews import images, rules
from app.reviews.errors import (
    AlreadyReported,
    AlreadyReviewed,
    FollowUpExists,
    FollowUpWindowClosed,
    LineNotReceived,
    LineRefunded,
    OrderLineNotFound,
    OwnReviewNotReportable,
    ReviewNotFound,
    ReviewWindowClosed,
)
from app.reviews.keywords import blocked_for
from app.reviews.models import Review, ReviewReport


def _buyers_line(session: Session, buyer_id: int, line_id: int) -> tuple[Order, OrderLine]:
    line = session.get(OrderLine, line_id)
    order = session.get(Order, line.order_id) if line is not None else None
    if order is None or order.buyer_id != buyer_id:
        raise OrderLineNotFound(details={"order_line_id": line_id})
    return order, line


def check_reviewable(session: Session, order: Order, line: OrderLine, now: datetime) -> None:
    """rules.line_reviewable and the review window, or the code saying why not."""
    if order.status == rules.ORDER_REFUNDED:
        raise LineRefunded(details={"order_line_id": line.id})
    if order.status not in rules.RECEIVED_STATES:
        raise LineNotReceived(details={"order_status": order.status})
    refunded = line_states(session, order)[line.id].refunded_units
    if not rules.line_reviewable(order.status, line.quantity, refunded):
        raise LineRefunded(details={"order_line_id": line.id})
    if not rules.within_review_window(order.received_at, now):
        raise ReviewWindowClosed(details={"days": rules.REVIEW_WINDOW.days})


def create(session: Session, *, buyer_id: int, data: dict, now: datetime) -> Review:
    """`data`: order_line_id, rating, content, anonymous, images (upload keys)."""
    order, line = _buyers_line(session, buyer_id, data["order_line_id"])
    check_reviewable(session, order, line, now)
    if session.scalar(select(Review.id).where(Review.order_line_id == line.id)) is not None:
        raise AlreadyReviewed(details={"order_line_id": line.id})
    claimed = images.claim(session, data["images"], user_id=buyer_id)
    held = blocked_for(session, order.merchant_id, data["content"])
    review = Review(order_line_id=line.id, order_id=order.id, merchant_id=order.merchant_id,
                    product_id=line.product_id, sku_id=line.sku_id, buyer_id=buyer_id,
                    spec=line.spec, rating=data["rating"], content=data["content"],
                    anonymous=data["anonymous"], hidden=False, hidden_reason="",
                    report_count=0, status=rules.PENDING if held else rules.PUBLISHED,
                    has_pictures=bool(claimed), created_at=now)
    try:
        with session.begin_nested():
            session.add(review)
            session.flush()
    except IntegrityError as exc:
        raise AlreadyReviewed(details={"order_line_id": line.id}) from exc
    images.attach(session, review, "review", claimed)
    return review


def buyers_review(session: Session, buyer_id: int, review_id: int, *,
                  lock: bool = False) -> Review:
    stmt = select(Review).where(Review.id == review_id)
    if lock:
        stmt = stmt.with_for_update().execution_options(populate_existing=True)
    review = session.scalars(stmt).one_or_none()
    if review is None or review.buyer_id != buyer_id:
        raise ReviewNotFound(details={"review_id": review_id})
    return review


def follow_up(session: Session, *, buyer_id: int, review_id: int, data: dict,
              now: datetime) -> Review:
    """Once, within FOLLOW_UP_WINDOW of the review: text and images. The
    UPDATE only writes where no follow-up is, so a racing second one fails."""
    review = buyers_review(session, buyer_id, review_id, lock=True)
    if review.follow_up_status:
        raise FollowUpExists(details={"review_id": review.id})
    if not rules.within_follow_up_window(review.created_at, now):
        raise FollowUpWindowClosed(details={"days": rules.FOLLOW_UP_WINDOW.days})
    claimed = images.claim(session, data["images"], user_id=buyer_id)
    held = blocked_for(session, review.merchant_id, data["content"])
    status = rules.PENDING if held else rules.PUBLISHED
    written = session.execute(
        update(Review).where(Review.id == review.id, Review.follow_up_status == "")
        .values(follow_up_content=data["content"], follow_up_status=status, follow_up_at=now,
                has_pictures=review.has_pictures or bool(claimed))
        .execution_options(synchronize_session=False)).rowcount
    if written != 1:
        raise FollowUpExists(details={"review_id": review.id})
    session.refresh(review)
    images.attach(session, review, "follow_up", claimed)
    return review


def report(session: Session, *, user_id: int, review_id: int, reason: str,
           now: datetime) -> Review:
    """A buyer reports a review the public sees, once."""
    review = session.get(Review, review_id)
    if review is None or not _public(review):
        raise ReviewNotFound(details={"review_id": review_id})
    if review.buyer_id == user_id:
        raise OwnReviewNotReportable(details={"review_id": review_id})
    if not insert_ignore(session, ReviewReport, review_id=review_id, user_id=user_id,
                         reason=reason, created_at=now):
        raise AlreadyReported(details={"review_id": review_id})
    session.execute(update(Review).where(Review.id == review_id)
                    .values(report_count=Review.report_count + 1)
                    .execution_options(synchronize_session=False))
    session.execute(update(Review).where(Review.id == review_id,
                                         Review.report_count == rules.AUTO_HIDE_REPORTS,
                                         Review.hidden.is_(False))
                    .values(hidden=True, hidden_reason=rules.HIDDEN_BY_REPORTS)
                    .execution_options(synchronize_session=False))
    session.refresh(review)
    return review


def _public(review: Review) -> bool:
    return review.status == rules.PUBLISHED and not review.hidden
