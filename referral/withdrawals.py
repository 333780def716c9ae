"""Withdrawals: a distributor asks (at least the minimum, never more than the
available balance, never while it is negative), staff approve or reject
(reject returns the funds), the payout provider pays. Each step is a ledger
transaction; a distributor's requests queue on their distributor row lock,
so racing requests never overdraw."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.db import paginate
from referral import errors, ledger, rules
from referral.bindings import ACTIVE
from referral.models import Distributor, Withdrawal
from referral.payout import PayoutProvider
from referral.settings import get_rules

REQUESTED, APPROVED, REJECTED, PAID, FAILED = ("requested", "approved", "rejected", "paid",
                                               "failed")


def _lock_distributor(session: Session, merchant_id: int, user_id: int) -> Distributor:
    row = session.scalar(select(Distributor).filter_by(merchant_id=merchant_id, user_id=user_id)
                         .with_for_update())
    if row is None or row.status != ACTIVE:
        raise errors.NotADistributor()
    return row


def request(session: Session, *, merchant_id: int, user_id: int, amount_fen: int,
            request_key: str, now: datetime) -> tuple[Withdrawal, bool]:
    """(withdrawal, created); the same request key again returns the first."""
    cfg = get_rules(session, merchant_id)
    _lock_distributor(session, merchant_id, user_id)
    same = session.scalar(select(Withdrawal).filter_by(user_id=user_id, request_key=request_key))
    if same is not None:
        if same.amount_fen != amount_fen or same.merchant_id != merchant_id:
            raise errors.WithdrawalKeyReused()
        return same, False
    available = ledger.balance(session, merchant_id, "available", user_id)
    refusal = rules.withdraw_refusal(amount_fen, available, cfg.withdraw_min_fen)
    if refusal:
        raise errors.WithdrawalRefused(code=refusal, details={
            "available_fen": available, "min_fen": max(cfg.withdraw_min_fen,
                                                       rules.MIN_WITHDRAW_FEN)})
    fee = rules.withdraw_fee(amount_fen, cfg.withdraw_fee_bps)
    wd = Withdrawal(merchant_id=merchant_id, user_id=user_id, request_key=request_key,
                    amount_fen=amount_fen, fee_fen=fee, net_fen=amount_fen - fee,
                    status=REQUESTED, reason="", payout_id="", created_at=now)
    session.add(wd)
    session.flush()
    _post(session, wd, "request", now, [("available", -amount_fen),
                                        ("withdrawing", amount_fen)])
    return wd, True


def _post(session: Session, wd: Withdrawal, step: str, now: datetime, legs) -> None:
    ledger.post(session, key=f"wd-{step}-{wd.id}", merchant_id=wd.merchant_id,
                kind=f"wd_{step}", now=now,
                legs=[(kind, 0 if kind == "fee" else wd.user_id, amount)
                      for kind, amount in legs])


def staff_withdrawal(session: Session, merchant_id: int, withdrawal_id: int) -> Withdrawal:
    wd = session.get(Withdrawal, withdrawal_id)
    if wd is None or wd.merchant_id != merchant_id:
        raise errors.WithdrawalNotFound()
    return wd


def _review(session: Session, wd: Withdrawal, status: str, staff_id: int, now: datetime,
            reason: str = "") -> None:
    """Guarded requested -> status: of two racing reviewers, one wins."""
    done = session.execute(update(Withdrawal).where(
        Withdrawal.id == wd.id, Withdrawal.status == REQUESTED).values(
        status=status, reviewed_at=now, reviewed_by=staff_id, reason=reason)
        .execution_options(synchronize_session=False))
    session.refresh(wd)
    if done.rowcount != 1:
        raise errors.NotReviewable(details={"status": wd.status})


def approve(session: Session, *, merchant_id: int, withdrawal_id: int, staff_id: int,
            now: datetime) -> Withdrawal:
    """Hand it to payout: the fee to the merchant, the net into clearing."""
    wd = staff_withdrawal(session, merchant_id, withdrawal_id)
    _review(session, wd, APPROVED, staff_id, now)
    _post(session, wd, "approve", now, [("withdrawing", -wd.amount_fen),
                                        ("clearing", wd.net_fen), ("fee", wd.fee_fen)])
    return wd


def reject(session: Session, *, merchant_id: int, withdrawal_id: int, staff_id: int,
           reason: str, now: datetime) -> Withdrawal:
    """The funds go back to available."""
    wd = staff_withdrawal(session, merchant_id, withdrawal_id)
    _review(session, wd, REJECTED, staff_id, now, reason)
    _post(session, wd, "reject", now, [("withdrawing", -wd.amount_fen),
                                       ("available", wd.amount_fen)])
    return wd


def pay_out(session: Session, withdrawal_id: int, payout: PayoutProvider,
            now: datetime) -> str:
    """Pay an approved withdrawal once: paid, or failed with the funds (fee
    included) back in available. Returns the status, or done if not approved."""
    wd = session.scalar(select(Withdrawal).where(Withdrawal.id == withdrawal_id)
                        .with_for_update())
    if wd is None or wd.status != APPROVED:
        return "done"
    result = payout.pay(f"WD{wd.id}", wd.user_id, wd.net_fen)
    if result.status == "succeeded":
        wd.status, wd.paid_at, wd.payout_id = PAID, now, result.payout_id[:64]
        _post(session, wd, "paid", now, [("clearing", -wd.net_fen), ("paid", wd.net_fen)])
    else:
        wd.status, wd.reason = FAILED, result.reason[:80]
        _post(session, wd, "failed", now, [("clearing", -wd.net_fen), ("fee", -wd.fee_fen),
                                           ("available", wd.amount_fen)])
    return wd.status


def approved_ids(session: Session, limit: int = 500) -> list[int]:
    return list(session.scalars(select(Withdrawal.id).where(Withdrawal.status == APPROVED)
                                .order_by(Withdrawal.id).limit(limit)))


def list_for(session: Session, *, merchant_id: int, user_id: int | None = None,
             status: str | None = None, page: int, per_page: int):
    stmt = select(Withdrawal).where(Withdrawal.merchant_id == merchant_id)
    if user_id is not None:
        stmt = stmt.where(Withdrawal.user_id == user_id)
    if status:
        stmt = stmt.where(Withdrawal.status == status)
    return paginate(session, stmt, order_by=Withdrawal.id.desc(), page=page, per_page=per_page)


def progress(wd: Withdrawal) -> list[dict]:
    """The steps a distributor sees, each with its time once reached."""
    review = "rejected" if wd.status == REJECTED else "approved"
    steps = [("requested", wd.created_at), (review, wd.reviewed_at)]
    if wd.status != REJECTED:
        steps.append(("failed" if wd.status == FAILED else "paid",
                      wd.paid_at or (wd.reviewed_at if wd.status == FAILED else None)))
    return [{"step": name, "at": at, "done": at is not None} for name, at in steps]


def list_mine(session: Session, *, merchant_id: int, user_id: int, status: str | None,
              page: int, per_page: int):
    get_rules(session, merchant_id)  # merchant_not_found
    return list_for(session, merchant_id=merchant_id, user_id=user_id, status=status,
                    page=page, per_page=per_page)


def mine(session: Session, *, merchant_id: int, user_id: int, withdrawal_id: int) -> Withdrawal:
    """One of the user's own withdrawals; anyone else's is not found."""
    get_rules(session, merchant_id)
    wd = session.get(Withdrawal, withdrawal_id)
    if wd is None or wd.merchant_id != merchant_id or wd.user_id != user_id:
        raise errors.WithdrawalNotFound()
    return wd
