"""Payment jobs: ids in, idempotent. The sweep reconciles open trades past
their window and asks about refunds still processing, catching any lost
timer or notice."""

from __future__ import annotations

import logging
from datetime import timedelta

from app import clock
from app.db import transaction
from app.payments import flows, refunds, rules, service
from app.payments.models import Refund
from app.payments.setup import provider

STALE_REFUND = timedelta(minutes=10)
log = logging.getLogger(__name__)


def submit_refund(refund_id: int) -> str:
    return flows.submit_refund(provider(), refund_id, clock.now())


def reconcile(intent_id: int) -> str:
    return flows.reconcile(provider(), intent_id, clock.now())


def deliver_notice(headers: dict, body: bytes) -> int:
    """The sandbox playing WeChat Pay: POST a notice to our notify URL."""
    return provider().deliver(headers, body)


def sweep() -> dict[str, int]:
    now = clock.now()
    with transaction() as session:
        intents = service.due_intents(session, now - timedelta(seconds=rules.RECONCILE_GRACE_S))
        stale = refunds.processing_refunds(session, now - STALE_REFUND)
    pay = provider()
    reconciled = [_each(flows.reconcile, pay, intent_id, now) for intent_id in intents]
    checked = [_each(_ask_refund, pay, refund_id, now) for refund_id in stale]
    return {"reconciled": len(reconciled), "closed": reconciled.count("closed"),
            "refunds_checked": len(checked), "errors": (reconciled + checked).count("error")}


def _each(step, pay, item_id: int, now) -> str:
    """One item's trouble (provider down, a refused close) never stops the sweep."""
    try:
        return step(pay, item_id, now)
    except Exception:
        log.exception("payment sweep: %s(%s) failed", step.__name__, item_id)
        return "error"


def _ask_refund(pay, refund_id: int, now) -> str:
    with transaction() as session:
        out_refund_no = session.get(Refund, refund_id).out_refund_no
    result = pay.query_refund(out_refund_no)
    if result is None:  # never reached the provider: send it again
        return flows.submit_refund(pay, refund_id, now)
    return flows.settle_refund(result, now)
