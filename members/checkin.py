"""Daily check-in: one per member per China calendar day (UTC+8). The streak
grows by one on consecutive days and starts again at 1 after a missed day.
Each check-in earns `checkin_points`, plus the bonus of a streak day listed
in `streak_bonuses` on the day the streak reaches it, and `checkin_growth`.
Two simultaneous check-ins meet on the (merchant, user, day) unique key:
one earns, the other is refused (already_checked_in) and writes nothing."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.catalog.service import get_merchant
from app.clock import china_day
from app.db import insert_ignore
from members import members, tiers
from members.errors import AlreadyCheckedIn
from members.models import Checkin
from members.points import earning as points
from members.points import ledger as points_ledger
from members.points import settings as points_settings


def next_streak(previous: Checkin | None, day: date) -> int:
    return previous.streak + 1 if previous is not None and previous.day == day - timedelta(1) \
        else 1


def bonus(streak: int, bonuses: list[tuple[int, int]]) -> int:
    return sum(points for day, points in bonuses if day == streak)


def last(session: Session, merchant_id: int, user_id: int) -> Checkin | None:
    return session.scalar(select(Checkin).where(Checkin.merchant_id == merchant_id,
                                                Checkin.user_id == user_id)
                          .order_by(Checkin.day.desc()).limit(1))


def check_in(session: Session, *, merchant_id: int, user_id: int, now: datetime) -> Checkin:
    get_merchant(session, merchant_id)
    day = china_day(now)
    previous = last(session, merchant_id, user_id)
    if previous is not None and previous.day == day:
        raise AlreadyCheckedIn(details={"day": day.isoformat()})
    settings = points_settings.get(session, merchant_id)
    streak = next_streak(previous, day)
    earned = settings["checkin_points"] + bonus(streak, settings["streak_bonuses"])
    if not insert_ignore(session, Checkin, merchant_id=merchant_id, user_id=user_id, day=day,
                         streak=streak, points=earned, at=now):
        raise AlreadyCheckedIn(details={"day": day.isoformat()})
    who = {"merchant_id": merchant_id, "user_id": user_id}
    members.join(session, **who, via="checkin", now=now)
    key = f"checkin:{merchant_id}:{user_id}:{day.isoformat()}"
    points_ledger.add_points(session, key=key, **who, kind="checkin", points=earned,
                             expires_at=points.expiry(settings, now), now=now)
    if points_ledger.add_growth(session, key=key, **who, kind="checkin",
                                amount=settings["checkin_growth"], now=now):
        tiers.refresh(session, merchant_id, user_id)
    return last(session, merchant_id, user_id)


def status(session: Session, merchant_id: int, user_id: int, now: datetime) -> dict:
    """Today's state: checked in or not, and the streak that stands."""
    previous = last(session, merchant_id, user_id)
    day = china_day(now)
    standing = previous is not None and previous.day >= day - timedelta(1)
    return {"checked_in_today": previous is not None and previous.day == day,
            "streak": previous.streak if standing else 0}



def month_of(now: datetime, month: date | None) -> tuple[date, date]:
    """(first day, first day of the next month) of `month`, or of the China
    month of `now` when none is asked."""
    first = (month or china_day(now)).replace(day=1)
    return first, (first + timedelta(days=32)).replace(day=1)


def calendar(session: Session, *, merchant_id: int, user_id: int, now: datetime,
             month: date | None = None) -> dict:
    """The days of one China month the member checked in (with each day's
    streak and points), today as the server's clock says, today's state, and
    the points a check-in today gives (or gave): `checkin_points` plus the
    bonus of the streak day it reaches."""
    get_merchant(session, merchant_id)
    first, after = month_of(now, month)
    rows = session.scalars(select(Checkin).where(
        Checkin.merchant_id == merchant_id, Checkin.user_id == user_id,
        Checkin.day >= first, Checkin.day < after).order_by(Checkin.day))
    today, previous = china_day(now), last(session, merchant_id, user_id)
    if previous is not None and previous.day == today:
        reward = previous.points
    else:
        settings = points_settings.get(session, merchant_id)
        reward = settings["checkin_points"] + bonus(next_streak(previous, today),
                                                    settings["streak_bonuses"])
    return {"month": first.strftime("%Y-%m"), "today": today, "reward_points": reward,
            **status(session, merchant_id, user_id, now),
            "days": [{"day": r.day, "streak": r.streak, "points": r.points} for r in rows]}
