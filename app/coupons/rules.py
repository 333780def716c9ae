"""Coupon rules, pure (the stdlib and the core's money units): what a coupon
takes off, which lines it covers, whether it can be used at a given time,
and the terms' checks.

Money is int fen and rates int bps. A percent discount rounds down (the
buyer pays the odd fen). No discount ever exceeds the goods it covers nor
the room the order has left (`room_fen`, the one-fen floor)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from app.money import BPS

AMOUNT_OFF, PERCENT_OFF, NO_THRESHOLD = "amount_off", "percent_off", "no_threshold"
KINDS = (AMOUNT_OFF, PERCENT_OFF, NO_THRESHOLD)
SCOPE_ALL, SCOPE_CATEGORY, SCOPE_PRODUCTS = "all", "category", "products"
SCOPES = (SCOPE_ALL, SCOPE_CATEGORY, SCOPE_PRODUCTS)
DRAFT, ACTIVE, STOPPED = "draft", "active", "stopped"
STATUSES = (DRAFT, ACTIVE, STOPPED)
# draft -> active -> stopped; a stopped coupon stays stopped (coupons already
# held stay usable until they expire).
TRANSITIONS = {DRAFT: {ACTIVE, STOPPED}, ACTIVE: {STOPPED}, STOPPED: set()}
UNUSED, USED, EXPIRED = "unused", "used", "expired"
HELD_STATUSES = (UNUSED, USED, EXPIRED)
SOURCES = ("claim", "live_drop", "segment", "grant")
MAX_PER_USER = 100


class Refused(Exception):
    """A rule said no; `reason` is the stable word for why."""

    def __init__(self, reason: str, **details):
        super().__init__(reason)
        self.reason, self.details = reason, details


@dataclass(frozen=True)
class Terms:
    kind: str
    amount_fen: int = 0
    percent_bps: int = 0
    cap_fen: int = 0
    min_spend_fen: int = 0
    scope: str = SCOPE_ALL
    product_ids: tuple[int, ...] = ()
    categories: tuple[str, ...] = ()


@dataclass(frozen=True)
class Line:
    product_id: int
    category: str
    amount_fen: int


def check_terms(t: Terms) -> None:
    """Raises Refused naming the first bad term."""
    if t.kind not in KINDS:
        raise Refused("kind")
    if t.kind in (AMOUNT_OFF, NO_THRESHOLD) and t.amount_fen < 1:
        raise Refused("amount_fen", rule="an amount coupon takes at least 1 fen off")
    if t.kind == AMOUNT_OFF and t.min_spend_fen <= t.amount_fen:
        raise Refused("min_spend_fen", rule="the minimum spend must be above the amount off")
    if t.kind == NO_THRESHOLD and t.min_spend_fen:
        raise Refused("min_spend_fen", rule="a no-threshold coupon has no minimum spend")
    if t.kind == PERCENT_OFF and not (0 < t.percent_bps < BPS and t.cap_fen > 0):
        raise Refused("percent_bps", rule="percent off needs 1..9999 bps and a cap above 0")
    if t.scope == SCOPE_CATEGORY and not t.categories:
        raise Refused("categories", rule="a category coupon names at least one category")
    if t.scope == SCOPE_PRODUCTS and not t.product_ids:
        raise Refused("product_ids", rule="a products coupon names at least one product")


def check_limits(total: int, per_user_limit: int, claimed: int = 0) -> None:
    if total < max(1, claimed):
        raise Refused("total", rule="at least 1 and not below what was claimed",
                      claimed=claimed)
    if not 1 <= per_user_limit <= min(total, MAX_PER_USER):
        raise Refused("per_user_limit", rule=f"1..{MAX_PER_USER}, not above the total")


def check_validity(valid_from: datetime | None, valid_until: datetime | None,
                   valid_days: int | None) -> None:
    """Either a window (from < until) or N days from claiming, not both."""
    window = valid_from is not None or valid_until is not None
    if window == (valid_days is not None):
        raise Refused("validity", rule="give valid_from and valid_until, or valid_days")
    if window and (valid_from is None or valid_until is None or valid_from >= valid_until):
        raise Refused("validity", rule="valid_from must come before valid_until")


def held_window(valid_from: datetime | None, valid_until: datetime | None,
                valid_days: int | None, claimed_at: datetime) -> tuple[datetime, datetime]:
    """The validity fixed on a held coupon when it is claimed."""
    if valid_days is not None:
        return claimed_at, claimed_at + timedelta(days=valid_days)
    return valid_from, valid_until


def claimable(status: str, valid_until: datetime | None, now: datetime) -> bool:
    """Active, and its window (if it has one) not over."""
    return status == ACTIVE and (valid_until is None or now < valid_until)


def held_status(status: str, valid_until: datetime, now: datetime) -> str:
    """What a held coupon is at `now`: an unused one past its end is expired."""
    return EXPIRED if status == UNUSED and now >= valid_until else status


def check_usable(status: str, valid_from: datetime, valid_until: datetime,
                 now: datetime) -> None:
    current = held_status(status, valid_until, now)
    if current != UNUSED:
        raise Refused(current)
    if now < valid_from:
        raise Refused("not_started", valid_from=valid_from.isoformat())


def covers(t: Terms, line: Line) -> bool:
    if t.scope == SCOPE_CATEGORY:
        return line.category in t.categories
    if t.scope == SCOPE_PRODUCTS:
        return line.product_id in t.product_ids
    return True


def eligible_fen(t: Terms, lines: list[Line]) -> int:
    return sum(line.amount_fen for line in lines if covers(t, line))


def discount_fen(t: Terms, lines: list[Line], room_fen: int) -> int:
    """What the coupon takes off these lines; raises Refused (out_of_scope,
    below_min_spend) when it does not apply."""
    eligible = eligible_fen(t, lines)
    if eligible == 0:
        raise Refused("out_of_scope")
    if eligible < t.min_spend_fen:
        raise Refused("below_min_spend", min_spend_fen=t.min_spend_fen, eligible_fen=eligible)
    raw = t.amount_fen
    if t.kind == PERCENT_OFF:  # rounded down: the buyer pays the odd fen
        raw = min(eligible * t.percent_bps // BPS, t.cap_fen)
    return max(0, min(raw, eligible, room_fen))


def can_move(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, set())
