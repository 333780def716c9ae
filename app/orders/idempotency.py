"""Creating an order once per client key (`request_id`).

A buyer's request_id names at most one order: a unique index on (buyer_id,
request_id), NULL for orders made without one. The same key asking the same
(rules.request_digest) answers the order it made, whatever became of it
since; asking anything else it is refused (`request_id_reused`), nothing
written.

Race-safe without trusting a read: the order is made in a savepoint. If a
request with the same key committed first, either the insert fails on the
unique index (PostgreSQL makes the second insert wait for the first's commit
and then refuses it) or the first took what this one needed before its
insert (the points, the cart lines) and this one was refused; either way
the savepoint is rolled back (stock, coupon, points, cart untouched) and the
first's order, read back, is the answer. On SQLite writers queue (BEGIN
IMMEDIATE), so the second request already finds the first's order before it
starts.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.errors import DomainError
from app.orders.errors import RequestIdReused
from app.orders.models import Order

# create(request_id=..., request_digest=...) -> the new order, written
Create = Callable[..., Order]


def once(session: Session, *, buyer_id: int, request_id: str | None, digest: str,
         create: Create) -> tuple[Order, bool]:
    """(order, created): the order this key made before, or a new one."""
    if request_id is None:
        return create(request_id=None, request_digest=None), True
    found = find(session, buyer_id, request_id)
    if found is not None:
        return replayed(found, digest), False
    return create_or_replay(session, buyer_id=buyer_id, request_id=request_id,
                            digest=digest, create=create)


def create_or_replay(session: Session, *, buyer_id: int, request_id: str, digest: str,
                     create: Create) -> tuple[Order, bool]:
    """Make the order in a savepoint; if that fails and the key names an
    order by now (a racing request's), answer that one."""
    try:
        with session.begin_nested():
            return create(request_id=request_id, request_digest=digest), True
    except (IntegrityError, DomainError):
        found = find(session, buyer_id, request_id)
        if found is None:
            raise
    return replayed(found, digest), False


def find(session: Session, buyer_id: int, request_id: str) -> Order | None:
    return session.scalars(select(Order).where(Order.buyer_id == buyer_id,
                                               Order.request_id == request_id)
                           .execution_options(populate_existing=True)).one_or_none()


def replayed(order: Order, digest: str) -> Order:
    if order.request_digest != digest:
        raise RequestIdReused(details={"request_id": order.request_id})
    return order
