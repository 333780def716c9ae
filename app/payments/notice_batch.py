"""Payment notices applied a batch at a time: the notices that arrived
together (verified and decrypted each by its own request) are credited in
one transaction, each exactly as one notice alone would be, in a savepoint
of its own, orders taken in id order:

- a notice seen before, or a transaction credited before (in an earlier
  batch or earlier in this one), is a replay and changes nothing;
- a wrong amount rolls its savepoint back, is recorded as an anomaly in the
  batch's transaction, and answers amount_mismatch; the others go on;
- any other failure rolls its savepoint back (with the Redis work it did,
  through its after-rollback hooks) and is answered as an error alone; a
  failure that is not a DomainError is tried again alone after the batch
  (a lock conflict between two batches, say), by the one-notice path.

Nothing is answered before the batch commits."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import savepoint
from app.errors import DomainError
from app.payments import schedule, service
from app.payments.errors import AmountMismatch
from app.payments.models import PaymentIntent
from app.payments.provider import Trade

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Credit:
    """One verified payment notice, waiting for its batch."""

    trade: Trade
    notice_id: str
    event_type: str
    now: datetime


class Retry(Exception):
    """Not a refusal: the item failed inside the batch and goes again alone."""


def credit_many(session: Session, items: list[Credit]) -> list:
    """One answer per item, in order: the outcome ("credited", "replay",
    ...), a DomainError to answer, or Retry."""
    trades = sorted({item.trade.out_trade_no for item in items})
    order_of = dict(session.execute(
        select(PaymentIntent.out_trade_no, PaymentIntent.order_id)
        .where(PaymentIntent.out_trade_no.in_(trades))).all())
    answers: list = [None] * len(items)
    for i in sorted(range(len(items)),  # a fixed lock order: by order id, then arrival
                    key=lambda i: (order_of.get(items[i].trade.out_trade_no, 0), i)):
        answers[i] = _credit_one(session, items[i], order_of.get(items[i].trade.out_trade_no))
    return answers


def _credit_one(session: Session, item: Credit, order_id: int | None):
    """`order_id`: the trade's order, read with the batch's (credit_trade
    refuses a trade that has none before anything is written)."""
    trade = item.trade
    try:
        with savepoint(session):
            if service.seen(session, item.notice_id):
                return "replay"
            outcome, refund = service.credit_trade(session, trade, now=item.now)
            service.record_notice(session, item.notice_id, item.event_type, order_id, outcome,
                                  item.now)
            if refund is not None:
                schedule.submit_refund(session, refund.id)
            session.flush()
        return outcome
    except AmountMismatch as exc:
        service.record_anomaly(session, kind="amount_mismatch", notice_id=item.notice_id,
                               reference=trade.out_trade_no,
                               expected_fen=exc.details["expected_fen"],
                               received_fen=trade.amount_fen, now=item.now)
        return exc
    except DomainError as exc:
        return exc
    except Exception:
        log.exception("notice %s failed in its batch; it goes again alone", item.notice_id)
        return Retry()
