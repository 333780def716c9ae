"""Referral jobs: ids in, idempotent (a second run posts nothing), each item
in its own transaction. The sweep catches settlements and payouts whose job
was lost; the tier job moves distributors up."""

from __future__ import annotations

import logging

from app import clock
from app.db import transaction
from app.queue import queues
from referral import commission, payout, reports, withdrawals

log = logging.getLogger(__name__)


def settle(order_id: int) -> str:
    with transaction() as session:
        return commission.settle(session, order_id, clock.now())


def pay_out(withdrawal_id: int) -> str:
    with transaction() as session:
        return withdrawals.pay_out(session, withdrawal_id, payout.provider(), clock.now())


def upgrade_tiers(merchant_id: int) -> int:
    with transaction() as session:
        return reports.upgrade_tiers(session, merchant_id)


def sweep() -> dict[str, int]:
    """Settle every order whose commission is due; pay every approved withdrawal."""
    with transaction() as session:
        due = commission.due(session)
        approved = withdrawals.approved_ids(session)
    settled = [_each(settle, i) for i in due]
    paid = [_each(pay_out, i) for i in approved]
    return {"settled": settled.count("settled"), "closed": settled.count("closed"),
            "paid": paid.count("paid"), "errors": (settled + paid).count("error")}


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


def schedule_settle(order_id: int) -> None:
    queues().enqueue("referral", settle, order_id, job_id=f"ref-settle-{order_id}")


def schedule_payout(withdrawal_id: int) -> None:
    queues().enqueue("referral", pay_out, withdrawal_id, job_id=f"ref-payout-{withdrawal_id}")
