"""Pure referral rules (the stdlib and the core's money units): levels,
commission shares, proportional reversal, binding policies, cycle checks,
tiers and withdrawal fees.

Money is int fen, rates int bps; every division rounds down and the merchant
keeps the remainder (of a share, of a reversal, of a discount split), except
the withdrawal fee, which rounds down in the distributor's favour.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.money import BPS

MAX_LEVELS = 3  # more is unlawful multi-level marketing
DEFAULT_LEVEL_BPS = (1000, 500)
MIN_WITHDRAW_FEN = 100  # 1 yuan
MAX_CHAIN_WALK = 1_000_000  # a guard against a corrupt table, not a depth limit

PERMANENT, WINDOW, NEW_USERS = "permanent", "window", "new_users"
BINDING_POLICIES = (PERMANENT, WINDOW, NEW_USERS)
EVERYONE, APPLICATION, SPEND = "everyone", "application", "spend"
JOIN_POLICIES = (EVERYONE, APPLICATION, SPEND)


class TooManyLevels(ValueError):
    """More than MAX_LEVELS levels (or none)."""


class RatesTooHigh(ValueError):
    """Level rates that would pay out more than the goods amount."""


def check_levels(level_bps: Sequence[int]) -> tuple[int, ...]:
    """1 to 3 levels, each 0..10000 bps, together at most 10000 bps."""
    if not 1 <= len(level_bps) <= MAX_LEVELS:
        raise TooManyLevels(len(level_bps))
    if any(not 0 <= b <= BPS for b in level_bps) or sum(level_bps) > BPS:
        raise RatesTooHigh(tuple(level_bps))
    return tuple(level_bps)


@dataclass(frozen=True)
class Rate:
    """Per-level rates: bps of the line's paid goods amount, or fixed fen per unit."""

    mode: str  # "bps" | "fen"
    values: tuple[int, ...]

    def level(self, index: int) -> int:
        return self.values[index] if index < len(self.values) else 0


def split_discount(amounts: Sequence[int], discount_fen: int) -> list[int]:
    """Each line's paid goods amount: the order discount taken from lines in
    proportion, each line's cut rounded UP so the bases never exceed what was
    paid (the merchant keeps the difference)."""
    total = sum(amounts)
    if total <= 0 or discount_fen <= 0:
        return list(amounts)
    return [max(0, a - (-(-a * discount_fen // total))) for a in amounts]


def line_shares(base_fen: int, quantity: int, rates: Sequence[Rate]) -> list[int]:
    """One line's commission per level (rates[i] is level i+1's rate, already
    chosen among product override, tier and default). Rounded down per share;
    never more than the line's base in total: later levels are cut first."""
    shares, left = [], base_fen
    for index, rate in enumerate(rates):
        values = rate.values
        value = values[index] if index < len(values) else 0  # rate.level(index), inlined
        raw = base_fen * value // BPS if rate.mode == "bps" else value * quantity
        share = max(0, min(raw, left))
        shares.append(share)
        left -= share
    return shares


def owed(full_fen: int, line_fen: int, net_fen: int) -> int:
    """What stays owed of a share once the line's net (unrefunded) amount is
    net_fen: in proportion, rounded down (the merchant keeps the fen)."""
    if line_fen <= 0:
        return 0
    net_fen = max(0, min(net_fen, line_fen))
    return full_fen * net_fen // line_fen


def would_cycle(user_id: int, referrer_id: int, parent_of: Callable[[int], int | None]) -> bool:
    """Binding user -> referrer closes a loop at any depth if user is the
    referrer or any ancestor of the referrer (the whole chain is walked)."""
    node: int | None = referrer_id
    for _ in range(MAX_CHAIN_WALK):
        if node is None:
            return False
        if node == user_id:
            return True
        node = parent_of(node)
    return True  # a chain this long is itself broken: refuse


def chain(buyer_id: int, parent_of: Callable[[int], int | None], levels: int,
          self_purchase: bool) -> list[int]:
    """Beneficiaries, level 1 first: the buyer's referrer and up; with
    self-purchase commission on, the buyer is level 1 and their referrer level 2."""
    out: list[int] = [buyer_id] if self_purchase else []
    node = parent_of(buyer_id)
    while node is not None and len(out) < levels and node not in out:
        out.append(node)
        node = parent_of(node)
    return out[:levels]


def may_bind(policy: str, *, bound_at: datetime | None, window_days: int,
             is_new_user: bool, now: datetime) -> bool:
    """permanent: only a first binding; window: a new share rebinds once
    window_days have passed; new_users: only users who never paid here."""
    if policy == NEW_USERS and not is_new_user:
        return False
    if bound_at is None:
        return True
    return policy == WINDOW and now >= bound_at + timedelta(days=window_days)


def withdraw_fee(amount_fen: int, fee_bps: int) -> int:
    """The fee, rounded down: the distributor keeps the fraction of a fen."""
    return amount_fen * fee_bps // BPS


def withdraw_refusal(amount_fen: int, available_fen: int, min_fen: int) -> str | None:
    """Why a withdrawal cannot be made, or None. A negative balance blocks
    every withdrawal until it is positive again."""
    if amount_fen < max(min_fen, MIN_WITHDRAW_FEN):
        return "below_minimum"
    if available_fen <= 0:
        return "negative_balance" if available_fen < 0 else "insufficient_balance"
    if amount_fen > available_fen:
        return "insufficient_balance"
    return None


@dataclass(frozen=True)
class TierRule:
    id: int
    rank: int
    min_sales_fen: int
    min_orders: int
    min_team: int


def tier_for(current_rank: int, sales_fen: int, orders: int, team: int,
             tiers: Sequence[TierRule]) -> TierRule | None:
    """The highest tier above current_rank whose every condition is met
    (tiers only go up), or None."""
    met = [t for t in tiers if t.rank > current_rank and sales_fen >= t.min_sales_fen
           and orders >= t.min_orders and team >= t.min_team]
    return max(met, key=lambda t: t.rank, default=None)


def balanced(amounts: Sequence[int]) -> bool:
    """A ledger transaction: at least two entries, summing to zero."""
    return len(amounts) >= 2 and sum(amounts) == 0


def mask_nickname(nickname: str) -> str:
    """What others see of a name on the leaderboard: its first character and,
    for names of three or more ASCII characters, its last, around a fixed run
    of stars that hides the length (张三丰 -> 张**, alice -> a***e, al -> a**);
    a name of one character (or none) shows nothing (***)."""
    name = nickname.strip()
    if len(name) < 2:
        return "***"
    if len(name) >= 3 and name.isascii():
        return f"{name[0]}***{name[-1]}"
    return f"{name[0]}**"
