"""The buyers' list of live rooms: live now first (then paused ones), by
when they started, latest first; then scheduled ones, soonest first (ties
by id). Ended rooms are not listed."""

from __future__ import annotations

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from live import rules, snapshot
from live.models import LiveRoom

LISTED = {rules.LIVE: 0, rules.PAUSED: 1, rules.SCHEDULED: 2}
# the `state` filter: "live" also lists paused rooms (back soon)
FILTERS = {"live": (rules.LIVE, rules.PAUSED), "scheduled": (rules.SCHEDULED,)}


def rooms(session: Session, *, state: str | None, page: int,
          per_page: int) -> tuple[list[dict], int]:
    states = FILTERS[state] if state else tuple(LISTED)
    stmt = select(LiveRoom).where(LiveRoom.state.in_(states))
    total = session.scalar(select(func.count()).select_from(stmt.subquery()))
    rank = case(*((LiveRoom.state == s, n) for s, n in LISTED.items()))
    # a scheduled room has not started (started_at is null for all of them)
    rows = session.scalars(stmt.order_by(rank, LiveRoom.started_at.desc(),
                                         LiveRoom.scheduled_at, LiveRoom.id)
                           .limit(per_page).offset((page - 1) * per_page)).all()
    return [snapshot.present_room(room) for room in rows], total


