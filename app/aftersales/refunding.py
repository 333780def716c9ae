"""An after-sale's money, through the one refund path (app/payments/refunds):
the refund key is derived from the request, so a repeat or a race finds the
same refund (the path is idempotent by order and key). The request's amount
is shared over its lines by their caps; the path adds the postage when the
refund takes the order's last refundable units. When the provider reports
success the path gives stock back (if restocked), the coupon on a full
refund, points, commission and the group seat; OrderRefunded then moves the
request to `refunded` (handlers.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import events
from app.aftersales import rules, schedule, state
from app.aftersales.models import AfterSale
from app.orders.models import Order
from app.payments import refunds


def refund_key(sale: AfterSale) -> str:
    return f"after-sale-{sale.id}"


def start(session: Session, sale: AfterSale, order: Order, *, restock: bool, actor: str,
          action: str, requested_by: int | None, now: datetime) -> None:
    """`sale` (locked, with its order) -> refunding, its refund asked for."""
    state.move(session, sale, rules.REFUNDING, actor=actor, action=action, now=now,
               amount_fen=sale.amount_fen)
    shares = rules.split_amount(sale.amount_fen, [ln.cap_fen for ln in sale.lines])
    lines = [{"line_id": ln.order_line_id, "quantity": ln.quantity, "amount_fen": share}
             for ln, share in zip(sale.lines, shares, strict=True)]
    sale.restock = restock
    refund, created = refunds.request_refund(
        session, order_id=order.id, merchant_id=order.merchant_id, refund_key=refund_key(sale),
        lines=lines, reason=f"after_sale {sale.kind} {sale.reason_code}"[:80], restock=restock,
        requested_by=requested_by, now=now)
    sale.refund_id = refund.id
    if created:
        schedule.submit_refund(session, refund.id)


def on_order_refunded(session: Session, event: events.OrderRefunded) -> None:
    """The request whose refund succeeded is refunded (once: a state check)."""
    sale = session.scalar(select(AfterSale).where(AfterSale.refund_id == event.refund_id)
                          .with_for_update())
    if sale is None or sale.status != rules.REFUNDING:
        return
    state.move(session, sale, rules.REFUNDED, actor="system", action="refunded",
               now=event.at, amount_fen=event.amount_fen)
