"""The coupons' periodic sweep: unused coupons past their end are stored as
expired. Reads already treat them so (rules.held_status); the sweep keeps
the stored status honest for reports. Idempotent, in batches."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app import clock
from app.coupons import rules
from app.coupons.models import UserCoupon
from app.db import transaction

BATCH = 1000


def expire_due(session: Session, now: datetime, limit: int = BATCH) -> int:
    ids = list(session.scalars(select(UserCoupon.id).where(
        UserCoupon.status == rules.UNUSED, UserCoupon.valid_until <= now)
        .order_by(UserCoupon.id).limit(limit)))
    if not ids:
        return 0
    done = session.execute(update(UserCoupon).where(
        UserCoupon.id.in_(ids), UserCoupon.status == rules.UNUSED)
        .values(status=rules.EXPIRED).execution_options(synchronize_session=False))
    return done.rowcount


def sweep() -> dict[str, int]:
    expired = 0
    while True:
        with transaction() as session:
            n = expire_due(session, clock.now())
        expired += n
        if n < BATCH:
            return {"expired": expired}
