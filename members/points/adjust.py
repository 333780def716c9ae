"""Staff adjust a member's points by hand, with a reason: added points are a
new lot (expiring as earned points do); a deduction never takes more than
the member can use now (read under their row lock). Idempotent by the
staff's request id: the same id again returns the first entry."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from members import members
from members.errors import AdjustmentKeyReused, InsufficientPoints
from members.models import PointsEntry
from members.points import ledger as points_ledger
from members.points import settings as points_settings
from members.points.earning import expiry


def adjust(session: Session, *, merchant_id: int, user_id: int, points: int, reason: str,
           request_key: str, now: datetime) -> PointsEntry:
    members.get_member(session, merchant_id, user_id)
    members.lock_member(session, merchant_id, user_id)
    key = f"adjust:{merchant_id}:{request_key}"
    same = points_ledger.entry(session, key)
    if same is not None:
        if (same.user_id, same.points, same.note) != (user_id, points, reason):
            raise AdjustmentKeyReused()
        return same
    if points < 0:
        available = points_ledger.balance(session, merchant_id, user_id, now)
        if available + points < 0:
            raise InsufficientPoints(details={"available": available, "asked": -points})
    expires = expiry(points_settings.get(session, merchant_id), now) if points > 0 else None
    points_ledger.add_points(session, key=key, merchant_id=merchant_id, user_id=user_id,
                             kind="adjust", points=points, expires_at=expires, note=reason,
                             now=now)
    return points_ledger.entry(session, key)
