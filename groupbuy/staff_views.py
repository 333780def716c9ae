"""What merchant staff see of an activity's groups and bargains: each with
the nickname of the person who leads or started it, newest first."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth.models import User
from app.db import paginate
from groupbuy import queries, rules
from groupbuy.models import Bargain, Group


def _nicknames(session: Session, user_ids: set[int]) -> dict[int, str]:
    if not user_ids:
        return {}
    return dict(session.execute(select(User.id, User.nickname)
                                .where(User.id.in_(user_ids))).all())


def groups(session: Session, items: list[Group], now: datetime) -> list[dict]:
    """Group summaries with the leader's nickname."""
    names = _nicknames(session, {g.leader_id for g in items})
    return [{**queries.summary(g, now), "leader_nickname": names.get(g.leader_id, "")}
            for g in items]


def list_bargains(session: Session, *, activity_id: int, status: str | None,
                  now: datetime, page: int, per_page: int) -> tuple[list[dict], int]:
    """The activity's bargains, newest first, with their starters' nicknames."""
    stmt = select(Bargain).where(Bargain.activity_id == activity_id)
    if status == rules.ACTIVE:
        stmt = stmt.where(Bargain.status == rules.ACTIVE, Bargain.expires_at > now)
    elif status == rules.EXPIRED:
        stmt = stmt.where(Bargain.status == rules.ACTIVE, Bargain.expires_at <= now)
    elif status == rules.BOUGHT:
        stmt = stmt.where(Bargain.status == rules.BOUGHT)
    items, total = paginate(session, stmt, order_by=Bargain.id.desc(), page=page,
                            per_page=per_page)
    names = _nicknames(session, {b.starter_id for b in items})
    return [{**queries.bargain_summary(b, now), "created_at": b.created_at,
             "starter_nickname": names.get(b.starter_id, "")} for b in items], total
