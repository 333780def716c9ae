"""Community rules: invite and pickup codes, roles, the China day, leader
commission arithmetic. Pure: the stdlib and the core's time and money units."""

from __future__ import annotations

import secrets

from app.clock import CHINA, china_day  # noqa: F401 - China days, defined in the core
from app.money import BPS

OWNER, LEADER, MEMBER = "owner", "leader", "member"
ROLES = (OWNER, LEADER, MEMBER)
INVITED_ROLES = (OWNER, LEADER)  # held only once the invited user accepts
PENDING, ACCEPTED, DECLINED, WITHDRAWN = "pending", "accepted", "declined", "withdrawn"
INVITATION_STATES = (PENDING, ACCEPTED, DECLINED, WITHDRAWN)
POSTERS = frozenset({OWNER, LEADER})  # who may post announcements and pin offers

# No 0/O, 1/I/L: a code read aloud or typed from a poster is not misread.
INVITE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
INVITE_LEN = 8  # 31**8 ~ 8.5e11 codes: not guessable by trying
PICKUP_CODE_LEN = 6
PICKUP_MAX_ATTEMPTS = 5  # per order per window; then pickup_code_locked
PICKUP_ATTEMPT_WINDOW_S = 3600

MAX_COMMISSION_BPS = 5_000  # a leader never takes more than half the goods



def new_invite_code() -> str:
    return "".join(secrets.choice(INVITE_ALPHABET) for _ in range(INVITE_LEN))


def normal_invite_code(text: str) -> str:
    """Codes are compared upper-case without surrounding spaces."""
    return text.strip().upper()


def new_pickup_code() -> str:
    """Six random digits, leading zeros kept."""
    return f"{secrets.randbelow(10 ** PICKUP_CODE_LEN):0{PICKUP_CODE_LEN}d}"


def commission_full(base_fen: int, bps: int) -> int:
    """A leader's commission on the paid goods (goods - discount, postage
    excluded), rounded down: the merchant keeps the remainder."""
    return max(0, base_fen) * bps // BPS


def commission_owed(full_fen: int, base_fen: int, refunded_fen: int) -> int:
    """What stays owed once refunded_fen of the paid goods went back: in
    proportion, rounded down (the merchant keeps the fen)."""
    if base_fen <= 0:
        return 0
    net = max(0, min(base_fen - refunded_fen, base_fen))
    return full_fen * net // base_fen


def earns_leader_commission(buyer_id: int, leader_id: int, self_purchase: bool) -> bool:
    """A leader earns on orders collected at their point; on their own
    orders only when the merchant's referral rules allow self-purchase
    commission."""
    return buyer_id != leader_id or self_purchase


def can_post(role: str | None) -> bool:
    return role in POSTERS
