"""Flash-sale jobs: ids in, idempotent, unique job ids (`fs-settle-<id>` at a
sale's end, `fs-rebuild-<id>` when a grab finds the sale missing,
`fs-expire-<id>-<second>` for the orders whose payment deadline falls in
that second; queued by flows.py by name). The sweep reconciles every
unsettled sale and the orders sweep catches lost expiry timers."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from app import clock
from app.db import transaction
from app.orders import rules as order_rules
from app.orders import service as order_service
from app.orders.models import Order
from flashsale import flows, recovery
from flashsale.models import FlashOrder


def expire_due(activity_id: int, until_s: int) -> int:
    """Cancel the sale's orders still unpaid whose deadline is at or before
    `until_s` (epoch seconds), each in its own transaction; how many."""
    until = datetime.fromtimestamp(until_s, UTC)
    with transaction() as session:
        due = list(session.scalars(
            select(FlashOrder.order_id).join(Order, Order.id == FlashOrder.order_id)
            .where(FlashOrder.activity_id == activity_id, Order.status == order_rules.PENDING,
                   Order.pay_deadline <= until)
            .order_by(FlashOrder.order_id)))
    # as of its second at the latest: a worker whose clock lags the
    # scheduler's still expires what was due
    now = max(clock.now(), until)
    expired = 0
    for order_id in due:
        with transaction() as session:
            expired += order_service.expire_unpaid(session, order_id=order_id, now=now)
    return expired


def rebuild(activity_id: int) -> int:
    return flows.load(activity_id)


def settle(activity_id: int) -> int | None:
    return recovery.settle(activity_id)


def sweep() -> dict[int, dict]:
    return recovery.sweep()
