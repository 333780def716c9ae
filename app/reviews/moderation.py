"""Merchant staff on their reviews: the queue, the reply, hide and unhide,
approving what the keyword filter held. Another merchant's review is not
found (`review_not_found`), as another merchant's order is.

- Reply: one per review; a later reply replaces it (the time is the
  latest's). Shown once the review is.
- Hide: out of the public list and the summary; the author still sees it.
  Unhide brings it back (whether staff or reports hid it); the reports stay.
- Approve: the held review, or its held follow-up, or both, become
  published; nothing held is `review_not_pending`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import paginate
from app.reviews import rules
from app.reviews.errors import ReviewNotFound, ReviewNotPending
from app.reviews.models import Review


def queue(session: Session, merchant_id: int, args: dict):
    """Newest first; filters (each optional): product_id, rating, status
    (published | pending: the review or its follow-up held), hidden,
    reported (at least one report), with_pictures."""
    stmt = select(Review).where(Review.merchant_id == merchant_id)
    if "product_id" in args:
        stmt = stmt.where(Review.product_id == args["product_id"])
    if "rating" in args:
        stmt = stmt.where(Review.rating == args["rating"])
    if args.get("status") == rules.PENDING:
        stmt = stmt.where((Review.status == rules.PENDING)
                          | (Review.follow_up_status == rules.PENDING))
    elif args.get("status") == rules.PUBLISHED:
        stmt = stmt.where(Review.status == rules.PUBLISHED,
                          Review.follow_up_status != rules.PENDING)
    if "hidden" in args:
        stmt = stmt.where(Review.hidden.is_(args["hidden"]))
    if "reported" in args:
        stmt = stmt.where((Review.report_count > 0) if args["reported"]
                          else (Review.report_count == 0))
    if "with_pictures" in args:
        stmt = stmt.where(Review.has_pictures.is_(args["with_pictures"]))
    return paginate(session, stmt, order_by=Review.id.desc(), page=args["page"],
                    per_page=args["per_page"])


def merchants_review(session: Session, merchant_id: int, review_id: int) -> Review:
    review = session.scalars(select(Review).where(Review.id == review_id).with_for_update()
                             .execution_options(populate_existing=True)).one_or_none()
    if review is None or review.merchant_id != merchant_id:
        raise ReviewNotFound(details={"review_id": review_id})
    return review


def reply(session: Session, *, merchant_id: int, review_id: int, content: str,
          staff_id: int, now: datetime) -> Review:
    review = merchants_review(session, merchant_id, review_id)
    review.reply_content, review.replied_at, review.replied_by = content, now, staff_id
    session.flush()
    return review


def set_hidden(session: Session, *, merchant_id: int, review_id: int, hidden: bool) -> Review:
    """Idempotent: hiding a hidden review (or unhiding a shown one) changes nothing."""
    review = merchants_review(session, merchant_id, review_id)
    if review.hidden != hidden:
        review.hidden = hidden
        review.hidden_reason = rules.HIDDEN_BY_STAFF if hidden else ""
        session.flush()
    return review


def approve(session: Session, *, merchant_id: int, review_id: int) -> Review:
    review = merchants_review(session, merchant_id, review_id)
    if rules.PENDING not in (review.status, review.follow_up_status):
        raise ReviewNotPending(details={"review_id": review_id})
    review.status = rules.PUBLISHED
    if review.follow_up_status == rules.PENDING:
        review.follow_up_status = rules.PUBLISHED
    session.flush()
    return review
