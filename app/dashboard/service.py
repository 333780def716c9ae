"""The dashboard of one merchant: its orders read once for the period, the
figures computed by app/dashboard/rules.py."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import CHINA, as_utc
from app.dashboard import rules
from app.orders.models import Order, OrderLine
from app.orders.rules import REFUNDED


def dashboard(session: Session, merchant_id: int, days: int, now: datetime) -> dict:
    start = rules.period_start(now, days, CHINA)
    today = rules.period_start(now, 1, CHINA)
    sales = _sales(session, merchant_id, start, now)
    placed = [rules.Placed(as_utc(created), buyer, paid is not None) for created, buyer, paid in
              session.execute(select(Order.created_at, Order.buyer_id, Order.paid_at).where(
                  Order.merchant_id == merchant_id, Order.created_at >= start,
                  Order.created_at <= now))]
    return {
        "days": days,
        "start": start,
        "today": rules.figures(*rules.since(sales, placed, today)),
        "period": rules.figures(sales, placed),
        "daily": rules.daily(sales, start.date(), days, CHINA),
        "by_source": rules.by_source(sales),
        "top_products": rules.top_products(_lines(session, merchant_id, start, now)),
    }


def _paid_between(merchant_id: int, start: datetime, now: datetime):
    return (Order.merchant_id == merchant_id, Order.paid_at.is_not(None),
            Order.paid_at >= start, Order.paid_at <= now)


def _sales(session: Session, merchant_id: int, start: datetime, now: datetime) -> list:
    rows = session.execute(select(Order.paid_at, Order.buyer_id, Order.total_fen,
                                  Order.refunded_fen, Order.room_id, Order.share_id,
                                  Order.community_id)
                           .where(*_paid_between(merchant_id, start, now)))
    return [rules.Sale(as_utc(r.paid_at), r.buyer_id, r.total_fen, r.refunded_fen,
                       rules.source_of(r.room_id, r.share_id, r.community_id)) for r in rows]


def _lines(session: Session, merchant_id: int, start: datetime, now: datetime) -> list:
    rows = session.execute(select(OrderLine.product_id, OrderLine.title, OrderLine.quantity,
                                  OrderLine.amount_fen)
                           .join(Order, Order.id == OrderLine.order_id)
                           .where(*_paid_between(merchant_id, start, now),
                                  Order.status != REFUNDED)
                           .order_by(Order.paid_at, OrderLine.id))
    return [rules.Line(*row) for row in rows]
