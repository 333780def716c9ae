"""Group-buy jobs: ids in, idempotent, each group or member in its own
transaction. `expire` runs once per group (job id gb-expire-<id>) at its
expiry; `sweep` catches any job that was lost."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from sqlalchemy import select

from app import clock
from app.db import transaction
from app.orders import rules as order_rules
from app.orders import service as orders
from app.orders.models import Order
from app.redis import client as redis_client
from groupbuy import closing, recovery, rules
from groupbuy.engine import engine_for
from groupbuy.models import GroupMember

log = logging.getLogger(__name__)


def expire(group_id: int) -> str:
    """Close the group if due, then refund each member due one, one by one."""
    with transaction() as session:
        outcome = closing.expire(session, engine_for(redis_client()), group_id, clock.now())
    with transaction() as session:
        due = closing.refunds_due(session, group_id=group_id)
    for order_id in due:
        _each(refund_member, order_id)  # one member's trouble never holds back the rest
    return outcome


def expire_seats_due(until_s: int) -> int:
    """Cancel the joined seats' orders still unpaid whose deadline is at or
    before `until_s` (epoch seconds), each in its own transaction (its seat
    is given back by the order's cancellation); how many. One such timer per
    deadline second replaces one per order (groupbuy/joins.py)."""
    until = datetime.fromtimestamp(until_s, UTC)
    with transaction() as session:
        due = list(session.scalars(
            select(GroupMember.order_id).join(Order, Order.id == GroupMember.order_id)
            .where(GroupMember.status == rules.HELD, Order.status == order_rules.PENDING,
                   Order.pay_deadline <= until)
            .order_by(GroupMember.order_id)))
    now = max(clock.now(), until)  # a worker whose clock lags still expires what was due
    expired = 0
    for order_id in due:
        with transaction() as session:
            expired += orders.expire_unpaid(session, order_id=order_id, now=now)
    return expired


def refund_member(order_id: int) -> int | None:
    with transaction() as session:
        return closing.refund_member(session, order_id, clock.now())


def sweep() -> dict[str, int]:
    """Groups past their expiry still open, and members still due a refund."""
    now = clock.now()
    with transaction() as session:
        groups = closing.due_groups(session, now)
    expired = [_each(expire, gid) for gid in groups]
    with transaction() as session:
        due = closing.refunds_due(session)
    refunded = [_each(refund_member, oid) for oid in due]
    return {"groups": len(expired), "refunds": sum(1 for r in refunded if r)}


def _each(step, item_id: int):
    """One item's trouble never stops the sweep."""
    try:
        return step(item_id)
    except Exception:
        log.exception("group-buy sweep: %s(%s) failed", step.__name__, item_id)
        return None


def rebuild() -> dict[str, int]:
    """Write every open group's seats and live bargain's cuts into Redis."""
    with transaction() as session:
        return recovery.rebuild(session, engine_for(redis_client()), clock.now())
