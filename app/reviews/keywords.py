"""The keyword filter: the platform's words (rules.PLATFORM_KEYWORDS) and
each merchant's own list, which staff replace as a whole."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.reviews import rules
from app.reviews.models import ReviewKeyword


def merchant_words(session: Session, merchant_id: int) -> list[str]:
    return list(session.scalars(select(ReviewKeyword.word)
                                .where(ReviewKeyword.merchant_id == merchant_id)
                                .order_by(ReviewKeyword.id)))


def blocked_for(session: Session, merchant_id: int, text: str) -> list[str]:
    """The blocked words `text` holds, the platform's and the merchant's."""
    if not text:
        return []
    return rules.blocked_words(text, [*rules.PLATFORM_KEYWORDS,
                                      *merchant_words(session, merchant_id)])


def settings(session: Session, merchant_id: int) -> dict:
    return {"words": merchant_words(session, merchant_id),
            "platform_words": list(rules.PLATFORM_KEYWORDS)}


def replace(session: Session, merchant_id: int, words: list[str]) -> dict:
    """The merchant's list becomes `words` (stripped, repeats dropped; at
    most rules.MAX_KEYWORDS, which the schema checks); reviews already
    written keep their status."""
    words = rules.normalise_keywords(words)
    session.execute(delete(ReviewKeyword).where(ReviewKeyword.merchant_id == merchant_id))
    session.add_all(ReviewKeyword(merchant_id=merchant_id, word=w) for w in words)
    session.flush()
    return settings(session, merchant_id)
