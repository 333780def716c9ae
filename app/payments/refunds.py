"""Refunds: full or partial per order line, idempotent by (order, refund id).

A refund is asked for under the order's lock and checked against what is
left per line (units and fen), counting refunds still processing, so racing
or repeated requests can never send back more than was paid. The lines share
what the order paid less its postage; the postage goes back with the refund
that takes the last refundable units (rules.postage_refund). Money moves at
the provider; when it reports success the stock comes back, the order's
refunded amount grows (the whole amount, or every unit refunded, closes the
order as `refunded`) and
OrderRefunded is recorded once with the lines and amounts (app/events.py);
what the order holds moves with it (app/orders/holdings.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import events, outbox
from app.catalog import stock
from app.money import split_proportional
from app.orders import holdings
from app.orders import rules as order_rules
from app.orders import service as orders
from app.orders.errors import OrderNotFound
from app.orders.models import Order
from app.payments import rules
from app.payments.errors import (
    AmountMismatch,
    EmptyRefund,
    RefundExceedsPaid,
    RefundKeyReused,
    RefundNotAllowed,
    UnknownOrderLine,
    UnknownRefund,
)
from app.payments.models import Payment, Refund, RefundLine
from app.payments.provider import RefundResult

LIVE = ("processing", "succeeded")


def request_refund(session: Session, *, order_id: int, merchant_id: int, refund_key: str,
                   lines: list[dict], reason: str, restock: bool, requested_by: int,
                   now: datetime) -> tuple[Refund, bool]:
    """Returns (refund, created). `lines`: {line_id, quantity, amount_fen?}."""
    order = orders.lock_order(session, order_id)
    if order.merchant_id != merchant_id:
        raise OrderNotFound()
    existing = session.scalar(select(Refund).where(Refund.order_id == order_id,
                                                   Refund.refund_key == refund_key))
    if existing is not None:
        if not _same_request(existing, lines):
            raise RefundKeyReused(details={"refund_id": refund_key})
        return existing, False
    payment = _credited_payment(session, order)
    states = line_states(session, order)
    refund_lines = []
    for item in lines:
        refund_lines.append(_refund_line(states, item))
    postage = _postage_due(session, order, states)
    amount = sum(line.amount_fen for line in refund_lines) + postage
    if amount == 0:
        raise EmptyRefund()
    refund = Refund(order_id=order.id, payment_id=payment.id, refund_key=refund_key,
                    kind="after_sale", amount_fen=amount, postage_fen=postage, reason=reason,
                    status="processing", restock=restock, requested_by=requested_by,
                    created_at=now, lines=refund_lines)
    session.add(refund)
    session.flush()
    refund.out_refund_no = rules.out_refund_no(refund.id)
    order.refund_status = order_rules.REFUNDING
    return refund, True


def _same_request(refund: Refund, lines: list[dict]) -> bool:
    asked = sorted((i["line_id"], i["quantity"], i.get("amount_fen")) for i in lines)
    kept = sorted((ln.order_line_id, ln.quantity, ln.amount_fen) for ln in refund.lines)
    return len(asked) == len(kept) and all(
        a[:2] == k[:2] and a[2] in (None, k[2]) for a, k in zip(asked, kept, strict=True))


def _credited_payment(session: Session, order: Order) -> Payment:
    payment = session.scalar(select(Payment).where(Payment.order_id == order.id,
                                                   Payment.outcome == "credited"))
    if order.status not in order_rules.PAID_STATES or payment is None:
        raise RefundNotAllowed(details={"status": order.status})
    return payment


def line_states(session: Session, order: Order) -> dict[int, rules.LineState]:
    """Per order line: what was paid for it and what refunds already hold."""
    goods_paid = order.total_fen - rules.postage_paid(order.total_fen, order.postage_fen)
    paid = split_proportional(goods_paid, [line.amount_fen for line in order.lines])
    taken = {line.id: [0, 0] for line in order.lines}
    rows = session.execute(select(RefundLine.order_line_id, RefundLine.quantity,
                                  RefundLine.amount_fen)
                           .join(Refund, Refund.id == RefundLine.refund_id)
                           .where(Refund.order_id == order.id, Refund.status.in_(LIVE)))
    for line_id, quantity, amount in rows:
        taken[line_id][0] += quantity
        taken[line_id][1] += amount
    return {line.id: rules.LineState(paid_fen=fen, quantity=line.quantity,
                                     refunded_units=taken[line.id][0],
                                     refunded_fen=taken[line.id][1])
            for line, fen in zip(order.lines, paid, strict=True)}


def _postage_due(session: Session, order: Order, states: dict[int, rules.LineState]) -> int:
    """The postage this refund carries, `states` counting its own lines."""
    given = session.scalar(select(func.coalesce(func.sum(Refund.postage_fen), 0)).where(
        Refund.order_id == order.id, Refund.status.in_(LIVE)))
    units_left = sum(s.quantity - s.refunded_units for s in states.values())
    return rules.postage_refund(rules.postage_paid(order.total_fen, order.postage_fen),
                                int(given), units_left)


def _refund_line(states: dict[int, rules.LineState], item: dict) -> RefundLine:
    state = states.get(item["line_id"])
    if state is None:
        raise UnknownOrderLine(details={"line_id": item["line_id"]})
    try:
        amount = rules.line_refund(state, item["quantity"], item.get("amount_fen"))
    except rules.RefundTooLarge as exc:
        raise RefundExceedsPaid(details={"line_id": item["line_id"], "left_fen": exc.left_fen,
                                         "left_units": exc.left_units}) from exc
    # the next line of this request sees this one's share as taken
    states[item["line_id"]] = rules.LineState(
        state.paid_fen, state.quantity, state.refunded_units + item["quantity"],
        state.refunded_fen + amount)
    return RefundLine(order_line_id=item["line_id"], quantity=item["quantity"],
                      amount_fen=amount)


def refund_by_number(session: Session, out_refund_no: str) -> Refund:
    refund = session.scalar(select(Refund).where(Refund.out_refund_no == out_refund_no))
    if refund is None:
        raise UnknownRefund(details={"out_refund_no": out_refund_no[:64]})
    return refund


def settle(session: Session, result: RefundResult, *, now: datetime) -> str:
    """Apply what the provider says of a refund; once only."""
    refund = refund_by_number(session, result.out_refund_no)
    order = orders.lock_order(session, refund.order_id)
    session.refresh(refund)
    if refund.status != "processing" or result.status not in (
            rules.REFUND_DONE, *rules.REFUND_FAILED):
        return "replay" if refund.status != "processing" else "processing"
    if result.status != rules.REFUND_DONE:
        refund.status, refund.finished_at = "failed", now
        _update_refund_status(session, order)
        return "failed"
    if result.amount_fen != refund.amount_fen:
        raise AmountMismatch(details={"expected_fen": refund.amount_fen,
                                      "received_fen": result.amount_fen})
    refund.status, refund.finished_at = "succeeded", now
    refund.provider_refund_id = result.refund_id[:64]
    session.get(Payment, refund.payment_id).refunded_fen += refund.amount_fen
    if refund.kind == "after_sale":
        _apply_to_order(session, order, refund, now)
    return "refunded"


def _apply_to_order(session: Session, order: Order, refund: Refund, now: datetime) -> None:
    lines = {line.id: line for line in order.lines}
    if refund.restock:
        for item in sorted(refund.lines, key=lambda ln: lines[ln.order_line_id].sku_id):
            if item.quantity:
                stock.give_back(session, lines[item.order_line_id].sku_id, item.quantity)
    order.refunded_fen += refund.amount_fen
    if order.refunded_fen >= order.total_fen or _every_unit_refunded(session, order):
        orders.move(session, order, order_rules.REFUNDED)
    _update_refund_status(session, order)
    holdings.refunded(session, order, now)
    outbox.record(session, events.OrderRefunded(
        order_id=order.id, refund_id=refund.id, amount_fen=refund.amount_fen,
        lines=tuple(events.RefundedLine(ln.order_line_id, lines[ln.order_line_id].sku_id,
                                        ln.quantity, ln.amount_fen) for ln in refund.lines),
        whole=order.status == order_rules.REFUNDED, at=now))


def _every_unit_refunded(session: Session, order: Order) -> bool:
    """Succeeded refunds hold every unit: the order is wholly refunded even
    when an amount agreed below the units' share (an after-sale) left fen
    behind, so its coupon and spent points come back and its group seat is
    released as on any whole refund."""
    done = dict(session.execute(
        select(RefundLine.order_line_id, func.sum(RefundLine.quantity))
        .join(Refund, Refund.id == RefundLine.refund_id)
        .where(Refund.order_id == order.id, Refund.status == "succeeded")
        .group_by(RefundLine.order_line_id)).all())
    return all(int(done.get(line.id, 0)) >= line.quantity for line in order.lines)


def _update_refund_status(session: Session, order: Order) -> None:
    processing = session.scalar(select(Refund.id).where(
        Refund.order_id == order.id, Refund.kind == "after_sale",
        Refund.status == "processing").limit(1)) is not None
    order.refund_status = rules.refund_status(
        order.total_fen, order.refunded_fen, processing,
        whole=order.status == order_rules.REFUNDED)


def processing_refunds(session: Session, before: datetime, limit: int = 500) -> list[int]:
    return list(session.scalars(select(Refund.id).where(Refund.status == "processing",
                                                        Refund.created_at <= before)
                                .order_by(Refund.id).limit(limit)))


def order_refunds(session: Session, order_id: int, *, merchant_id: int | None = None,
                  buyer_id: int | None = None) -> list[Refund]:
    """An order's refunds, for its merchant or its buyer (others: not found)."""
    order = orders.get_order(session, order_id)
    if (merchant_id is not None and order.merchant_id != merchant_id) or \
            (buyer_id is not None and order.buyer_id != buyer_id):
        raise OrderNotFound()
    return list(session.scalars(select(Refund).where(Refund.order_id == order_id)
                                .order_by(Refund.id)))
