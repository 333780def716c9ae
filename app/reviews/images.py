"""A review's images: up to rules.MAX_IMAGES uploads per part (the review,
its follow-up), claimed for the buyer with purpose "review"."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.reviews.models import Review

PURPOSE = "review"


def attach(session: Session, review: Review, part: str, keys: list[str], *,
           user_id: int) -> None:
    if keys:
        raise NotImplementedError("images arrive with app.uploads")


def shown(review: Review, part: str) -> list[dict]:
    return []
