"""Deadlines, applied once: the job at the deadline and the sweep both call
`apply_due`, which locks the order and the request and acts only if the
request is still in the state whose clock ran out (a deadline moved on, or
a state already left, does nothing)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.aftersales import refunding, review, rules, state
from app.aftersales.errors import AfterSaleNotFound
from app.aftersales.models import AfterSale
from app.payments.errors import EmptyRefund, RefundExceedsPaid, RefundNotAllowed


def apply_due(session: Session, after_sale_id: int, now: datetime) -> str:
    """What this call did: approve, close, refund, or "" (nothing due). A
    refund the refund path refuses closes the request instead."""
    try:
        sale, order = state.lock(session, after_sale_id)
    except AfterSaleNotFound:
        return ""
    action = rules.due_action(sale.status)
    if action is None or sale.deadline_at is None or now < sale.deadline_at:
        return ""
    if action == "close":
        state.move(session, sale, rules.CLOSED, actor="system", action="closed_by_deadline",
                   now=now)
        return action
    try:
        with session.begin_nested():
            _act(session, sale, order, action, now)
    except (RefundNotAllowed, RefundExceedsPaid, EmptyRefund) as exc:
        # the refund path refuses (the order was refunded meanwhile by
        # staff): the request is closed, never retried for ever
        session.refresh(sale)
        state.move(session, sale, rules.CLOSED, actor="system", action="closed_no_refund",
                   now=now, note=str(exc.code))
        return "close"
    return action


def _act(session: Session, sale: AfterSale, order, action: str, now: datetime) -> None:
    if action == "approve":
        review.approve(session, merchant_id=None, after_sale_id=sale.id, amount_fen=None,
                       staff_id=None, now=now)
    else:  # the merchant never confirmed the return: refunded, nothing restocked
        refunding.start(session, sale, order, restock=False, actor="system",
                        action="refunded_by_deadline", requested_by=None, now=now)


def due(session: Session, now: datetime, limit: int = 500) -> list[int]:
    return list(session.scalars(
        select(AfterSale.id).where(AfterSale.status.in_(tuple(
            s for s in rules.STATES if rules.due_action(s))), AfterSale.deadline_at <= now)
        .order_by(AfterSale.id).limit(limit)))
