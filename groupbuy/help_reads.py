"""What a batch of helps reads before any is decided, one query each: the
batch's bargains locked in id order, their activities, the helpers' and
sharers' user rows locked in id order (helps of one helper or sharer in
racing batches queue there, so the caps count exactly), and every count the
caps and the risk signals need, grouped (GROUP BY) for the whole batch."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from app.auth.models import User
from groupbuy.models import Bargain, BargainActivity, BargainHelp

H = BargainHelp.__table__.c
B = Bargain.__table__.c
A = BargainActivity.__table__.c
U = User.__table__.c


def _in(name: str):
    return bindparam(name, expanding=True)


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


# Core statements, built once: the batch runs them on the session's connection
_BARGAINS = (select(B.id, B.activity_id, B.starter_id, B.status, B.expires_at, B.price_fen,
                    B.floor_price_fen, B.cuts)
             .where(B.id.in_(_in("bids"))).order_by(B.id).with_for_update())
_ACTIVITIES = select(BargainActivity.__table__).where(A.id.in_(_in("aids")))
_USERS = (select(U.id, U.created_at).where(U.id.in_(_in("uids"))).order_by(U.id)
          .with_for_update())
_HELPED = select(H.bargain_id, H.helper_id).where(H.bargain_id.in_(_in("bids")),
                                                  H.helper_id.in_(_in("hids")))


def _grouped(by: tuple, *where):
    return select(*by, func.count()).where(*where).group_by(*by)


_PER_ACTIVITY = _grouped((H.activity_id, H.helper_id), H.activity_id.in_(_in("aids")),
                         H.helper_id.in_(_in("hids")))
_HELPER_DAY = _grouped((H.helper_id,), H.helper_id.in_(_in("hids")), H.day == bindparam("day"))
_SHARER_DAY = _grouped((H.starter_id,), H.starter_id.in_(_in("sids")),
                       H.day == bindparam("day"))
_DEVICE_ON = _grouped((H.bargain_id, H.device_id), H.bargain_id.in_(_in("bids")),
                      H.day == bindparam("day"), H.device_id.in_(_in("devices")))
_IP_ON = _grouped((H.bargain_id, H.ip), H.bargain_id.in_(_in("bids")),
                  H.day == bindparam("day"), H.ip.in_(_in("ips")))
_DEVICE_USERS = (select(H.device_id, H.helper_id)
                 .where(H.device_id.in_(_in("devices")), H.day == bindparam("day"))
                 .group_by(H.device_id, H.helper_id))


def read(session: Session, asks: list, day: str) -> Seen:
    """`asks`: (bargain id, Helper) each. Core on the session's connection:
    the ORM adds nothing here."""
    conn = session.connection()
    bids = sorted({bid for bid, _ in asks})
    bargains = {r.id: r for r in conn.execute(_BARGAINS, {"bids": bids})}
    aids = sorted({b.activity_id for b in bargains.values()})
    activities = {a.id: a for a in conn.execute(_ACTIVITIES, {"aids": aids})}
    hids = sorted({h.user_id for _, h in asks})
    sids = sorted({b.starter_id for b in bargains.values()})
    created = dict(conn.execute(_USERS, {"uids": sorted({*hids, *sids})}).all())
    devices = sorted({h.device_id for _, h in asks if h.device_id})
    ips = sorted({h.ip for _, h in asks if h.ip})
    p = {"bids": bids, "aids": aids, "hids": hids, "sids": sids, "day": day,
         "devices": devices, "ips": ips}
    seen = Seen(bargains, activities, created,
                helped={tuple(r) for r in conn.execute(_HELPED, p)},
                per_activity=_counts(conn, _PER_ACTIVITY, p),
                helper_day=_counts(conn, _HELPER_DAY, p),
                sharer_day=_counts(conn, _SHARER_DAY, p),
                device_on=_counts(conn, _DEVICE_ON, p) if devices else Counter(),
                ip_on=_counts(conn, _IP_ON, p) if ips else Counter())
    if devices:
        for device, helper in conn.execute(_DEVICE_USERS, p):
            seen.device_users.setdefault(device, set()).add(helper)
    return seen


def _counts(conn, statement, params: dict) -> Counter:
    """{group: count}; a single column's group is the bare value."""
    out = Counter()
    for row in conn.execute(statement, params):
        out[row[0] if len(row) == 2 else tuple(row[:-1])] = row[-1]
    return out
