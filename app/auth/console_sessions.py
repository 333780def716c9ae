"""Console sessions: no Flask, no commit.

The cookie holds a random id; the database keeps its SHA-256 and the
session's CSRF token. A session signs its user in while it is not revoked,
was seen within the idle timeout (sliding: each use moves last_seen_at) and
is younger than the absolute maximum age, all on the app clock."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.auth.errors import NotSignedIn
from app.auth.models import ConsoleSession

COOKIE = "mall_console"
TOKEN_BYTES = 32
MAX_COOKIE_CHARS = 100
# last_seen_at is written at most this often (a page makes many calls a second)
TOUCH_EVERY = timedelta(seconds=30)


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def open_session(session: Session, *, user_id: int, ip: str | None, user_agent: str,
                 now: datetime) -> tuple[str, ConsoleSession]:
    """A new session: (the cookie's value, the row)."""
    raw = secrets.token_urlsafe(TOKEN_BYTES)
    row = ConsoleSession(user_id=user_id, token_hash=token_hash(raw),
                         csrf_token=secrets.token_urlsafe(TOKEN_BYTES), created_at=now,
                         last_seen_at=now, ip=(ip or "")[:45], user_agent=user_agent[:256])
    session.add(row)
    session.flush()
    return raw, row


def live_session(session: Session, raw: str, *, now: datetime, idle_s: int,
                 max_age_s: int) -> ConsoleSession:
    """The live session of a cookie value, its last_seen_at moved to `now`;
    NotSignedIn otherwise."""
    if not raw or len(raw) > MAX_COOKIE_CHARS:
        raise NotSignedIn()
    row = session.scalar(select(ConsoleSession).where(
        ConsoleSession.token_hash == token_hash(raw)))
    if row is None or row.revoked_at is not None:
        raise NotSignedIn()
    if now - row.last_seen_at >= timedelta(seconds=idle_s) or \
            now - row.created_at >= timedelta(seconds=max_age_s):
        raise NotSignedIn()
    if now - row.last_seen_at >= TOUCH_EVERY:
        row.last_seen_at = now
    return row


def csrf_ok(row: ConsoleSession, header: str | None) -> bool:
    return bool(header) and hmac.compare_digest(row.csrf_token, header)


def revoke(session: Session, session_id: int, now: datetime) -> None:
    session.execute(update(ConsoleSession).where(ConsoleSession.id == session_id,
                                                 ConsoleSession.revoked_at.is_(None))
                    .values(revoked_at=now))


def revoke_all(session: Session, user_id: int, now: datetime) -> None:
    """Every console session of the user (the bearer tokens: auth.service)."""
    session.execute(update(ConsoleSession).where(ConsoleSession.user_id == user_id,
                                                 ConsoleSession.revoked_at.is_(None))
                    .values(revoked_at=now))
