"""The referral package hears the order signals: paid -> commission pending,
refunded -> reversed in proportion, completed -> a settlement job after the
commit. Connected once by the composition root."""

from __future__ import annotations

from app import signals
from app.db import after_commit
from referral import commission, jobs


def _paid(_sender, *, session, order, now, **_):
    commission.on_paid(session, order, now)


def _refunded(_sender, *, session, order, now, refund_id, amount_fen, lines, **_):
    commission.on_refunded(session, order, refund_id=refund_id, amount_fen=amount_fen,
                           lines=lines, now=now)


def _completed(_sender, *, session, order, now, **_):
    order_id = order.id
    after_commit(session, lambda: jobs.schedule_settle(order_id))


def connect() -> None:
    signals.order_paid.connect(_paid, weak=False)
    signals.order_refunded.connect(_refunded, weak=False)
    signals.order_completed.connect(_completed, weak=False)
