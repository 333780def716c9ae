"""Review rules. Pure: stdlib only.

A "received line" is an order line whose order is `received` or
`completed` (the buyer confirmed receipt, the carrier's "signed for" push
or a pickup code received it, or the after-sale window completed it) and
whose units are not all refunded (refunds processing or done); an order
refunded in full is `refunded` and so never reviewable. It may be reviewed
within REVIEW_WINDOW of the order's receipt, once.
"""

from __future__ import annotations

from datetime import datetime, timedelta

RECEIVED_STATES = frozenset({"received", "completed"})
ORDER_REFUNDED = "refunded"  # refunded in full: `line_refunded`, whatever it reached
REVIEW_WINDOW = timedelta(days=90)
FOLLOW_UP_WINDOW = timedelta(days=30)
MIN_RATING, MAX_RATING = 1, 5
TEXT_MAX = 500
REPLY_MAX = 500
REASON_MAX = 100
MAX_IMAGES = 9
KEYWORD_MAX = 20
MAX_KEYWORDS = 200
# this many reports by different buyers hide a review until staff look at it
AUTO_HIDE_REPORTS = 3
# 好评 4-5 stars, 中评 3, 差评 1-2 (as Taobao and JD count them)
GOOD_MIN, BAD_MAX = 4, 2

# moderation: shown publicly only when published (and not hidden)
PUBLISHED = "published"
PENDING = "pending"  # held by the keyword filter until staff approve it
STATUSES = (PUBLISHED, PENDING)
# why a review is hidden: staff hid it, or enough buyers reported it
HIDDEN_BY_STAFF = "staff"
HIDDEN_BY_REPORTS = "reports"

# what every merchant's filter holds besides its own words: taking buyers
# off the platform, fake orders
PLATFORM_KEYWORDS = ("加微信", "加我微信", "刷单", "好评返现")

LIST_FILTERS = ("all", "with_pictures", "good", "neutral", "bad")


def line_reviewable(order_status: str, units: int, refunded_units: int) -> bool:
    """A line of a received or completed order with units not all refunded."""
    return order_status in RECEIVED_STATES and refunded_units < units


def within_review_window(received_at: datetime | None, now: datetime) -> bool:
    return received_at is not None and now <= received_at + REVIEW_WINDOW


def within_follow_up_window(reviewed_at: datetime, now: datetime) -> bool:
    """One follow-up, at most FOLLOW_UP_WINDOW after the first review."""
    return now <= reviewed_at + FOLLOW_UP_WINDOW


def blocked_words(text: str, words: tuple[str, ...] | list[str]) -> list[str]:
    """The listed words found in `text` (case-insensitive), sorted; a text
    holding any is held for moderation."""
    folded = text.casefold()
    return sorted({w for w in words if w and w.casefold() in folded})


def normalise_keywords(words: list[str]) -> list[str]:
    """Stripped, blanks and repeats (case-insensitive) dropped, first spelling kept."""
    seen: dict[str, str] = {}
    for word in words:
        word = word.strip()
        if word and word.casefold() not in seen:
            seen[word.casefold()] = word
    return list(seen.values())


def mask_nickname(nickname: str) -> str:
    """An anonymous buyer as Taobao shows one: first and last character
    around three stars ("alice" -> "a***e"); one character -> "a***";
    none -> "***"."""
    if not nickname:
        return "***"
    if len(nickname) == 1:
        return nickname + "***"
    return nickname[0] + "***" + nickname[-1]


def summary(by_rating: dict[int, int], with_pictures: int) -> dict:
    """count; average to one decimal (half up, 0.0 with no review);
    distribution "1".."5"; good_rate_bps: the share of 4-5 star reviews in
    basis points, rounded down (10000 = all good; 0 with no review);
    with_pictures."""
    count = sum(by_rating.values())
    total = sum(r * n for r, n in by_rating.items())
    tenths = (20 * total + count) // (2 * count) if count else 0
    good = sum(n for r, n in by_rating.items() if r >= GOOD_MIN)
    return {"count": count, "average": tenths / 10,
            "distribution": {str(r): by_rating.get(r, 0)
                             for r in range(MIN_RATING, MAX_RATING + 1)},
            "good_rate_bps": good * 10000 // count if count else 0,
            "with_pictures": with_pictures}


def rating_band(list_filter: str) -> tuple[int, int] | None:
    """The ratings a list filter keeps (None: any)."""
    return {"good": (GOOD_MIN, MAX_RATING), "neutral": (BAD_MAX + 1, GOOD_MIN - 1),
            "bad": (MIN_RATING, BAD_MAX)}.get(list_filter)
