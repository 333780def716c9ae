"""What a batch of helps reads before any is decided, one query each: the
batch's bargains locked in id order, their activities, the helpers' and
sharers' user rows locked in id order (helps of one helper or sharer in
racing batches queue there, so the caps count exactly), and every count the
caps and the risk signals need, grouped (GROUP BY) for the whole batch."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.auth.models import User
from groupbuy.models import Bargain, BargainActivity, BargainHelp

H = BargainHelp


@dataclass
class Seen:
    """The batch's rows and counts so far (the database's, then the batch's
    own admitted helps added in order: see helps.py)."""

    bargains: dict[int, object]  # id -> row (id, activity_id, starter_id, status, ...)
    activities: dict[int, object]
    created: dict[int, datetime]  # helper id -> account created at
    helped: set[tuple[int, int]]  # (bargain, helper)
    per_activity: Counter  # (activity, helper) -> helps
    helper_day: Counter  # helper -> helps today
    sharer_day: Counter  # starter -> helps today
    device_on: Counter  # (bargain, device) -> helps today
    ip_on: Counter  # (bargain, ip) -> helps today
    device_users: dict[str, set[int]] = field(default_factory=dict)  # device -> helpers today


_BARGAIN = (Bargain.id, Bargain.activity_id, Bargain.starter_id, Bargain.status,
            Bargain.expires_at, Bargain.price_fen, Bargain.floor_price_fen, Bargain.cuts)


def read(session: Session, asks: list, day: str) -> Seen:
    """`asks`: (bargain id, Helper) each."""
    bids = sorted({bid for bid, _ in asks})
    bargains = {r.id: r for r in session.execute(
        select(*_BARGAIN).where(Bargain.id.in_(bids)).order_by(Bargain.id).with_for_update())}
    aids = sorted({b.activity_id for b in bargains.values()})
    activities = {a.id: a for a in session.scalars(
        select(BargainActivity).where(BargainActivity.id.in_(aids)))}
    hids = sorted({h.user_id for _, h in asks})
    sids = sorted({b.starter_id for b in bargains.values()})
    created = dict(session.execute(
        select(User.id, User.created_at).where(User.id.in_(sorted({*hids, *sids})))
        .order_by(User.id).with_for_update()).all())
    devices = sorted({h.device_id for _, h in asks if h.device_id})
    ips = sorted({h.ip for _, h in asks if h.ip})
    seen = Seen(bargains, activities, created,
                helped=set(session.execute(select(H.bargain_id, H.helper_id).where(
                    H.bargain_id.in_(bids), H.helper_id.in_(hids))).all()),
                per_activity=_counts(session, (H.activity_id, H.helper_id),
                                     H.activity_id.in_(aids), H.helper_id.in_(hids)),
                helper_day=_counts(session, (H.helper_id,), H.helper_id.in_(hids),
                                   H.day == day),
                sharer_day=_counts(session, (H.starter_id,), H.starter_id.in_(sids),
                                   H.day == day),
                device_on=_counts(session, (H.bargain_id, H.device_id), H.bargain_id.in_(bids),
                                  H.day == day, H.device_id.in_(devices)) if devices else Counter(),
                ip_on=_counts(session, (H.bargain_id, H.ip), H.bargain_id.in_(bids),
                              H.day == day, H.ip.in_(ips)) if ips else Counter())
    if devices:
        for device, helper in session.execute(
                select(H.device_id, H.helper_id).where(H.device_id.in_(devices), H.day == day)
                .group_by(H.device_id, H.helper_id)):
            seen.device_users.setdefault(device, set()).add(helper)
    return seen


def _counts(session: Session, by: tuple, *where) -> Counter:
    """{group: count}; a single column's group is the bare value."""
    rows = session.execute(select(*by, func.count()).where(*where).group_by(*by))
    if len(by) == 1:
        return Counter({r[0]: r[1] for r in rows})
    return Counter({tuple(r[:-1]): r[-1] for r in rows})
