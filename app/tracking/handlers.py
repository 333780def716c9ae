"""Tracking's domain-event handlers (after the commit, once per event)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.events import PackageShipped
from app.orders.models import Order
from app.shipping import carriers
from app.shipping.models import Package
from app.tracking.setup import provider


def subscribe(session: Session, event: PackageShipped) -> None:
    """The provider follows the new package's number and pushes its changes.
    A refusal or an unreachable provider raises: the outbox retries with backoff."""
    tracker = provider()
    package = session.get(Package, event.package_id)
    if tracker is None or package is None:
        return
    order = session.get(Order, package.order_id)
    tracker.subscribe(carriers.BY_CODE[package.carrier], package.tracking_no,
                      phone=order.ship_to_phone if order is not None else "")
