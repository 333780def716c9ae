"""Tracking use cases: a verified push applied once, and an order's
packages with their timelines.

A push is applied under its order's row lock (serialised with shipping,
refunds and other pushes of the order). Its events are inserted with
INSERT ... ON CONFLICT DO NOTHING on (package, time, text), so the same push
twenty times, or concurrently, stores each event once. "Signed for" marks
the package signed (the first time only) and, once the order is wholly
shipped and every package is signed, receives the order through
app.shipping.service.settle_delivery: a guarded move, so exactly once, with
the after-sale timer started; the 10-day auto-receive stays the backstop.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db import insert_ignoring
from app.orders import service as orders
from app.orders.models import Order
from app.shipping import carriers
from app.shipping import service as shipping
from app.shipping.models import Package
from app.tracking import rules
from app.tracking.errors import PackageNotFound
from app.tracking.models import TrackingEvent
from app.tracking.provider import Push


@dataclass(frozen=True)
class Applied:
    package_id: int
    stored: int  # events new to us
    received: bool  # this push made the order received


def find_package(session: Session, push: Push) -> Package:
    """By carrier and number; a number alone when the provider named a
    carrier we do not list (or corrected it) and one package has it."""
    if push.carrier is not None:
        package = session.scalar(select(Package).filter_by(carrier=push.carrier,
                                                           tracking_no=push.tracking_no))
        if package is not None:
            return package
    found = list(session.scalars(select(Package).filter_by(tracking_no=push.tracking_no)
                                 .limit(2)))
    if len(found) != 1:
        raise PackageNotFound(details={"carrier": push.carrier,
                                       "tracking_no": push.tracking_no[:32]})
    return found[0]


def apply(session: Session, push: Push, *, provider: str, now: datetime) -> Applied:
    package = find_package(session, push)
    orders.lock_order(session, package.order_id)
    session.refresh(package)
    known = _newest(session, package.id)
    before = _count(session, package.id)
    if push.events:  # oldest first (pushes list the newest first), so ids follow time
        session.execute(insert_ignoring(session, TrackingEvent), [
            {"package_id": package.id, "at": e.at, "context": e.context, "state": e.state,
             "location": e.location, "provider": provider, "received_at": now}
            for e in sorted(reversed(push.events), key=lambda e: e.at)])
    stored = _count(session, package.id) - before
    if push.state and package.signed_at is None and rules.newer_or_same(push.newest, known):
        package.state = push.state
    received = False
    if push.signed:
        package.state = rules.SIGNED
        received = shipping.mark_signed(session, package, push.signed_at or now, now)
    return Applied(package.id, stored, received)


def _count(session: Session, package_id: int) -> int:
    return session.scalar(select(func.count()).select_from(TrackingEvent)
                          .where(TrackingEvent.package_id == package_id))


def _newest(session: Session, package_id: int) -> datetime | None:
    return session.scalar(select(func.max(TrackingEvent.at))
                          .where(TrackingEvent.package_id == package_id))


def timeline(session: Session, order: Order) -> dict:
    """The order's packages: carrier, number, lines and events newest first;
    and the units still to ship."""
    packages = shipping.packages_of(session, order.id)
    events: dict[int, list[TrackingEvent]] = {p.id: [] for p in packages}
    for row in session.scalars(select(TrackingEvent)
                               .where(TrackingEvent.package_id.in_(list(events)))
                               .order_by(TrackingEvent.at.desc(), TrackingEvent.id.desc())):
        events[row.package_id].append(row)
    lines = {line.id: line for line in order.lines}
    return {"order_id": order.id, "status": order.status,
            "packages": [_package(p, lines, events[p.id]) for p in packages],
            "unshipped": shipping.unshipped(session, order)}


def _package(package: Package, lines: dict, events: list[TrackingEvent]) -> dict:
    carrier = carriers.BY_CODE.get(package.carrier)
    return {"id": package.id, "carrier": package.carrier,
            "carrier_name": carrier.name_zh if carrier else package.carrier,
            "carrier_name_en": carrier.name_en if carrier else package.carrier,
            "tracking_no": package.tracking_no, "shipped_at": package.shipped_at,
            "state": package.state, "signed_at": package.signed_at,
            "lines": [{"line_id": pl.order_line_id, "title": lines[pl.order_line_id].title,
                       "spec": lines[pl.order_line_id].spec, "quantity": pl.quantity}
                      for pl in package.lines],
            "events": events}
