"""The one source of "now": timezone-aware UTC, movable in tests.

Services never read the clock themselves; views, socket handlers and jobs
call `now()` and pass the value in.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

# China's one zone (Asia/Shanghai): UTC+8 all year, no daylight saving since 1991
CHINA = timezone(timedelta(hours=8), "CST")

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


def china_day(moment: datetime) -> date:
    """The China calendar day of an aware moment."""
    return moment.astimezone(CHINA).date()


def china_day_bounds(day: date) -> tuple[datetime, datetime]:
    """[start, end) in UTC of a calendar day in China (UTC+8)."""
    start = datetime(day.year, day.month, day.day, tzinfo=CHINA)
    return start.astimezone(UTC), (start + timedelta(days=1)).astimezone(UTC)


def to_ms(moment: datetime) -> int:
    """An aware moment as Unix milliseconds (the unit Redis scripts hold)."""
    return int(moment.timestamp() * 1000)


def to_ms_delta(delta: timedelta) -> int:
    return int(delta.total_seconds() * 1000)


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
