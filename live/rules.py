"""Pure live-room rules: room states, chat limits and the keyword filter,
shelf order, the like-broadcast window, lottery draws, conversion. The
stdlib and the core's time units."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from app.clock import to_ms  # noqa: F401 - the rules' time unit, defined in the core

SCHEDULED, LIVE, PAUSED, ENDED = "scheduled", "live", "paused", "ended"
STATES = (SCHEDULED, LIVE, PAUSED, ENDED)
# scheduled -> live -> paused -> live ... -> ended; ended is final
TRANSITIONS = {SCHEDULED: {LIVE, ENDED}, LIVE: {PAUSED, ENDED}, PAUSED: {LIVE, ENDED},
               ENDED: set()}

MAX_CHAT = 200  # characters in one chat message
CHAT_INTERVAL_MS = 2000  # one message per user per 2 s
SNAPSHOT_MESSAGES = 50  # the join snapshot's chat history
TICK_MS = 500  # like totals and online counts reach the room at most this often
MAX_LIKES_PER_TAP = 100  # a client may batch taps, up to this many per event
MAX_SHELF = 100
MAX_WINNERS = 100
BLOCKED_WORDS = ("scam", "fraud", "wechat transfer", "加微信", "私下交易")
SAMPLES_KEPT = 720  # online-viewer samples kept for the host's chart
LIKES_PER_USER_PER_S = 30  # taps one user may add per second; the excess is ignored
LIKE_WINDOW_MS = 1000
STATS_SAVE_MS = 5_000  # live statistics reach the database at most this often
ENDED_KEEP_MS = 24 * 3600_000  # an ended room's Redis keys live one day more
REBUILD_LOCK_S = 10  # a load of a room from the database holds its lock at most this long
REBUILD_WAIT_S = 5  # a call finding the room missing waits this long for another's load
GUEST_KEY = re.compile(r"[A-Za-z0-9_-]{8,64}")


class Refused(Exception):
    """A rule said no; `code` names which one."""

    def __init__(self, code: str, **details):
        super().__init__(code)
        self.code, self.details = code, details


def viewer_key(user_id: int | None, guest_key: str | None, sid: str) -> str:
    """Who a connection is, for online counts (people, not sockets): a user
    once however many sockets; a guest once per guest key its page keeps
    (across reconnects); a guest without one, once per connection."""
    if user_id is not None:
        return f"u{user_id}"
    return f"g{guest_key}" if guest_key is not None else f"c{sid}"


def check_guest_key(key: object) -> str | None:
    """None or 8..64 letters, digits, '-' and '_'."""
    if key is None:
        return None
    if not isinstance(key, str) or not GUEST_KEY.fullmatch(key):
        raise Refused("invalid_guest_key")
    return key


def can_move(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, set())


def open_for_chat(state: str) -> bool:
    """Viewers chat before, during and in a pause of the show, not after it."""
    return state != ENDED


def check_chat(text: str, blocked: Sequence[str] = BLOCKED_WORDS) -> str:
    """Trimmed text of 1..200 characters without a blocked word (case-insensitive)."""
    text = text.strip()
    if not text:
        raise Refused("message_empty")
    if len(text) > MAX_CHAT:
        raise Refused("message_too_long", max=MAX_CHAT, length=len(text))
    folded = re.sub(r"\s+", " ", text.casefold())
    for word in blocked:
        if word.casefold() in folded:
            raise Refused("message_blocked")
    return text


def check_reorder(current: Sequence[int], wanted: Sequence[int]) -> list[int]:
    """A new order must hold exactly the shelf's products, each once."""
    if len(wanted) != len(set(wanted)) or set(wanted) != set(current):
        raise Refused("invalid_shelf_order", shelf=list(current))
    return list(wanted)


def draw(candidates: Sequence[int], winners: int, rng: random.Random | None = None) -> list[int]:
    """Up to `winners` distinct candidates, uniformly at random, sorted: nobody
    wins twice in one draw (winners of the room's earlier draws may win again)."""
    pool = sorted(set(candidates))
    if not pool:
        raise Refused("lottery_no_candidates")
    rng = rng or random.SystemRandom()
    return sorted(rng.sample(pool, min(winners, len(pool))))


def conversion_bps(buyers: int, viewers: int) -> int:
    """Buyers per unique viewer in basis points, rounded down; 0 without viewers."""
    return 0 if viewers <= 0 else buyers * 10_000 // viewers


# a kicked viewer may come back after this long (a ban is for good)
KICK_COOLOFF_MS = 10 * 60_000


def muted_until_ms(now_ms: int, minutes: int | None) -> int:
    """0 means muted until lifted."""
    return 0 if not minutes else now_ms + minutes * 60_000

