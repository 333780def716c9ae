"""A review's images: up to rules.MAX_IMAGES per part (the review, its
follow-up), the buyer's own uploads of purpose "review" (app/uploads'
claim: another's key, or one of another purpose, is `upload_not_found`;
a key given twice counts once). Shown as app/uploads' public() gives them."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.reviews import rules
from app.reviews.models import Review, ReviewImage
from app.uploads import service as uploads

PURPOSE = "review"


def claim(session: Session, keys: list[str], *, user_id: int) -> list:
    """The uploads `keys` name, checked before anything is written."""
    return uploads.claim(session, user_id=user_id, keys=keys, purpose=PURPOSE,
                         limit=rules.MAX_IMAGES)


def attach(session: Session, review: Review, part: str, claimed: list) -> None:
    session.add_all(ReviewImage(review_id=review.id, part=part, position=n, upload_id=u.id)
                    for n, u in enumerate(claimed))
    session.flush()
    session.refresh(review, ["images"])


def shown(review: Review, part: str) -> list[dict]:
    return [uploads.public(image.upload) for image in review.images if image.part == part]
