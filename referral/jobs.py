"""Referral jobs: ids in, idempotent (a second run posts nothing), each item
in its own transaction. The sweep catches settlements and payouts whose job
was lost; the tier job moves distributors up."""

from __future__ import annotations

import logging

from app import clock
from app.db import transaction
from referral import payout, reports, settlement, withdrawals

log = logging.getLogger(__name__)


def settle(order_id: int) -> str:
    with transaction() as session:
        return settlement.settle(session, order_id, clock.now())


def pay_out(withdrawal_id: int) -> str:
    with transaction() as session:
        return withdrawals.pay_out(session, withdrawal_id, payout.provider(), clock.now())


def upgrade_tiers(merchant_id: int) -> int:
    with transaction() as session:
        return reports.upgrade_tiers(session, merchant_id)


def sweep() -> dict[str, int]:
    """Settle every order whose commission is due (500 per transaction); pay
    every approved withdrawal."""
    settled = closed = 0
    while True:
        with transaction() as session:
            done = settlement.settle_many(session, settlement.due(session), clock.now())
        settled, closed = settled + len(done[0]), closed + len(done[1])
        if not any(done):
            break
    with transaction() as session:
        approved = withdrawals.approved_ids(session)
    paid = [_each(pay_out, i) for i in approved]
    return {"settled": settled, "closed": closed, "paid": paid.count("paid"),
            "errors": paid.count("error")}


def tier_sweep() -> dict[str, int]:
    with transaction() as session:
        merchants = reports.merchants_with_tiers(session)
    return {"upgraded": sum(upgrade_tiers(m) for m in merchants)}


def _each(job, item_id: int) -> str:
    """One item's trouble never stops the sweep."""
    try:
        return job(item_id)
    except Exception:
        log.exception("referral sweep: %s(%s) failed", job.__name__, item_id)
        return "error"

