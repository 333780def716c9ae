"""SQLite's way to write a batch's orders, lines and flash orders: three
`executemany` calls on the driver with the batch's constant values (its
timestamps included) converted once, not once per row. The batch runs under
SQLite's write lock (BEGIN IMMEDIATE), so the order ids after the largest
are free and are given explicitly. Same rows as batch_pg.py writes."""

from __future__ import annotations

from datetime import datetime

from app.orders import delivery
from app.orders import rules as order_rules
from app.orders.models import Order
from app.orders.sources import FIELDS
from flashsale import rules

# each source column once ('community' and 'pickup' fill the same pair)
SOURCE_COLUMNS = list(dict.fromkeys(c for pair in FIELDS.values() for c in pair))
ORDER_COLUMNS = ["id", "buyer_id", "merchant_id", "kind", "status", "goods_fen",
                 "postage_fen", "discount_fen", "total_fen", "refunded_fen", "refund_status",
                 "remark", "pay_deadline", "created_at", "cancel_reason", "carrier",
                 "tracking_no", "delivery_kind", *SOURCE_COLUMNS]
LINE_COLUMNS = ["order_id", "sku_id", "product_id", "title", "spec", "unit_price_fen",
                "quantity", "amount_fen"]
FLASH_COLUMNS = ["activity_id", "grab_no", "order_id", "buyer_id", "quantity", "state",
                 "created_at"]


def _insert(table: str, columns: list[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


INSERT_ORDERS = _insert("orders", ORDER_COLUMNS)
INSERT_LINES = _insert("order_lines", LINE_COLUMNS)
INSERT_FLASH = _insert("flash_orders", FLASH_COLUMNS)


def _stamp(conn, value: datetime):
    """`value` as the column type stores it on this connection's dialect."""
    kind = Order.__table__.c.created_at.type
    process = kind.dialect_impl(conn.dialect).bind_processor(conn.dialect)
    return process(value) if process else value


def insert_orders(conn, activity, accepted: list, now: datetime,
                  deadline: datetime) -> list[int]:
    """Write the accepted wins' orders (the hot path's version of
    orders.create_order: no SKU stock, the units come out of the sale's
    quota; no ship-to yet: the buyer gives it before the order ships); their
    order ids in the order of `accepted`."""
    at, due = _stamp(conn, now), _stamp(conn, deadline)
    first = conn.exec_driver_sql("SELECT COALESCE(MAX(id), 0) + 1 FROM orders").scalar()
    ids = list(range(first, first + len(accepted)))
    price = activity.price_fen
    orders, lines, flash = [], [], []
    for oid, (grab, attribution) in zip(ids, accepted, strict=True):
        win = grab.win
        total = price * win.quantity
        orders.append((oid, win.user_id, activity.merchant_id, "flashsale",
                       order_rules.PENDING, total, 0, 0, total, 0, order_rules.REFUND_NONE,
                       "", due, at, "", "", "", delivery.kind_for(None, grab.source),
                       *(attribution.get(c) for c in SOURCE_COLUMNS)))
        lines.append((oid, activity.sku_id, activity.product_id, activity.title,
                      activity.spec, price, win.quantity, total))
        flash.append((activity.id, win.grab_no, oid, win.user_id, win.quantity, rules.HELD,
                      at))
    conn.exec_driver_sql(INSERT_ORDERS, orders)
    conn.exec_driver_sql(INSERT_LINES, lines)
    conn.exec_driver_sql(INSERT_FLASH, flash)
    return ids
