"""The points and growth ledgers: append-only entries with a unique key (a
replayed event writes nothing), never updated or deleted (the session
refuses). Balances are computed from the entries (points_lots.replay), not
kept in a running column: a member has few entries, and there is then no
second copy of the truth to drift. Writers that check a balance first
(spends) hold the member's row lock."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session, aliased

from app.db import insert_ignore, paginate
from members.models import GrowthEntry, PointsEntry
from members.points import lots as points_lots

APPEND_ONLY = (PointsEntry, GrowthEntry)


class AppendOnly(RuntimeError):
    """Entries are never changed or deleted; append a reversing entry."""


def add_points(session: Session, *, key: str, merchant_id: int, user_id: int, kind: str,
               points: int, now: datetime, **extra) -> bool:
    """Append one entry; False if its key was written before (nothing done).
    Zero entries are skipped, except expiry entries (they mark a lot closed)."""
    if not points and kind != "expire":
        return False
    return insert_ignore(session, PointsEntry, key=key, merchant_id=merchant_id,
                         user_id=user_id, kind=kind, points=points, created_at=now, **extra)


def add_growth(session: Session, *, key: str, merchant_id: int, user_id: int, kind: str,
               amount: int, now: datetime, **extra) -> bool:
    if not amount:
        return False
    return insert_ignore(session, GrowthEntry, key=key, merchant_id=merchant_id,
                         user_id=user_id, kind=kind, amount=amount, created_at=now, **extra)


def entry(session: Session, key: str) -> PointsEntry | None:
    return session.scalar(select(PointsEntry).where(PointsEntry.key == key))


def replay(session: Session, merchant_id: int, user_id: int, now: datetime):
    rows = session.execute(select(PointsEntry.id, PointsEntry.created_at, PointsEntry.points,
                                  PointsEntry.expires_at, PointsEntry.kind)
                           .where(PointsEntry.merchant_id == merchant_id,
                                  PointsEntry.user_id == user_id)).all()
    return points_lots.replay([points_lots.Entry(*row) for row in rows], now)


def balance(session: Session, merchant_id: int, user_id: int, now: datetime) -> int:
    """Points the member can use now (negative while a clawback is unpaid)."""
    return replay(session, merchant_id, user_id, now).available


def written_sum(session: Session, merchant_id: int, user_id: int) -> int:
    return int(session.scalar(select(func.coalesce(func.sum(PointsEntry.points), 0)).where(
        PointsEntry.merchant_id == merchant_id, PointsEntry.user_id == user_id)))


def growth(session: Session, merchant_id: int, user_id: int) -> int:
    return int(session.scalar(select(func.coalesce(func.sum(GrowthEntry.amount), 0)).where(
        GrowthEntry.merchant_id == merchant_id, GrowthEntry.user_id == user_id)))


def history(session: Session, merchant_id: int, user_id: int, *, page: int,
            per_page: int) -> tuple[list[PointsEntry], int]:
    stmt = select(PointsEntry).where(PointsEntry.merchant_id == merchant_id,
                                     PointsEntry.user_id == user_id)
    return paginate(session, stmt, order_by=PointsEntry.id.desc(), page=page,
                    per_page=per_page)


def write_expiries(session: Session, merchant_id: int, user_id: int, now: datetime) -> int:
    """Write the expiry entry of every lot closed by `now` (once: keyed by
    lot); returns the points expired by this call."""
    state = replay(session, merchant_id, user_id, now)
    written = 0
    for lot_id, points in sorted(state.expired.items()):
        if add_points(session, key=f"expire:{lot_id}", merchant_id=merchant_id,
                      user_id=user_id, kind="expire", points=-points, lot_id=lot_id, now=now):
            written += points
    return written


def due_for_expiry(session: Session, now: datetime, limit: int = 500) -> list[tuple[int, int]]:
    """(merchant, user) pairs with a lot past its expiry and no expiry entry
    for it yet (a used-up lot gets a 0-point expiry entry, so it leaves the list)."""
    closer = aliased(PointsEntry)
    stmt = (select(PointsEntry.merchant_id, PointsEntry.user_id)
            .where(PointsEntry.points > 0, PointsEntry.expires_at <= now,
                   ~select(closer.id).where(closer.lot_id == PointsEntry.id).exists())
            .distinct().order_by(PointsEntry.merchant_id, PointsEntry.user_id).limit(limit))
    return [tuple(row) for row in session.execute(stmt)]


@event.listens_for(Session, "before_flush")
def _no_changes(session: Session, _ctx, _instances) -> None:
    for obj in (*session.dirty, *session.deleted):
        if isinstance(obj, APPEND_ONLY) and (obj in session.deleted or session.is_modified(obj)):
            raise AppendOnly(type(obj).__name__)


@event.listens_for(Session, "do_orm_execute")
def _no_bulk_changes(state) -> None:
    if (state.is_update or state.is_delete) and state.bind_mapper is not None \
            and state.bind_mapper.class_ in APPEND_ONLY:
        raise AppendOnly(state.bind_mapper.class_.__name__)
