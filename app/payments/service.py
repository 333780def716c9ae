"""Crediting payments. Every path runs under the order's row lock, so
notices, replays, reconciliation and the timeout cancel serialise per order:

- the first valid notice of a transaction makes one Payment row; if the order
  is pending it is paid (order_paid once);
- a replay (same notice id or same transaction) changes nothing;
- money for an order that was cancelled is kept only if the order can be
  revived with stock taken again; otherwise, and for a second payment of a
  paid order, it is refunded automatically: never an oversell;
- a wrong amount is refused (the caller records the anomaly).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.auth.models import User
from app.db import insert_ignore
from app.orders import rules as order_rules
from app.orders import service as orders
from app.payments import rules
from app.payments.errors import AmountMismatch, NotPayable, UnknownTrade
from app.payments.models import Payment, PaymentAnomaly, PaymentIntent, PaymentNotice, Refund
from app.payments.provider import Trade


def open_intent(session: Session, provider_name: str, *, buyer_id: int, order_id: int,
                now: datetime) -> tuple[PaymentIntent, str]:
    """The order's trade (made once) and the buyer's openid, if it can be paid now."""
    order = orders.buyer_order(session, buyer_id, order_id)
    if order.status != order_rules.PENDING or now >= order.pay_deadline:
        raise NotPayable(details={"status": order.status})
    intent = session.scalar(select(PaymentIntent).where(PaymentIntent.order_id == order_id))
    if intent is None:
        intent = PaymentIntent(order_id=order.id, provider=provider_name,
                               out_trade_no=rules.out_trade_no(order.id),
                               amount_fen=order.total_fen, status="open", created_at=now,
                               expires_at=order.pay_deadline)
        try:
            with session.begin_nested():
                session.add(intent)
        except IntegrityError:  # a concurrent request made it first
            intent = session.scalar(select(PaymentIntent)
                                    .where(PaymentIntent.order_id == order_id))
    return intent, session.get(User, buyer_id).openid


def prepaid_trade(session: Session, *, buyer_id: int, order_id: int) -> str:
    """The buyer's order's trade number, once its prepay was made."""
    orders.buyer_order(session, buyer_id, order_id)
    intent = session.scalar(select(PaymentIntent).where(PaymentIntent.order_id == order_id))
    if intent is None or not intent.prepay_id:
        raise NotPayable("Ask for the payment parameters first.")
    return intent.out_trade_no


def keep_prepay_id(session: Session, intent_id: int, prepay_id: str) -> PaymentIntent:
    intent = session.get(PaymentIntent, intent_id)
    if not intent.prepay_id:
        intent.prepay_id = prepay_id
    return intent


def intent_by_trade(session: Session, out_trade_no: str) -> PaymentIntent:
    intent = session.scalar(select(PaymentIntent)
                            .where(PaymentIntent.out_trade_no == out_trade_no))
    if intent is None:
        raise UnknownTrade(details={"out_trade_no": out_trade_no[:32]})
    return intent


def seen(session: Session, notice_id: str) -> bool:
    return session.scalar(select(PaymentNotice.id).where(PaymentNotice.notice_id == notice_id)) \
        is not None


def record_notice(session: Session, notice_id: str | None, event_type: str,
                  order_id: int | None, outcome: str, now: datetime) -> None:
    if notice_id:
        insert_ignore(session, PaymentNotice, notice_id=notice_id, event_type=event_type[:40],
                      order_id=order_id, outcome=outcome, received_at=now)


def credit_trade(session: Session, trade: Trade, *, now: datetime) -> tuple[str, Refund | None]:
    """Apply a trade the provider says was paid. Returns (outcome, auto refund)."""
    intent = intent_by_trade(session, trade.out_trade_no)
    order = orders.lock_order(session, intent.order_id, lines=False)
    if trade.trade_state not in rules.PAID_TRADE_STATES:
        return "ignored", None
    if session.scalar(select(Payment.id).where(Payment.transaction_id == trade.transaction_id)):
        return "replay", None
    if trade.amount_fen != intent.amount_fen or not trade.transaction_id:
        raise AmountMismatch(details={"expected_fen": intent.amount_fen,
                                      "received_fen": trade.amount_fen})
    payment = Payment(order_id=order.id, provider=intent.provider,
                      out_trade_no=trade.out_trade_no, transaction_id=trade.transaction_id,
                      amount_fen=trade.amount_fen, outcome="credited", refunded_fen=0,
                      paid_at=now, created_at=now)
    session.add(payment)
    session.flush()
    intent.status, intent.settled_at = "paid", now
    if order.status == order_rules.PENDING and orders.mark_paid(session, order_id=order.id,
                                                                now=now):
        return "credited", None
    if order.status == order_rules.CANCELLED and orders.revive_paid(session, order_id=order.id,
                                                                    now=now):
        return "revived", None
    kind = "late_payment" if order.status == order_rules.CANCELLED else "duplicate_payment"
    payment.outcome = "refund_due"
    return kind, auto_refund(session, payment, kind, now)


def auto_refund(session: Session, payment: Payment, kind: str, now: datetime) -> Refund:
    """Send back a whole payment the order could not keep (no stock moves)."""
    refund = Refund(order_id=payment.order_id, payment_id=payment.id,
                    refund_key=f"auto-{payment.id}", kind=kind, amount_fen=payment.amount_fen,
                    reason=kind.replace("_", " "), status="processing", restock=False,
                    created_at=now)
    session.add(refund)
    session.flush()
    refund.out_refund_no = rules.out_refund_no(refund.id)
    return refund


def record_anomaly(session: Session, *, kind: str, notice_id: str, reference: str,
                   expected_fen: int, received_fen: int, now: datetime) -> None:
    session.add(PaymentAnomaly(kind=kind, notice_id=notice_id[:64], reference=reference[:64],
                               expected_fen=expected_fen, received_fen=received_fen,
                               created_at=now))


def due_intents(session: Session, before: datetime, limit: int = 500) -> list[int]:
    """Open trades whose payment window (plus grace) has passed."""
    return list(session.scalars(select(PaymentIntent.id)
                                .where(PaymentIntent.status == "open",
                                       PaymentIntent.expires_at <= before)
                                .order_by(PaymentIntent.id).limit(limit)))


def close_intent(session: Session, intent_id: int, now: datetime) -> bool:
    """The trade was not paid and is closed: the order times out (stock back)."""
    intent = session.get(PaymentIntent, intent_id)
    orders.lock_order(session, intent.order_id)
    session.refresh(intent)
    if intent.status != "open":
        return False
    intent.status, intent.settled_at = "closed", now
    orders.expire_unpaid(session, order_id=intent.order_id, now=now)
    return True


def set_intent_status(session: Session, intent_id: int, status: str, now: datetime) -> None:
    intent = session.get(PaymentIntent, intent_id)
    intent.status, intent.settled_at = status, now


def note_refused_refund(session: Session, out_refund_no: str, amount_fen: int, code: str,
                        now: datetime) -> None:
    """A refund the provider refused stays processing (the sweep sends it
    again); the first refusal is recorded for people to see."""
    kind = "refund_refused"
    exists = session.scalar(select(PaymentAnomaly.id).where(
        PaymentAnomaly.kind == kind, PaymentAnomaly.reference == out_refund_no))
    if exists is None:
        record_anomaly(session, kind=kind, notice_id=code[:64], reference=out_refund_no,
                       expected_fen=amount_fen, received_fen=0, now=now)
