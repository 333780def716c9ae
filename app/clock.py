"""The one source of "now": timezone-aware UTC, movable in tests.

Services never read the clock themselves; views, socket handlers and jobs
call `now()` and pass the value in.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

_offset = timedelta(0)
_frozen: datetime | None = None


def now() -> datetime:
    if _frozen is not None:
        return _frozen
    return datetime.now(UTC) + _offset


def as_utc(value: datetime) -> datetime:
    """Attach UTC to a naive value read back from SQLite; convert aware ones."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def freeze(at: datetime) -> None:
    global _frozen
    _frozen = as_utc(at)


def advance(delta: timedelta) -> None:
    global _offset, _frozen
    if _frozen is not None:
        _frozen = _frozen + delta
    else:
        _offset += delta


def reset() -> None:
    global _offset, _frozen
    _offset, _frozen = timedelta(0), None
