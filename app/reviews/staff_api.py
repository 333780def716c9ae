"""Merchant staff on their products' reviews: the queue, reply, hide and
unhide, approve held ones, the keyword list."""

from flask import g

from app import clock
from app.catalog.staff import staff_view
from app.reviews import keywords, moderation, present
from app.reviews.schemas import (
    KeywordsIn,
    KeywordsOut,
    QueueArgs,
    ReplyIn,
    StaffReviewOut,
    StaffReviewPage,
)
from app.schema import Blueprint, page_of

bp = Blueprint("staff_reviews", __name__, url_prefix="/api/v1/merchants/<int:merchant_id>",
               description="Merchant staff: reviews, replies, moderation.")
R = "/reviews/<int:review_id>"


@bp.get("/reviews")
@staff_view
@bp.arguments(QueueArgs, location="query")
@bp.response(200, StaffReviewPage)
def queue(args, merchant_id, session):
    """Every review of the merchant's products, newest first, filtered."""
    items, total = moderation.queue(session, merchant_id, args)
    return page_of([present.staff(r) for r in items], total, args)


@bp.put(f"{R}/reply")
@staff_view
@bp.arguments(ReplyIn)
@bp.response(200, StaffReviewOut)
def reply(data, merchant_id, review_id, session):
    """The merchant's one reply; a later one replaces it."""
    return present.staff(moderation.reply(session, merchant_id=merchant_id,
                                          review_id=review_id, content=data["content"],
                                          staff_id=g.user_id, now=clock.now()))


@bp.post(f"{R}/hide")
@staff_view
@bp.response(200, StaffReviewOut)
def hide(merchant_id, review_id, session):
    """Out of the public list and the summary (its author still sees it)."""
    return present.staff(moderation.set_hidden(session, merchant_id=merchant_id,
                                               review_id=review_id, hidden=True))


@bp.post(f"{R}/unhide")
@staff_view
@bp.response(200, StaffReviewOut)
def unhide(merchant_id, review_id, session):
    """Shown again, whether staff or buyers' reports hid it."""
    return present.staff(moderation.set_hidden(session, merchant_id=merchant_id,
                                               review_id=review_id, hidden=False))


@bp.post(f"{R}/approve")
@staff_view
@bp.response(200, StaffReviewOut)
def approve(merchant_id, review_id, session):
    """Publish what the keyword filter held (the review, its follow-up or both)."""
    return present.staff(moderation.approve(session, merchant_id=merchant_id,
                                            review_id=review_id))


@bp.get("/review-keywords")
@staff_view
@bp.response(200, KeywordsOut)
def get_keywords(merchant_id, session):
    """The merchant's blocked words, and the platform's."""
    return keywords.settings(session, merchant_id)


@bp.put("/review-keywords")
@staff_view
@bp.arguments(KeywordsIn)
@bp.response(200, KeywordsOut)
def put_keywords(data, merchant_id, session):
    """Replace the merchant's list; reviews written before keep their status."""
    return keywords.replace(session, merchant_id, data["words"])
