"""Pure group-buy and bargain rules (stdlib only): cut draws, windows,
thresholds, leader succession, days for help caps."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

MIN_GROUP_SIZE, MAX_GROUP_SIZE = 2, 50
DEFAULT_VALIDITY = timedelta(hours=24)
MAX_HELPERS = 500
# Help caps count per calendar day in China Standard Time.
CST = timezone(timedelta(hours=8))

# group states
OPEN, COMPLETED, FAILED = "open", "completed", "failed"
# member states
HELD, RELEASED, PAID, DONE = "held", "released", "paid", "done"
REFUND_DUE, REFUNDING, REFUNDED = "refund_due", "refunding", "refunded"
SEATED = frozenset({HELD, PAID})
# bargain states
ACTIVE, BOUGHT = "active", "bought"


def draw_cuts(total_fen: int, n: int, rng: random.Random | None = None) -> list[int]:
    """N cuts of `total_fen` (start - floor): each >= 1 fen, summing exactly to
    the total, non-increasing (the first helpers cut most). Every cut gets 1
    fen; the rest is shared by random weights that fall with the position,
    rounded down; the remainder (< n fen) goes one fen each to the first cuts."""
    if n < 1 or total_fen < n:
        raise ValueError("need n >= 1 and at least 1 fen per cut")
    rng = rng or random.Random()
    rest = total_fen - n
    weights = [(n - i) * rng.randint(50, 150) for i in range(n)]
    total_w = sum(weights)
    shares = [rest * w // total_w for w in weights]
    for i in range(rest - sum(shares)):
        shares[i] += 1
    return sorted((1 + s for s in shares), reverse=True)


def in_window(starts_at: datetime, ends_at: datetime, now: datetime) -> bool:
    return starts_at <= now < ends_at


def activity_phase(status: str, starts_at: datetime, ends_at: datetime, now: datetime) -> str:
    """'ended' once its end has passed (whatever its status), 'running' while
    active inside its window, else 'inactive' (disabled or not started)."""
    if now >= ends_at:
        return "ended"
    if status == "active" and starts_at <= now:
        return "running"
    return "inactive"


def seats_left(size: int, taken: int) -> int:
    return max(size - taken, 0)


def virtually_complete(paid: int, size: int, threshold_pct: int) -> bool:
    """At expiry, a group with at least `threshold_pct` percent of its seats
    paid completes without fake members (0 = the option is off)."""
    return threshold_pct > 0 and paid > 0 and paid * 100 >= threshold_pct * size


def success_rate_bps(completed: int, failed: int) -> int:
    """Completed among closed groups, in basis points, rounded down."""
    closed = completed + failed
    return completed * 10_000 // closed if closed else 0


def leader_price(group_price_fen: int, leader_discount_fen: int) -> int:
    """The leader pays the group price less the discount, never under 1 fen."""
    return max(group_price_fen - leader_discount_fen, 1)


def next_leader(members: list[tuple[int, str]]) -> int | None:
    """Of (member id, status) in joining order, the first still seated."""
    return next((mid for mid, status in members if status in SEATED), None)


def help_day(now: datetime) -> str:
    return now.astimezone(CST).date().isoformat()


def can_buy(price_fen: int, floor_fen: int, buy_above_floor: bool) -> bool:
    return price_fen <= floor_fen or buy_above_floor


def to_ms(at: datetime) -> int:
    return int(at.timestamp() * 1000)


def nearest_full_key(paid: int, size: int, expires_at: datetime) -> tuple:
    """Sort key: fewest seats left first, then soonest to expire."""
    return (size - paid, expires_at)
