"""Flash-sale rules: what a valid activity is, when it is open, and what the
grab script's answers mean. Pure: the stdlib and the core's time units.

Times are timezone-aware UTC; daily slots are wall-clock times in China
Standard Time (UTC+8, no daylight saving), the merchants' clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from app.clock import CHINA, to_ms, to_ms_delta  # noqa: F401 - the core's time units

SLOT_TZ = CHINA  # daily slots are China time
MAX_QUOTA = 1_000_000
MAX_LIMIT = 99
MAX_SLOTS = 4
MAX_WINDOW = timedelta(days=90)

# statuses kept in the database; the phase is derived from them and the clock
DRAFT, PUBLISHED, STOPPED = "draft", "published", "stopped"
UPCOMING, OPEN, BETWEEN, ENDED = "upcoming", "open", "between_slots", "ended"

# a grab token lives this long (app clock); Redis drops it a little later
TOKEN_TTL = timedelta(seconds=60)
# per user and activity: a bucket of RATE_BURST grabs refilled one per RATE_REFILL_MS
RATE_BURST = 5
RATE_REFILL_MS = 500

# held: ordered, unpaid; paid; returned: the order was cancelled, units back
HELD, PAID, RETURNED = "held", "paid", "returned"
TAKEN_STATES = (HELD, PAID)


class Invalid(ValueError):
    """A field that breaks a rule: `field` names it for the error details."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field, self.message = field, message


@dataclass(frozen=True)
class Terms:
    price_fen: int
    quota: int
    per_user_limit: int
    per_order_limit: int
    starts_at: datetime
    ends_at: datetime
    slots: tuple[tuple[time, time], ...] = ()


def check_terms(terms: Terms, *, list_price_fen: int) -> None:
    """Raise Invalid for the first rule the terms break."""
    if not 1 <= terms.price_fen <= list_price_fen:
        raise Invalid("price_fen", f"The flash price must be 1..{list_price_fen} fen "
                                   "(not above the normal price).")
    if not 1 <= terms.quota <= MAX_QUOTA:
        raise Invalid("quota", f"The quota must be 1..{MAX_QUOTA}.")
    if not 1 <= terms.per_user_limit <= MAX_LIMIT:
        raise Invalid("per_user_limit", f"The per-user limit must be 1..{MAX_LIMIT}.")
    if not 1 <= terms.per_order_limit <= terms.per_user_limit:
        raise Invalid("per_order_limit", "The per-order limit must be 1..per_user_limit.")
    if terms.ends_at <= terms.starts_at:
        raise Invalid("ends_at", "The sale must end after it starts.")
    if terms.ends_at - terms.starts_at > MAX_WINDOW:
        raise Invalid("ends_at", "A sale lasts at most 90 days.")
    check_slots(terms.slots)
    if not open_intervals(terms):
        raise Invalid("slots", "No slot falls inside the sale's window.")


def check_slots(slots: tuple[tuple[time, time], ...]) -> None:
    if len(slots) > MAX_SLOTS:
        raise Invalid("slots", f"At most {MAX_SLOTS} daily slots.")
    ordered = sorted(slots)
    for start, end in ordered:
        if end <= start:
            raise Invalid("slots", "A slot must end after it starts, on the same day.")
    for (_, end), (start, _) in zip(ordered, ordered[1:], strict=False):
        if start < end:
            raise Invalid("slots", "Daily slots must not overlap.")


def parse_slot(text: str) -> tuple[time, time]:
    """'10:00-12:00' -> (10:00, 12:00); raises Invalid."""
    try:
        start, end = text.split("-")
        return time.fromisoformat(start.strip()), time.fromisoformat(end.strip())
    except ValueError as exc:
        raise Invalid("slots", f"{text!r} is not a slot like '10:00-12:00'.") from exc


def format_slots(slots: tuple[tuple[time, time], ...]) -> str:
    return ",".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in sorted(slots))


def parse_slots(text: str) -> tuple[tuple[time, time], ...]:
    return tuple(parse_slot(part) for part in text.split(",") if part.strip())


def open_intervals(terms: Terms) -> list[tuple[datetime, datetime]]:
    """The UTC intervals when the sale is open: the window, cut to the daily
    slots when there are any."""
    if not terms.slots:
        return [(terms.starts_at, terms.ends_at)]
    intervals = []
    day = terms.starts_at.astimezone(SLOT_TZ).date()
    last = terms.ends_at.astimezone(SLOT_TZ).date()
    while day <= last:
        for start, end in sorted(terms.slots):
            a = datetime.combine(day, start, SLOT_TZ).astimezone(UTC)
            b = datetime.combine(day, end, SLOT_TZ).astimezone(UTC)
            a, b = max(a, terms.starts_at), min(b, terms.ends_at)
            if a < b:
                intervals.append((a, b))
        day += timedelta(days=1)
    return intervals


def phase(status: str, intervals: list[tuple[datetime, datetime]], now: datetime) -> str:
    """draft / stopped / upcoming / open / between_slots / ended."""
    if status in (DRAFT, STOPPED):
        return status
    if not intervals or now >= intervals[-1][1]:
        return ENDED
    if now < intervals[0][0]:
        return UPCOMING
    if any(a <= now < b for a, b in intervals):
        return OPEN
    return BETWEEN


def next_open(intervals: list[tuple[datetime, datetime]], now: datetime) -> datetime | None:
    """When the sale next opens (None when it is open now or over)."""
    return next((a for a, _ in intervals if a > now), None)


def editable(status: str, starts_at: datetime, now: datetime) -> bool:
    """Terms change only before the sale starts."""
    return status == DRAFT or (status == PUBLISHED and now < starts_at)

