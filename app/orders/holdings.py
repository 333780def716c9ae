"""What an order holds besides its own row, and how it moves with the order.

An order takes things when it is made: its SKU stock, a flash sale's
units, a group seat, a bargain's purchase, a coupon, spent points. They are
the order's own state, so they move *inside* the transaction that moves the
order (paid, cancelled, refunded), never after it: a cancelled order never
still holds units, a paid group-buy order always has its seat confirmed,
and a late payment sees exactly what the order still holds. Everything else
that hears of an order (commission, points earned, membership, pickup
codes, statistics) is a domain event after the commit (app/events.py).

The feature that owns a holding registers it (its `feature.py`):

    Holding("flash units", kinds={"flashsale"}, paid=..., cancelled=...)

Each hook is `hook(session, order, now)`; it must be idempotent (a replayed
payment finds the work done) and may raise only for a real inconsistency,
which rolls the order's move back with it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from app.orders.models import Order

Hook = Callable[[Session, Order, datetime], object]


@dataclass(frozen=True)
class Holding:
    name: str
    kinds: frozenset[str] | None = None  # None: orders of every kind
    paid: Hook | None = None
    cancelled: Hook | None = None
    refunded: Hook | None = None  # after each refund that succeeded


_holdings: dict[str, Holding] = {}


def register(holding: Holding) -> None:
    _holdings[holding.name] = holding


def registered() -> dict[str, Holding]:
    return dict(_holdings)


def restore(saved: dict[str, Holding]) -> None:
    _holdings.clear()
    _holdings.update(saved)


def _run(moment: str, session: Session, order: Order, now: datetime) -> None:
    for holding in _holdings.values():
        hook = getattr(holding, moment)
        if hook is not None and (holding.kinds is None or order.kind in holding.kinds):
            hook(session, order, now)


def paid(session: Session, order: Order, now: datetime) -> None:
    _run("paid", session, order, now)


def cancelled(session: Session, order: Order, now: datetime) -> None:
    _run("cancelled", session, order, now)


def refunded(session: Session, order: Order, now: datetime) -> None:
    _run("refunded", session, order, now)
