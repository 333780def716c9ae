"""The buyer's after-sale form for one order: the merchant's reasons and
return address, and per order line what may be asked now: the units each
kind allows (0 where the order refuses that kind), whether a request is
already open on it, and what 1, 2, ... of its units would give back (the
cap a request's amount may not pass). The request itself is checked again
when it is made (requests.create)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from app.aftersales import requests, rules
from app.aftersales import settings as merchant_settings
from app.orders import service as orders
from app.orders.models import Order
from app.payments import refunds
from app.payments import rules as pay_rules
from app.shipping import service as shipping


def buyer_form(session: Session, *, buyer_id: int, order_id: int, now: datetime) -> dict:
    """Another buyer's order is not found."""
    order = orders.buyer_order(session, buyer_id, order_id)
    settings = merchant_settings.of(session, order.merchant_id)
    return {"reason_list": settings.reason_list, "return_recipient": settings.return_recipient,
            "return_phone": settings.return_phone, "return_address": settings.return_address,
            "lines": _lines(session, order, now)}


def _lines(session: Session, order: Order, now: datetime) -> list[dict]:
    units = shipping.line_units(session, order)
    paid = refunds.line_states(session, order)
    busy = set(requests.open_line_ids(session, order.id))
    refused = {kind: rules.kind_refusal(kind, order.status, order.received_at, now) is not None
               for kind in rules.KINDS}
    made = []
    for line in order.lines:
        u = units[line.id]
        allowed = {kind: 0 if refused[kind] else rules.units_allowed(
            kind, ordered=u.ordered, refunded=u.refunded, shipped=u.shipped)
            for kind in rules.KINDS}
        most = max(allowed.values())
        made.append({"line_id": line.id, "title": line.title, "spec": line.spec,
                     "quantity": line.quantity, "open": line.id in busy, "units": allowed,
                     "caps_fen": [pay_rules.line_refund(paid[line.id], n, None)
                                  for n in range(1, most + 1)]})
    return made
