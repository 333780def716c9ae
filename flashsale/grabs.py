"""Buyer use cases: whether a sale is open, and writing won grabs
as pending orders. Redis filtered the wins; here the database has the last
word, a batch at a time: under the activity's row lock it refuses any win
that would pass the quota or the user's limit, so an acknowledged sale is
one the database holds and no unit is sold twice, whatever Redis said."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import bindparam, select, union, update
from sqlalchemy.orm import Session

from app.catalog.models import Product, Sku
from app.errors import DomainError
from app.orders import rules as order_rules
from app.orders import sources
from flashsale import activities, batch_pg, batch_sqlite, errors, rules
from flashsale.engine import GrabAsk, Win
from flashsale.models import FlashActivity, FlashOrder


@dataclass(frozen=True)
class Ask(GrabAsk):
    """A buyer's grab, waiting for its batch's trip to Redis."""

    source: dict = field(default_factory=dict)
    queued_at: float = 0.0  # time.monotonic() when asked


@dataclass(frozen=True)
class Refused:
    """Redis said no: the error to raise; `missing` when the sale had no
    state there (the caller then says why, or asks for a rebuild)."""

    error: DomainError
    missing: bool = False


@dataclass(frozen=True)
class Grab:
    """A win from Redis, waiting to be written."""

    win: Win
    source: dict = field(default_factory=dict)
    queued_at: float = 0.0  # time.monotonic() when asked

    @property
    def key(self) -> tuple[int, int]:
        return (self.win.activity_id, self.win.grab_no)


@dataclass(frozen=True)
class Placed:
    order_id: int
    activity_id: int
    grab_no: int
    quantity: int
    price_fen: int
    total_fen: int
    pay_deadline: datetime


_CLOSED = {rules.UPCOMING: errors.NotStarted, rules.BETWEEN: errors.NotStarted,
           rules.ENDED: errors.Ended, rules.STOPPED: errors.Stopped,
           rules.DRAFT: errors.ActivityNotFound}


def check_open(current: str) -> None:
    refusal = _CLOSED.get(current)
    if refusal is not None:
        raise refusal()


# refusals that mean Redis let through what the database would not: rebuild
DRIFT_SIGNS = (errors.SoldOut, errors.LimitReached, errors.OverOrderLimit, errors.Unavailable)


def write_wins(session: Session, grabs: list[Grab], now: datetime):
    """Write a batch of wins. Returns ({(activity id, grab no): Placed or the
    error that refused it}, {activity id: units sold after the batch}).
    Refused wins write nothing; the caller gives them back."""
    results: dict[tuple[int, int], Placed | DomainError] = {}
    sold: dict[int, int] = {}
    by_activity: dict[int, list[Grab]] = {}
    for grab in grabs:
        by_activity.setdefault(grab.win.activity_id, []).append(grab)
    for activity_id in sorted(by_activity):  # a fixed lock order
        done, sold[activity_id] = _write_activity(session, activity_id,
                                                  by_activity[activity_id], now)
        results.update(done)
    return results, sold


# the sale under its row lock, with what its order lines copy, in one read
_LOCKED = (select(FlashActivity.id, FlashActivity.status, FlashActivity.settled_at,
                  FlashActivity.sold, FlashActivity.quota, FlashActivity.per_user_limit,
                  FlashActivity.per_order_limit, FlashActivity.merchant_id,
                  FlashActivity.sku_id, FlashActivity.product_id, FlashActivity.price_fen,
                  Sku.spec, Product.title)
           .join(Sku, Sku.id == FlashActivity.sku_id)
           .join(Product, Product.id == FlashActivity.product_id)
           .where(FlashActivity.id == bindparam("aid"))
           .with_for_update(of=FlashActivity))
# the sale's flash orders that touch a batch: its buyers' (for their limits)
# and any that already hold one of its grab numbers; a UNION, so each half
# uses its index (an OR makes SQLite scan the whole sale)
_TOUCHED = union(*(select(FlashOrder.buyer_id, FlashOrder.grab_no, FlashOrder.quantity,
                          FlashOrder.state)
                   .where(FlashOrder.activity_id == bindparam("aid"), term)
                   for term in (FlashOrder.buyer_id.in_(bindparam("uids", expanding=True)),
                                FlashOrder.grab_no.in_(bindparam("nos", expanding=True)))))
_SELL = (update(FlashActivity)
         .where(FlashActivity.id == bindparam("aid"),
                FlashActivity.sold + bindparam("units") <= FlashActivity.quota)
         .values(sold=FlashActivity.sold + bindparam("units")))


def _write_activity(session: Session, activity_id: int, grabs: list[Grab], now: datetime):
    conn = session.connection()  # Core throughout: the ORM adds nothing on this path
    pg = conn.dialect.name == "postgresql"
    uids = sorted({g.win.user_id for g in grabs})
    nos = [g.win.grab_no for g in grabs]
    if pg:
        activity, touched = batch_pg.read(conn, activity_id, uids, nos)
    else:
        activity = conn.execute(_LOCKED, {"aid": activity_id}).one_or_none()
        touched = conn.execute(_TOUCHED, {"aid": activity_id, "uids": uids, "nos": nos}) \
            if activity is not None else []
    if activity is None:
        raise errors.ActivityNotFound()
    if activity.status != rules.PUBLISHED or activity.settled_at is not None:
        return {(activity_id, g.win.grab_no): errors.Stopped() for g in grabs}, activity.sold
    accepted, results = _admit(session, activity, touched, grabs)
    if not accepted:
        return results, activity.sold
    units = sum(g.win.quantity for g, _ in accepted)
    deadline = now + order_rules.payment_window("flashsale")
    if pg:
        ids = batch_pg.write(conn, activity, accepted, units, now, deadline)
    elif conn.execute(_SELL, {"aid": activity_id, "units": units}).rowcount == 1:
        ids = batch_sqlite.insert_orders(conn, activity, accepted, now, deadline)
    else:
        ids = []
    if len(ids) != len(accepted):  # cannot happen under the row lock; refuse, never oversell
        raise errors.Unavailable()
    for oid, (grab, _) in zip(ids, accepted, strict=True):
        win = grab.win
        results[(activity_id, win.grab_no)] = Placed(
            oid, activity_id, win.grab_no, win.quantity, activity.price_fen,
            activity.price_fen * win.quantity, deadline)
    return results, activity.sold + units


def _admit(session: Session, activity, touched, grabs: list[Grab]):
    """The wins that fit the quota and each user's limit, in grab order, with
    their order attribution; the rest refused. `touched`: the sale's flash
    orders of the batch's buyers or grab numbers."""
    uids = {g.win.user_id for g in grabs}
    nos = {g.win.grab_no for g in grabs}
    taken: dict[int, int] = {}
    reused = set()
    for row in touched:
        if row.grab_no in nos:
            reused.add(row.grab_no)
        if row.buyer_id in uids and row.state in rules.TAKEN_STATES:
            taken[row.buyer_id] = taken.get(row.buyer_id, 0) + row.quantity
    left = activity.quota - activity.sold
    accepted, results = [], {}
    for grab in sorted(grabs, key=lambda g: g.win.grab_no):
        win, key = grab.win, (activity.id, grab.win.grab_no)
        if win.grab_no in reused:  # Redis lost its counter: never write over a sale
            results[key] = errors.Unavailable(details={"grab_no": win.grab_no})
            continue
        if win.quantity > activity.per_order_limit:
            results[key] = errors.OverOrderLimit(details={"limit": activity.per_order_limit})
            continue
        if taken.get(win.user_id, 0) + win.quantity > activity.per_user_limit:
            results[key] = errors.LimitReached(details={"limit": activity.per_user_limit})
            continue
        if win.quantity > left:
            results[key] = errors.SoldOut(details={"remaining": left})
            continue
        try:
            attribution = sources.resolve(session, grab.source, win.user_id,
                                          merchant_id=activity.merchant_id)
        except DomainError as exc:
            results[key] = exc
            continue
        taken[win.user_id] = taken.get(win.user_id, 0) + win.quantity
        left -= win.quantity
        accepted.append((grab, attribution))
    return accepted, results


def my_orders(session: Session, *, activity_id: int, user_id: int) -> list[FlashOrder]:
    activities.get(session, activity_id)
    return list(session.scalars(select(FlashOrder).where(FlashOrder.activity_id == activity_id,
                                                         FlashOrder.buyer_id == user_id)
                                .order_by(FlashOrder.id)))
