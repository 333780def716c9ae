"""What a batch of helps reads before any is decided, one query each: the
batch's bargains locked in id order, their activities, the helpers' and
sharers' user rows locked in id order (helps of one helper or sharer in
racing batches queue there, so the caps count exactly), and every count the
caps and the risk signals need for the whole batch, each grouped (GROUP BY)
and all in one UNION ALL statement (a round trip less per count on
PostgreSQL, where the committer waits out each one)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import String, bindparam, cast, func, literal, select, union_all
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


def _tagged(kind: str, first, second, *where, count=True):
    """One part of the counts' UNION ALL: (kind, key, key, count), keys as text."""
    keys = [cast(first, String), cast(second, String) if second is not None else literal("")]
    if not count:  # the rows themselves (a pair is unique)
        return select(literal(kind), *keys, literal(1)).where(*where)
    groups = [c for c in (first, second) if c is not None]
    return select(literal(kind), *keys, func.count()).where(*where).group_by(*groups)


_DAY = H.day == bindparam("day")
# every count the caps and the risk need, in one statement (one round trip)
_COUNTS = union_all(
    _tagged("helped", H.bargain_id, H.helper_id, H.bargain_id.in_(_in("bids")),
            H.helper_id.in_(_in("hids")), count=False),
    _tagged("activity", H.activity_id, H.helper_id, H.activity_id.in_(_in("aids")),
            H.helper_id.in_(_in("hids"))),
    _tagged("helper_day", H.helper_id, None, H.helper_id.in_(_in("hids")), _DAY),
    _tagged("sharer_day", H.starter_id, None, H.starter_id.in_(_in("sids")), _DAY),
    _tagged("device_on", H.bargain_id, H.device_id, H.bargain_id.in_(_in("bids")), _DAY,
            H.device_id.in_(_in("devices"))),
    _tagged("ip_on", H.bargain_id, H.ip, H.bargain_id.in_(_in("bids")), _DAY,
            H.ip.in_(_in("ips"))),
    _tagged("device_user", H.device_id, H.helper_id, H.device_id.in_(_in("devices")), _DAY))


def read(session: Session, asks: list, day: str) -> Seen:
    """`asks`: (bargain id, Helper) each. Core on the session's connection:
    the ORM adds nothing here. Four statements: the bargains locked, their
    activities, the users locked, every count."""
    conn = session.connection()
    bids = sorted({bid for bid, _ in asks})
    bargains = {r.id: r for r in conn.execute(_BARGAINS, {"bids": bids})}
    aids = sorted({b.activity_id for b in bargains.values()})
    activities = {a.id: a for a in conn.execute(_ACTIVITIES, {"aids": aids})}
    hids = sorted({h.user_id for _, h in asks})
    sids = sorted({b.starter_id for b in bargains.values()})
    created = dict(conn.execute(_USERS, {"uids": sorted({*hids, *sids})}).all())
    seen = Seen(bargains, activities, created, set(), Counter(), Counter(), Counter(),
                Counter(), Counter())
    for kind, first, second, n in conn.execute(_COUNTS, {
            "bids": bids, "aids": aids, "hids": hids, "sids": sids, "day": day,
            "devices": sorted({h.device_id for _, h in asks if h.device_id}),
            "ips": sorted({h.ip for _, h in asks if h.ip})}):
        _tally(seen, kind, first, second, n)
    return seen


def _tally(seen: Seen, kind: str, first: str, second: str, n: int) -> None:
    if kind == "helped":
        seen.helped.add((int(first), int(second)))
    elif kind == "activity":
        seen.per_activity[(int(first), int(second))] = n
    elif kind == "helper_day":
        seen.helper_day[int(first)] = n
    elif kind == "sharer_day":
        seen.sharer_day[int(first)] = n
    elif kind == "device_on":
        seen.device_on[(int(first), second)] = n
    elif kind == "ip_on":
        seen.ip_on[(int(first), second)] = n
    else:
        seen.device_users.setdefault(first, set()).add(int(second))
