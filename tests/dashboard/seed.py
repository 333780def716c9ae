"""Orders written straight into the tables, each with the moments and
sources a dashboard reads (the order flow itself has its own tests)."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.db import transaction
from app.orders.models import Order, OrderLine


def order(merchant_id: int, buyer_id: int, sku_id: int, product_id: int, *, created: datetime,
          paid: datetime | None, total_fen: int, refunded_fen: int = 0, quantity: int = 1,
          status: str | None = None, title: str = "Tea", **source) -> int:
    """One order of one line worth `total_fen`; its id."""
    with transaction() as s:
        o = Order(buyer_id=buyer_id, merchant_id=merchant_id,
                  status=status or ("paid" if paid else "pending_payment"),
                  goods_fen=total_fen, total_fen=total_fen, refunded_fen=refunded_fen,
                  pay_deadline=created + timedelta(minutes=15), created_at=created,
                  paid_at=paid, **source)
        s.add(o)
        s.flush()
        s.add(OrderLine(order_id=o.id, sku_id=sku_id, product_id=product_id, title=title,
                        unit_price_fen=total_fen // quantity, quantity=quantity,
                        amount_fen=total_fen))
        return o.id
