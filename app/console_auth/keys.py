"""Every Redis key and script of scan-to-sign-in. A ticket's keys share the
hash tag `{ticket:<sha256>}` (the ticket itself is never stored)."""

from __future__ import annotations

import hashlib
from pathlib import Path

LUA = Path(__file__).parent / "lua"


def _tag(ticket: str) -> str:
    return "{ticket:" + hashlib.sha256(ticket.encode()).hexdigest() + "}"


def ticket(raw: str) -> str:
    """hash: status (pending|scanned|confirmed|used), expires_ms (app clock), user_id"""
    return f"console:{_tag(raw)}:state"


def wake(raw: str) -> str:
    """list: one item pushed per change, for long polls blocked on it"""
    return f"console:{_tag(raw)}:wake"
