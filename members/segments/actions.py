"""What a segment send can deliver besides points: a coupon of the merchant
(granted through app/coupons, so it counts against the coupon's total and
per-user limit) and an announcement into the members' inboxes.

Both follow segment_sends' contract, returning per user "sent",
"already_sent" or a failure code:
- coupon: one grant per member keyed f"{key_prefix}:{user_id}", each in a
  savepoint, so a member over the limit (or the total running out) fails
  alone and a re-run grants nobody twice;
- announcement: one announcement per batch, stored and fanned out in the
  batch's own transaction (which also marks its recipients), keyed by the
  batch's first member: a batch that rolled back leaves nothing behind, and a
  batch that committed is never taken again.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.coupons import claims
from app.coupons.models import Coupon, UserCoupon
from app.errors import DomainError
from community import announcements


def send_coupon(session: Session, *, merchant_id: int, user_ids: list[int], payload: dict,
                key_prefix: str, now: datetime) -> dict[int, str]:
    coupon = session.get(Coupon, payload["coupon_id"])
    if coupon is None or coupon.merchant_id != merchant_id:
        return {uid: "coupon_not_found" for uid in user_ids}
    keys = {f"{key_prefix}:{uid}": uid for uid in user_ids}
    held = set(session.scalars(select(UserCoupon.grant_key)
                               .where(UserCoupon.grant_key.in_(list(keys)))))
    outcome = {}
    for key, uid in keys.items():
        if key in held:
            outcome[uid] = "already_sent"
            continue
        try:
            with session.begin_nested():
                claims.grant(session, coupon_id=coupon.id, user_id=uid, now=now,
                             source="segment", key=key)
            outcome[uid] = "sent"
        except DomainError as exc:
            outcome[uid] = exc.code
    return outcome


def send_announcement(session: Session, *, merchant_id: int, user_ids: list[int],
                      payload: dict, key_prefix: str, now: datetime) -> dict[int, str]:
    _ann, created = announcements.deliver(
        session, merchant_id=merchant_id, community_id=None, title=payload["title"],
        body=payload["body"], user_ids=user_ids, key=f"{key_prefix}:{min(user_ids)}", now=now)
    return {uid: "sent" if created else "already_sent" for uid in user_ids}
