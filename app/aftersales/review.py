"""The merchant's side: the queue, approve (with an optional agreed amount),
reject with a reason, propose an amount, confirm the returned goods, ship
an exchange. Another merchant's request is not found. Every action locks
the order and the request and checks the state, so two staff approving at
once give one transition (the second: 409 after_sale_illegal_transition)
and one refund."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.aftersales import refunding, rules, state
from app.aftersales.errors import AfterSaleNotFound, AmountTooHigh, IllegalTransition
from app.aftersales.models import AfterSale
from app.clock import CHINA
from app.db import paginate
from app.orders.models import Order
from app.shipping import service as shipping


def queue(session: Session, merchant_id: int, args: dict) -> tuple[list[AfterSale], int]:
    """Filters: status, kind, order_id, created_from / created_to (China
    calendar days, both inclusive)."""
    stmt = select(AfterSale).where(AfterSale.merchant_id == merchant_id)
    for name in ("status", "kind", "order_id"):
        if args.get(name):
            stmt = stmt.where(getattr(AfterSale, name) == args[name])
    if args.get("created_from"):
        stmt = stmt.where(AfterSale.created_at >= _china_midnight(args["created_from"]))
    if args.get("created_to"):
        stmt = stmt.where(AfterSale.created_at <
                          _china_midnight(args["created_to"] + timedelta(days=1)))
    return paginate(session, stmt, order_by=AfterSale.id.desc(), page=args["page"],
                    per_page=args["per_page"])


def _china_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=CHINA)


def get_for(session: Session, merchant_id: int, after_sale_id: int) -> AfterSale:
    sale = session.get(AfterSale, after_sale_id)
    if sale is None or sale.merchant_id != merchant_id:
        raise AfterSaleNotFound()
    return sale


def _lock_for(session: Session, merchant_id: int,
              after_sale_id: int) -> tuple[AfterSale, Order]:
    get_for(session, merchant_id, after_sale_id)
    return state.lock(session, after_sale_id)


def _check_amount(sale: AfterSale, amount_fen: int | None) -> None:
    if amount_fen is not None and amount_fen > sale.cap_fen:
        raise AmountTooHigh(details={"cap_fen": sale.cap_fen, "amount_fen": amount_fen})


def approve(session: Session, *, merchant_id: int | None, after_sale_id: int,
            amount_fen: int | None, staff_id: int | None, now: datetime) -> AfterSale:
    """requested -> approved (a return or exchange: the buyer ships it back)
    or, for refund only, -> refunding at once. `merchant_id` None: the
    deadline's own approval (the caller holds the locks)."""
    if merchant_id is None:
        sale, order = state.lock(session, after_sale_id)
    else:
        sale, order = _lock_for(session, merchant_id, after_sale_id)
    if sale.status != rules.REQUESTED:
        raise IllegalTransition(details={"status": sale.status, "target": rules.APPROVED})
    _check_amount(sale, amount_fen)
    if amount_fen is not None:
        sale.agreed_fen = amount_fen
    actor = "merchant" if staff_id is not None else "system"
    action = "approved" if staff_id is not None else "approved_by_deadline"
    if sale.kind == rules.REFUND_ONLY:
        units = shipping.line_units(session, order)
        restock = all(ln.quantity <= units[ln.order_line_id].shippable for ln in sale.lines)
        refunding.start(session, sale, order, restock=restock, actor=actor, action=action,
                        requested_by=staff_id, now=now)
    else:
        state.move(session, sale, rules.APPROVED, actor=actor, action=action, now=now,
                   amount_fen=sale.amount_fen)
    return sale


def reject(session: Session, *, merchant_id: int, after_sale_id: int, reason: str,
           now: datetime) -> AfterSale:
    sale, _ = _lock_for(session, merchant_id, after_sale_id)
    state.move(session, sale, rules.REJECTED, actor="merchant", action="rejected", now=now,
               note=reason)
    sale.reject_reason = reason
    return sale


def propose(session: Session, *, merchant_id: int, after_sale_id: int, amount_fen: int,
            now: datetime) -> AfterSale:
    """A lower amount for the buyer to accept (the request stays requested)."""
    sale, _ = _lock_for(session, merchant_id, after_sale_id)
    if sale.status != rules.REQUESTED:
        raise IllegalTransition(details={"status": sale.status, "target": "propose"})
    _check_amount(sale, amount_fen)
    sale.proposed_fen, sale.updated_at = amount_fen, now
    state.log(session, sale, actor="merchant", action="proposed_amount", now=now,
              amount_fen=amount_fen)
    return sale


def confirm_receipt(session: Session, *, merchant_id: int, after_sale_id: int, restock: bool,
                    staff_id: int, now: datetime) -> AfterSale:
    """The returned goods arrived: a return is refunded at once (stock back
    if `restock`); an exchange waits for its new package."""
    sale, order = _lock_for(session, merchant_id, after_sale_id)
    state.move(session, sale, rules.RETURNED, actor="merchant", action="confirmed_receipt",
               now=now)
    sale.restock = restock
    if sale.kind == rules.RETURN_REFUND:
        refunding.start(session, sale, order, restock=restock, actor="merchant",
                        action="refund_requested", requested_by=staff_id, now=now)
    return sale


def ship_exchange(session: Session, *, merchant_id: int, after_sale_id: int, carrier: str,
                  tracking_no: str, staff_id: int, now: datetime) -> AfterSale:
    """The exchanged units go out in a package of their own (an exchange
    package: not the order's shipping). No money moves."""
    sale, order = _lock_for(session, merchant_id, after_sale_id)
    if sale.kind != rules.EXCHANGE or sale.status != rules.RETURNED:
        raise IllegalTransition(details={"status": sale.status, "target": rules.EXCHANGED})
    package = shipping.ship_exchange(
        session, order=order, lines={ln.order_line_id: ln.quantity for ln in sale.lines},
        carrier=carrier, tracking_no=tracking_no, staff_id=staff_id, now=now)
    state.move(session, sale, rules.EXCHANGED, actor="merchant", action="shipped_exchange",
               now=now, note=f"{package.carrier} {package.tracking_no}")
    sale.exchange_package_id = package.id
    return sale
