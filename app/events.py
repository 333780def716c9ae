"""Domain events: what happened, typed, recorded in the outbox, handled
after the commit.

A use case that changes state records its event in the same transaction
(`app.outbox.record(session, OrderPaid(...))`): the event exists if and
only if the change committed. After the commit a job (queue "events")
applies every handler subscribed to the event's type, each in a transaction
of its own that also writes (event id, handler name): a handler takes
effect once per event, however often the job runs, and a failing handler is
retried without touching the change that caused it, nor the other handlers.
Events of one stream (one order) reach each feature's handlers in the order
they happened. The outbox sweep re-runs events whose job was lost
(app/outbox/).

Handlers live in the feature that reacts (its `handlers.py`, declared in its
`feature.py`), named "<feature>.<what>":

    Handler(OrderPaid, "referral.commission", handlers.on_order_paid)

A handler is `run(session, event)`: it reads what it needs by id, takes
`event.at` as its `now`, never commits, and sends jobs and socket emits
through `app.db.after_commit` like any use case.

The payloads, one dataclass per event (ids and plain values only):
"""

from __future__ import annotations

import dataclasses
import json
import typing
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy.orm import Session


class OnOrder:
    """An order's events form one stream: a feature sees them in order."""

    order_id: int

    @property
    def stream(self) -> str:
        return f"order:{self.order_id}"


@dataclass(frozen=True)
class OrderPaid(OnOrder):
    """An order was paid (first payment credited, or a late payment revived it)."""

    name: ClassVar[str] = "order_paid"
    order_id: int
    buyer_id: int
    merchant_id: int
    kind: str
    at: datetime


@dataclass(frozen=True)
class RefundedLine:
    order_line_id: int
    sku_id: int
    quantity: int
    amount_fen: int


@dataclass(frozen=True)
class OrderRefunded(OnOrder):
    """A refund of an order succeeded. `whole`: the order is now wholly
    refunded (status `refunded`)."""

    name: ClassVar[str] = "order_refunded"
    order_id: int
    refund_id: int
    amount_fen: int
    lines: tuple[RefundedLine, ...]
    whole: bool
    at: datetime


@dataclass(frozen=True)
class OrderCompleted(OnOrder):
    """An order completed (received, and the after-sale window closed)."""

    name: ClassVar[str] = "order_completed"
    order_id: int
    at: datetime


@dataclass(frozen=True)
class OrderCancelled(OnOrder):
    """An unpaid order was cancelled (by its buyer, or its payment timed out)."""

    name: ClassVar[str] = "order_cancelled"
    order_id: int
    reason: str
    at: datetime


@dataclass(frozen=True)
class PackageShipped(OnOrder):
    """A package of an order went out (app/shipping): tracking subscribes to it."""

    name: ClassVar[str] = "package_shipped"
    order_id: int
    package_id: int
    at: datetime


@dataclass(frozen=True)
class AfterSaleChanged(OnOrder):
    """A buyer's after-sale request was made or moved to `status` (app/aftersales)."""

    name: ClassVar[str] = "after_sale_changed"
    order_id: int
    after_sale_id: int
    buyer_id: int
    merchant_id: int
    kind: str
    status: str
    amount_fen: int
    at: datetime


EVENTS: dict[str, type] = {cls.name: cls for cls in
                           (OrderPaid, OrderRefunded, OrderCompleted, OrderCancelled,
                            PackageShipped, AfterSaleChanged)}


# ---- handlers

@dataclass(frozen=True)
class Handler:
    event: type
    name: str  # "<feature>.<what>", stable and unique: recorded per event applied
    run: Callable[[Session, Any], object]

    @property
    def feature(self) -> str:
        """A feature's handlers see each stream's events in order."""
        return self.name.partition(".")[0]


_handlers: dict[str, Handler] = {}


def subscribe(handler: Handler) -> None:
    _handlers[handler.name] = handler


def handlers_for(event_type: type) -> list[Handler]:
    """The handlers of a type, by name (a stable order)."""
    return [h for _, h in sorted(_handlers.items()) if h.event is event_type]


def registered() -> dict[str, Handler]:
    return dict(_handlers)


def restore(saved: dict[str, Handler]) -> None:
    _handlers.clear()
    _handlers.update(saved)


def encode(event) -> str:
    return json.dumps(_plain(event), sort_keys=True, separators=(",", ":"))


def decode(name: str, payload: str):
    return _build(EVENTS[name], json.loads(payload))


def _plain(value):
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def _build(cls: type, data: dict):
    hints = typing.get_type_hints(cls)
    return cls(**{f.name: _typed(hints[f.name], data[f.name]) for f in dataclasses.fields(cls)})


def _typed(hint, value):
    if hint is datetime:
        return datetime.fromisoformat(value)
    if typing.get_origin(hint) is tuple:
        item = typing.get_args(hint)[0]
        return tuple(_typed(item, v) for v in value)
    if dataclasses.is_dataclass(hint):
        return _build(hint, value)
    return value
