"""Pure sharing rules (stdlib only): scene codes, kinds, channels, validity.

A scene is what WeChat's wxacode.getUnlimited carries: at most 32 characters
from 0-9A-Za-z and !#$&'()*+,/:;=?@-._~ . Ours are a one-letter kind prefix
plus 11 random characters from 0-9A-Za-z (62**11, about 65 bits, from
`secrets`): unguessable, not sequential, safe in a URL path without escaping.
"""

from __future__ import annotations

import secrets
import string
from collections.abc import Callable
from datetime import datetime, timedelta

SCENE_MAX_LEN = 32
SCENE_ALPHABET = frozenset(string.digits + string.ascii_letters + "!#$&'()*+,/:;=?@-._~")
RANDOM_ALPHABET = string.digits + string.ascii_letters
RANDOM_LEN = 11

# kind -> scene prefix
KINDS = {"product": "p", "group": "g", "bargain": "b", "room": "r", "community": "c",
         "invite": "i"}
# kinds whose target is the sharer: no target id
TARGETLESS = frozenset({"invite"})
CHANNELS = ("wechat_chat", "moments", "poster", "qr")

VALIDITY = {
    "product": timedelta(days=30), "invite": timedelta(days=30),
    "group": timedelta(hours=24), "bargain": timedelta(hours=24),
    "room": timedelta(days=7), "community": timedelta(days=7),
}
MIN_TTL_S = 60
MAX_TTL_S = int(max(VALIDITY.values()).total_seconds())


def new_scene(kind: str, choice: Callable[[str], str] = secrets.choice) -> str:
    """Kind prefix + RANDOM_LEN characters drawn with `choice` (secrets by default)."""
    return KINDS[kind] + "".join(choice(RANDOM_ALPHABET) for _ in range(RANDOM_LEN))


def is_valid_scene(scene: object) -> bool:
    """1 to 32 characters, every one from SCENE_ALPHABET."""
    return (isinstance(scene, str) and 1 <= len(scene) <= SCENE_MAX_LEN
            and SCENE_ALPHABET.issuperset(scene))


def ttl_allowed(kind: str, ttl_s: int | None) -> bool:
    """A client may shorten a share's validity (down to MIN_TTL_S), never extend it."""
    return ttl_s is None or MIN_TTL_S <= ttl_s <= VALIDITY[kind].total_seconds()


def expiry(kind: str, now: datetime, ttl_s: int | None = None) -> datetime:
    """now + the kind's validity, or + ttl_s when the client asked for less."""
    if not ttl_allowed(kind, ttl_s):
        raise ValueError(f"ttl {ttl_s} not allowed for {kind}")
    return now + (VALIDITY[kind] if ttl_s is None else timedelta(seconds=ttl_s))


def is_expired(expires_at: datetime, now: datetime) -> bool:
    """A share is dead from its expiry instant on."""
    return now >= expires_at


def seconds_left(expires_at: datetime, now: datetime) -> int:
    """Whole seconds until expiry, rounded down; 0 once expired."""
    return max(0, int((expires_at - now).total_seconds()))


def reusable(kind: str, created_at: datetime, expires_at: datetime, now: datetime) -> bool:
    """An existing share is handed out again (instead of a new one) only if it
    has the kind's default validity and at least half of it is left."""
    validity = VALIDITY[kind]
    return expires_at - created_at == validity and expires_at - now >= validity / 2
