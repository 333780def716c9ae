"""The buyer's side: ask (per line and quantity), read, cancel, ship the
return, accept the merchant's proposed amount. Another buyer's request, or
a request on another buyer's order, is not found."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import outbox
from app.aftersales import notify, rules, schedule, state
from app.aftersales import settings as merchant_settings
from app.aftersales.errors import (
    AfterSaleNotAllowed,
    AfterSaleNotFound,
    AmountTooHigh,
    DuplicateLines,
    IllegalTransition,
    LineAlreadyOpen,
    TooManyUnits,
)
from app.aftersales.models import AfterSale, AfterSaleLine
from app.db import paginate
from app.orders import service as orders
from app.orders.errors import OrderNotFound
from app.orders.models import Order
from app.payments import refunds
from app.payments import rules as pay_rules
from app.payments.errors import UnknownOrderLine
from app.shipping import service as shipping
from app.uploads import service as uploads

PHOTO_PURPOSE = "after_sale"  # the buyer's own uploads of this purpose (app/uploads)


def create(session: Session, *, buyer_id: int, order_id: int, data: dict,
           now: datetime) -> AfterSale:
    """A request, under the order's lock (so two at once for one line: one
    wins, the other is after_sale_line_open). `data`: kind, lines
    [{line_id, quantity}], reason_code, description, photos (the buyer's own
    "after_sale" upload keys, else upload_not_found), amount_fen?."""
    order = orders.lock_order(session, order_id)
    if order.buyer_id != buyer_id:
        raise OrderNotFound()
    kind = data["kind"]
    refusal = rules.kind_refusal(kind, order.status, order.received_at, now)
    if refusal is not None:
        raise AfterSaleNotAllowed(details={"kind": kind, "order_status": order.status,
                                           "reason": refusal})
    settings = merchant_settings.of(session, order.merchant_id)
    merchant_settings.check_reason(settings, data["reason_code"])
    lines = _lines(session, order, kind, data["lines"])
    photos = uploads.claim(session, user_id=buyer_id, keys=list(data.get("photos", ())),
                           purpose=PHOTO_PURPOSE, limit=rules.MAX_PHOTOS)
    cap = sum(ln.cap_fen for ln in lines)
    asked = data.get("amount_fen", cap)
    if asked > cap:
        raise AmountTooHigh(details={"cap_fen": cap, "amount_fen": asked})
    sale = AfterSale(order_id=order.id, merchant_id=order.merchant_id, buyer_id=buyer_id,
                     kind=kind, status=rules.REQUESTED, reason_code=data["reason_code"],
                     description=data.get("description", ""),
                     photos="\n".join(p.key for p in photos), cap_fen=cap, asked_fen=asked,
                     created_at=now, updated_at=now, lines=lines, events=[],
                     deadline_at=rules.deadline(rules.REQUESTED, now, **settings.clocks))
    session.add(sale)
    session.flush()
    state.log(session, sale, actor="buyer", action="requested", now=now, amount_fen=asked)
    outbox.record(session, notify.changed(sale, now))
    schedule.deadline(session, sale)
    return sale


def _lines(session: Session, order: Order, kind: str, asked: list[dict]) -> list[AfterSaleLine]:
    ids = [item["line_id"] for item in asked]
    if len(set(ids)) != len(ids):
        raise DuplicateLines()
    units = shipping.line_units(session, order)
    paid = refunds.line_states(session, order)
    busy = set(open_line_ids(session, order.id))
    made = []
    for item in asked:
        line_id, quantity = item["line_id"], item["quantity"]
        if line_id not in units:
            raise UnknownOrderLine(details={"line_id": line_id})
        if line_id in busy:
            raise LineAlreadyOpen(details={"line_id": line_id})
        u = units[line_id]
        allowed = rules.units_allowed(kind, ordered=u.ordered, refunded=u.refunded,
                                      shipped=u.shipped)
        if quantity > allowed:
            raise TooManyUnits(details={"line_id": line_id, "allowed": allowed})
        cap = pay_rules.line_refund(paid[line_id], quantity, None)
        made.append(AfterSaleLine(order_line_id=line_id, quantity=quantity, cap_fen=cap))
    return made


def open_line_ids(session: Session, order_id: int) -> list[int]:
    return list(session.scalars(
        select(AfterSaleLine.order_line_id).join(AfterSale,
                                                 AfterSale.id == AfterSaleLine.after_sale_id)
        .where(AfterSale.order_id == order_id, AfterSale.status.in_(rules.OPEN))))


def mine(session: Session, buyer_id: int, *, status: str | None, page: int,
         per_page: int) -> tuple[list[AfterSale], int]:
    stmt = select(AfterSale).where(AfterSale.buyer_id == buyer_id)
    if status:
        stmt = stmt.where(AfterSale.status == status)
    return paginate(session, stmt, order_by=AfterSale.id.desc(), page=page, per_page=per_page)


def get_mine(session: Session, buyer_id: int, after_sale_id: int) -> AfterSale:
    sale = session.get(AfterSale, after_sale_id)
    if sale is None or sale.buyer_id != buyer_id:
        raise AfterSaleNotFound()
    return sale


def _lock_mine(session: Session, buyer_id: int, after_sale_id: int) -> AfterSale:
    get_mine(session, buyer_id, after_sale_id)
    sale, _ = state.lock(session, after_sale_id)
    return sale


def cancel(session: Session, *, buyer_id: int, after_sale_id: int, now: datetime) -> AfterSale:
    """Before the goods are on their way back (requested or approved)."""
    sale = _lock_mine(session, buyer_id, after_sale_id)
    if sale.status not in rules.BUYER_CANCELLABLE:
        raise IllegalTransition(details={"status": sale.status, "target": rules.CANCELLED})
    state.move(session, sale, rules.CANCELLED, actor="buyer", action="cancelled", now=now)
    return sale


def ship_return(session: Session, *, buyer_id: int, after_sale_id: int, carrier: str,
                tracking_no: str, now: datetime) -> AfterSale:
    """An approved return or exchange: the buyer's carrier (app/shipping's
    list) and a number of its shape. The merchant's confirm clock starts."""
    found, number = shipping.carrier_and_number(carrier, tracking_no)
    sale = _lock_mine(session, buyer_id, after_sale_id)
    state.move(session, sale, rules.RETURNING, actor="buyer", action="shipped_return", now=now,
               note=f"{found.code} {number}")
    sale.return_carrier, sale.return_tracking_no = found.code, number
    return sale


def accept_amount(session: Session, *, buyer_id: int, after_sale_id: int,
                  now: datetime) -> AfterSale:
    """The buyer agrees the merchant's proposed (lower) amount."""
    sale = _lock_mine(session, buyer_id, after_sale_id)
    if sale.status != rules.REQUESTED or sale.proposed_fen is None:
        raise IllegalTransition(details={"status": sale.status, "target": "accept_amount"})
    sale.agreed_fen, sale.updated_at = sale.proposed_fen, now
    state.log(session, sale, actor="buyer", action="accepted_amount", now=now,
              amount_fen=sale.agreed_fen)
    return sale
