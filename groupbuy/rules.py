"""Pure group-buy and bargain rules (the stdlib and the core's time and
money units): cut draws, windows, thresholds, leader succession, days for
help caps, the risk of a help and what a risky help takes, and a bargain's
cuts rebuilt from its helps."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.clock import china_day
from app.money import BPS

MIN_GROUP_SIZE, MAX_GROUP_SIZE = 2, 50
DEFAULT_VALIDITY = timedelta(hours=24)
MAX_HELPERS = 500
# Help caps count per calendar day in China Standard Time.

# group states
OPEN, COMPLETED, FAILED = "open", "completed", "failed"
# member states
HELD, RELEASED, PAID, DONE = "held", "released", "paid", "done"
REFUND_DUE, REFUNDING, REFUNDED = "refund_due", "refunding", "refunded"
SEATED = frozenset({HELD, PAID})
# bargain states
ACTIVE, BOUGHT = "active", "bought"
# how staff filter bargains: running (active, not expired), expired unbought, bought
EXPIRED = "expired"
BARGAIN_FILTERS = (ACTIVE, EXPIRED, BOUGHT)


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
    return china_day(now).isoformat()


def can_buy(price_fen: int, floor_fen: int, buy_above_floor: bool) -> bool:
    return price_fen <= floor_fen or buy_above_floor



def nearest_full_key(paid: int, size: int, expires_at: datetime) -> tuple:
    """Sort key: fewest seats left first, then soonest to expire."""
    return (size - paid, expires_at)


# ---- the risk of a help
REDUCE, REFUSE = "reduce", "refuse"  # what a risky help does (the activity says)
RISK_ACTIONS = (REDUCE, REFUSE)
MAX_SCORE = 100
NEW_ACCOUNT, NO_DEVICE = "new_account", "no_device"
DEVICE_REPEAT, IP_REPEAT, DEVICE_SHARED = "device_repeat", "ip_repeat", "device_shared"
# each reason's weight; the default threshold (50) makes any one of the first
# three risky alone: one help per account age, device and IP per bargain and day
WEIGHTS = {NEW_ACCOUNT: 50, DEVICE_REPEAT: 60, IP_REPEAT: 50, DEVICE_SHARED: 40,
           NO_DEVICE: 20}
DEFAULT_MIN_ACCOUNT_AGE_S = 86_400
DEFAULT_RISK_THRESHOLD = 50
DEFAULT_RISKY_CUT_BPS = 2_000
DEFAULT_SHARER_DAILY_HELPS = 100


@dataclass(frozen=True)
class HelpSignals:
    """What is known of a help when it is asked for ("today": the China day)."""

    account_age_s: int
    has_device: bool
    device_helps: int  # earlier helps on this bargain today from the same device
    ip_helps: int  # earlier helps on this bargain today from the same IP
    device_accounts: int  # other accounts that helped from the same device today


@dataclass(frozen=True)
class Risk:
    score: int  # 0..100
    reasons: tuple[str, ...]  # in WEIGHTS order


def help_risk(signals: HelpSignals, min_account_age_s: int) -> Risk:
    """Every reason that applies adds its weight; the score is capped at 100.
    An account younger than the minimum is new; a help without a device id
    cannot be tied to one; a device or IP that already helped this bargain
    today repeats; a device other accounts helped from today is shared."""
    found = {NEW_ACCOUNT: signals.account_age_s < min_account_age_s,
             DEVICE_REPEAT: signals.device_helps > 0,
             IP_REPEAT: signals.ip_helps > 0,
             DEVICE_SHARED: signals.device_accounts > 0,
             NO_DEVICE: not signals.has_device}
    reasons = tuple(r for r in WEIGHTS if found[r])
    return Risk(min(MAX_SCORE, sum(WEIGHTS[r] for r in reasons)), reasons)


def is_risky(score: int, threshold: int) -> bool:
    return score >= threshold


def share_bps(risky: bool, risky_cut_bps: int) -> int:
    """The share of the next cut a help takes: all of it, or for a risky
    help the activity's reduced share."""
    return risky_cut_bps if risky else BPS


def taken_of(head_fen: int, bps: int) -> int:
    """What a help taking `bps` of the cut at the head gets, rounded down; the
    rest stays at the head for the next helper. Below 10000 bps a help never
    empties a cut, so risky helps alone never bring a bargain to its floor."""
    return head_fen * bps // BPS


def take_next(cuts: list[int], bps: int) -> tuple[int, list[int]]:
    """One help on the cuts left (next first), as lua/cut_take.lua does it:
    (fen taken, the cuts left after). Emptied, the head goes; else the rest
    of it stays at the head."""
    if not cuts:
        return 0, []
    taken = taken_of(cuts[0], bps)
    return taken, cuts[1:] if taken >= cuts[0] else [cuts[0] - taken, *cuts[1:]]


def remaining_cuts(cuts: list[int], left_fen: int, emptied: int) -> list[int]:
    """The cuts still to take once helps took all but `left_fen` and emptied
    `emptied` cuts: the drawn tail, its head made up to `left_fen` (each at
    least 1 fen, summing exactly to `left_fen`; never more cuts than left)."""
    if left_fen <= 0:
        return []
    count = max(len(cuts) - emptied, 1)
    tail = cuts[len(cuts) - count + 1:] if count > 1 else []
    while tail and sum(tail) >= left_fen:
        tail = tail[1:]
    return [left_fen - sum(tail), *tail]
