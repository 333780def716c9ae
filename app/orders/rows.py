"""A new order's row and its lines' rows as plain values: every column
new_order's ORM objects insert, the table's defaults included, so a batch
writer that inserts with the driver (batch.py) writes the same rows, and
answers with the values OrderOut shows of an ORM order."""

from __future__ import annotations

from datetime import datetime

from app.orders import rules
from app.orders.models import Order, OrderLine, ship_to_of
from app.orders.pricing import Checkout, Line

ORDERS, LINES = Order.__table__, OrderLine.__table__


def _defaults(table) -> dict:
    """Each column but the id with its Python-side default (None if none)."""
    return {c.name: c.default.arg if c.default is not None and c.default.is_scalar else None
            for c in table.c if c.name != "id"}


ORDER_DEFAULTS = _defaults(ORDERS)
ORDER_COLUMNS = ("id", *ORDER_DEFAULTS)
LINE_COLUMNS = tuple(c.name for c in LINES.c)
LINE_VALUES = tuple(c for c in LINE_COLUMNS if c not in ("id", "order_id"))


def order_values(checkout: Checkout, attribution: dict, ship_to: dict, *, now: datetime,
                 remark: str = "", request_id: str | None = None,
                 request_digest: str | None = None) -> dict:
    """The pending order's columns (all but its id) from its priced checkout."""
    return {**ORDER_DEFAULTS,
            "buyer_id": checkout.buyer_id, "merchant_id": checkout.merchant_id,
            "kind": checkout.kind, "status": rules.PENDING, "goods_fen": checkout.goods_fen,
            "postage_fen": checkout.postage_fen, "discount_fen": checkout.discount_fen,
            "total_fen": checkout.payable_fen, "remark": remark, "created_at": now,
            "pay_deadline": now + rules.payment_window(checkout.kind),
            "request_id": request_id, "request_digest": request_digest,
            "delivery_kind": checkout.delivery_kind, **ship_to, **attribution}


def line_values(line: Line) -> dict:
    """A priced line's columns but its id and order id."""
    return {c: getattr(line, c) for c in LINE_VALUES}


def answer(values: dict, lines: list[dict]) -> dict:
    """An order as OrderOut shows it, from its row's values and its lines'."""
    return {**values, "ship_to": ship_to_of(values), "lines": lines}


def answer_of(order: Order) -> dict:
    """The same of an ORM order."""
    return answer({c: getattr(order, c) for c in ORDER_COLUMNS},
                  [{c: getattr(line, c) for c in LINE_COLUMNS} for line in order.lines])
