"""Writing a batch of priced orders with the driver (app/db_rows.py), not
the ORM unit of work: their ids reserved, then the orders and their lines
inserted with one executemany each, the rows new_order writes. The caller
has taken their stock. An order whose pricing left writers (`afterwards`: a
coupon marked used, points spent) is loaded into the session once written
and handed to them, as write_order hands its order: what they change is
flushed with the transaction and shows in its answer."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from app.db_rows import insert_rows, reserve_ids
from app.orders import rows
from app.orders.models import Order
from app.orders.service import Priced


def write_priced(session: Session, items: list[tuple[Priced, datetime]]) -> list[dict]:
    """Write each (priced order, its `now`) as a pending order; each order as
    OrderOut shows it (rows.answer), in the order of `items`."""
    conn = session.connection()
    order_ids = reserve_ids(conn, rows.ORDERS, len(items))
    line_ids = iter(reserve_ids(conn, rows.LINES,
                                sum(len(p.checkout.lines) for p, _ in items)))
    answers, order_rows, line_rows = [], [], []
    for oid, (priced, now) in zip(order_ids, items, strict=True):
        values = {"id": oid, **rows.order_values(priced.checkout, priced.attribution,
                                                 priced.ship_to, now=now)}
        lines = [{"id": next(line_ids), "order_id": oid, **rows.line_values(line)}
                 for line in priced.checkout.lines]
        order_rows.append(tuple(values[c] for c in rows.ORDER_COLUMNS))
        line_rows += [tuple(line[c] for c in rows.LINE_COLUMNS) for line in lines]
        answers.append(rows.answer(values, lines))
    insert_rows(conn, rows.ORDERS, rows.ORDER_COLUMNS, order_rows)
    insert_rows(conn, rows.LINES, rows.LINE_COLUMNS, line_rows)
    for k, (priced, _) in enumerate(items):
        if priced.afterwards:
            order = session.get(Order, order_ids[k])
            for after in priced.afterwards:
                after(order)
            answers[k] = rows.answer_of(order)
    return answers
