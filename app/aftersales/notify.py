"""Telling the buyer: each AfterSaleChanged (recorded with the change) that
the buyer waits for sends the one-time subscribe message
`after_sale_updated` to a buyer who subscribed (app/subscribe_messages),
once per request and status."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from app import events
from app.aftersales import rules
from app.aftersales.models import AfterSale
from app.money import yuan
from app.subscribe_messages.templates import Target
from app.subscribe_messages.triggers import announce_after_commit

TOLD = frozenset({rules.APPROVED, rules.REJECTED, rules.REFUNDED, rules.EXCHANGED,
                  rules.CLOSED})
STATUS_ZH = {rules.APPROVED: "已同意", rules.REJECTED: "已拒绝", rules.REFUNDED: "已退款",
             rules.EXCHANGED: "已换货", rules.CLOSED: "已关闭"}


def changed(sale: AfterSale, now: datetime) -> events.AfterSaleChanged:
    return events.AfterSaleChanged(order_id=sale.order_id, after_sale_id=sale.id,
                                   buyer_id=sale.buyer_id, merchant_id=sale.merchant_id,
                                   kind=sale.kind, status=sale.status,
                                   amount_fen=sale.amount_fen, at=now)


def on_changed(session: Session, event: events.AfterSaleChanged) -> None:
    if event.status not in TOLD:
        return
    announce_after_commit(
        session, "after_sale_updated", user_ids=[event.buyer_id],
        target=Target("after_sale", event.after_sale_id),
        data={"after_sale_id": str(event.after_sale_id), "status": STATUS_ZH[event.status],
              "amount": f"{yuan(event.amount_fen)}元"},
        key=f"after-sale-{event.after_sale_id}-{event.status}")

