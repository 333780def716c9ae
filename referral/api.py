"""Merchant staff: referral rules, product overrides, tiers, distributors,
withdrawal review, the payable report and the leaderboard unmasked.
Withdrawals and the payable report are the owner's and merchant_finance's
only (not operators')."""

from flask import g

from app import clock
from app.catalog.staff import finance_view, staff_view
from app.queue import enqueue
from app.schema import Blueprint, PageArgs, page_of
from referral import bindings, ledger, reports, settings, staff_reads, withdrawals
from referral import leaderboard as leaderboard_
from referral.schemas import (
    DistributorArgs,
    DistributorLedgerOut,
    DistributorOut,
    LeaderArgs,
    PayableOut,
    ProductRateIn,
    ProductRateOut,
    RejectIn,
    ReviewIn,
    RulesIn,
    RulesOut,
    StaffDistributorPage,
    StaffLeaderRow,
    StaffWithdrawalPage,
    TierOut,
    TiersIn,
    WithdrawalArgs,
    WithdrawalOut,
)

bp = Blueprint("staff_referral", __name__,
               url_prefix="/api/v1/merchants/<int:merchant_id>/referral",
               description="Merchant staff: distribution rules, distributors, withdrawals.")


@bp.get("/rules")
@staff_view
@bp.response(200, RulesOut)
def get_rules(merchant_id, session):
    return settings.get_rules(session, merchant_id)


@bp.put("/rules")
@staff_view
@bp.arguments(RulesIn)
@bp.response(200, RulesOut)
def put_rules(data, merchant_id, session):
    return settings.save_rules(session, merchant_id, data, clock.now())


@bp.get("/products/<int:product_id>/commission")
@staff_view
@bp.response(200, ProductRateOut)
def get_product_rate(merchant_id, product_id, session):
    """The product's commission override; mode null: the merchant's rates apply."""
    return settings.product_rate(session, staff_id=g.user_id, merchant_id=merchant_id,
                                 product_id=product_id)


@bp.put("/products/<int:product_id>/commission")
@staff_view
@bp.arguments(ProductRateIn)
@bp.response(200, ProductRateOut)
def put_product_rate(data, merchant_id, product_id, session):
    settings.set_product_rate(session, staff_id=g.user_id, merchant_id=merchant_id,
                              product_id=product_id, mode=data["mode"],
                              values=data["values"])
    return {"product_id": product_id, "mode": data["mode"],
            "values": data["values"] if data["mode"] else []}


@bp.get("/tiers")
@staff_view
@bp.response(200, TierOut(many=True))
def get_tiers(merchant_id, session):
    return settings.tiers(session, merchant_id)


@bp.put("/tiers")
@staff_view
@bp.arguments(TiersIn)
@bp.response(200, TierOut(many=True))
def put_tiers(data, merchant_id, session):
    return settings.replace_tiers(session, merchant_id, data["tiers"])


@bp.get("/distributors")
@staff_view
@bp.arguments(DistributorArgs, location="query")
@bp.response(200, StaffDistributorPage)
def list_distributors(args, merchant_id, session):
    """Distributors and applications, with nicknames and balances."""
    items, total = staff_reads.distributors(
        session, merchant_id=merchant_id, status=args.get("status"), page=args["page"],
        per_page=args["per_page"])
    return page_of(items, total, args)


@bp.get("/distributors/<int:user_id>/ledger")
@staff_view
@bp.arguments(PageArgs, location="query")
@bp.response(200, DistributorLedgerOut)
def distributor_ledger(args, merchant_id, user_id, session):
    """One distributor's balances and ledger entries, newest first."""
    body = staff_reads.distributor_ledger(session, merchant_id=merchant_id, user_id=user_id,
                                          page=args["page"], per_page=args["per_page"])
    return {**page_of(body["items"], body["total"], args), "distributor": body["distributor"]}


@bp.post("/distributors/<int:user_id>/review")
@staff_view
@bp.arguments(ReviewIn)
@bp.response(200, DistributorOut)
def review_distributor(data, merchant_id, user_id, session):
    return bindings.review(session, merchant_id=merchant_id, user_id=user_id,
                           approve=data["approve"], now=clock.now())


@bp.get("/withdrawals")
@finance_view
@bp.arguments(WithdrawalArgs, location="query")
@bp.response(200, StaffWithdrawalPage)
def list_withdrawals(args, merchant_id, session):
    items, total = staff_reads.withdrawal_page(session, merchant_id=merchant_id,
                                               status=args.get("status"), page=args["page"],
                                               per_page=args["per_page"])
    return page_of(items, total, args)


@bp.post("/withdrawals/<int:withdrawal_id>/approve")
@finance_view
@bp.response(200, WithdrawalOut)
def approve_withdrawal(merchant_id, withdrawal_id, session):
    """Approved: the payout job pays it after the commit."""
    wd = withdrawals.approve(session, merchant_id=merchant_id, withdrawal_id=withdrawal_id,
                             staff_id=g.user_id, now=clock.now())
    enqueue(session, "referral.jobs.pay_out", withdrawal_id, queue="referral",
            job_id=f"ref-payout-{withdrawal_id}")
    return wd


@bp.post("/withdrawals/<int:withdrawal_id>/reject")
@finance_view
@bp.arguments(RejectIn)
@bp.response(200, WithdrawalOut)
def reject_withdrawal(data, merchant_id, withdrawal_id, session):
    return withdrawals.reject(session, merchant_id=merchant_id,
                              withdrawal_id=withdrawal_id, staff_id=g.user_id,
                              reason=data["reason"], now=clock.now())


@bp.get("/payable")
@finance_view
@bp.response(200, PayableOut)
def payable(merchant_id, session):
    """What the merchant owes each distributor, with the ledger's own check."""
    return {**reports.payable(session, merchant_id),
            "unbalanced_txns": ledger.unbalanced(session)}


@bp.get("/leaderboard")
@staff_view
@bp.arguments(LeaderArgs, location="query")
@bp.response(200, StaffLeaderRow(many=True))
def leaderboard(args, merchant_id, session):
    """The leaderboard unmasked, with user ids."""
    return leaderboard_.ranked(session, merchant_id, args["limit"])
