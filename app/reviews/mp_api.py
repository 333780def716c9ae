"""Buyers' review views (/mp/v1): write a review of a received line, its
follow-up, report another's; read their own and the lines awaiting one.
A product's reviews and summary need no login, as the product does not."""

from flask import g

from app import clock
from app.auth.access import login_required
from app.db import transaction
from app.reviews import present, reading, writing
from app.reviews.schemas import (
    AwaitingPage,
    FollowUpIn,
    OwnReviewOut,
    OwnReviewPage,
    ProductReviewArgs,
    ProductReviewIn,
    ReportIn,
    ReviewPage,
    SummaryOut,
)
from app.schema import Blueprint, PageArgs, page_of

bp = Blueprint("mp_reviews", __name__, url_prefix="/mp/v1",
               description="Product reviews: write, follow up, report, read.")
R = "/reviews/<int:review_id>"


@bp.post("/reviews")
@login_required
@bp.arguments(ProductReviewIn)
@bp.response(201, OwnReviewOut)
def create(data):
    """Review one received line (its order `received` or `completed`, not
    every unit refunded), within 90 days of receipt, once. A text holding a
    blocked word is held (`status` pending) until staff approve it."""
    with transaction() as session:
        return present.own(writing.create(session, buyer_id=g.user_id, data=data,
                                          now=clock.now()))


@bp.get("/reviews/mine")
@login_required
@bp.arguments(PageArgs, location="query")
@bp.response(200, OwnReviewPage)
def mine(args):
    """The buyer's reviews, held and hidden ones too, newest first."""
    with transaction() as session:
        items, total = reading.mine(session, g.user_id, **args)
        return page_of([present.own(r) for r in items], total, args)


@bp.get("/reviews/awaiting")
@login_required
@bp.arguments(PageArgs, location="query")
@bp.response(200, AwaitingPage)
def awaiting(args):
    """Received lines not reviewed yet and still in the 90-day window."""
    with transaction() as session:
        items, total = reading.awaiting(session, g.user_id, clock.now(), **args)
        return page_of(items, total, args)


@bp.get(R)
@login_required
@bp.response(200, OwnReviewOut)
def get_review(review_id):
    """The buyer's own review (another buyer's is not found)."""
    with transaction() as session:
        return present.own(writing.buyers_review(session, g.user_id, review_id))


@bp.post(f"{R}/follow-up")
@login_required
@bp.arguments(FollowUpIn)
@bp.response(200, OwnReviewOut)
def follow_up(data, review_id):
    """The one follow-up (追评), within 30 days of the review."""
    with transaction() as session:
        return present.own(writing.follow_up(session, buyer_id=g.user_id, review_id=review_id,
                                             data=data, now=clock.now()))


@bp.post(f"{R}/report")
@login_required
@bp.arguments(ReportIn)
@bp.response(204)
def report(data, review_id):
    """Report a review the public sees, once per buyer; the third buyer's
    report hides it until staff look at it."""
    with transaction() as session:
        writing.report(session, user_id=g.user_id, review_id=review_id,
                       reason=data["reason"].strip(), now=clock.now())


@bp.get("/products/<int:product_id>/reviews")
@bp.arguments(ProductReviewArgs, location="query")
@bp.response(200, ReviewPage)
def product_reviews(args, product_id):
    """Published, unhidden reviews of a product on sale, newest first."""
    with transaction() as session:
        items, total = reading.product_reviews(
            session, product_id, list_filter=args["filter"], page=args["page"],
            per_page=args["per_page"])
        return page_of([present.public(r) for r in items], total, args)


@bp.get("/products/<int:product_id>/reviews/summary")
@bp.response(200, SummaryOut)
def product_summary(product_id):
    """Over published, unhidden reviews: count, average, 1-5 distribution,
    好评率 (4-5 stars), how many have pictures."""
    with transaction() as session:
        return reading.product_summary(session, product_id)
