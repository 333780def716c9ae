"""Referral for the distributor: bind to a referrer, join, my center, team,
earnings, leaderboard, withdrawals. A user only ever sees their own."""

from flask import g

from app import clock
from app.auth.access import login_required
from app.db import transaction
from app.schema import Blueprint, page_of
from referral import bindings, reports, withdrawals
from referral import leaderboard as leaderboard_
from referral.schemas import (
    BindIn,
    BindingOut,
    CenterOut,
    DistributorOut,
    EarningsArgs,
    EarningsOut,
    JoinIn,
    LeaderArgs,
    LeaderRow,
    TeamArgs,
    TeamPage,
    WithdrawalArgs,
    WithdrawalOut,
    WithdrawalPage,
    WithdrawIn,
)

bp = Blueprint("mp_referral", __name__, url_prefix="/mp/v1/referral",
               description="Distribution: bindings, my center, team, earnings, withdrawals.")
M = "/merchants/<int:merchant_id>"


@bp.post("/bind")
@login_required
@bp.arguments(BindIn)
@bp.response(200, BindingOut)
def bind(data):
    with transaction() as session:
        return bindings.bind_via(session, merchant_id=data["merchant_id"], user_id=g.user_id,
                                 scene=data.get("scene"), invite_code=data.get("invite_code"),
                                 now=clock.now())


@bp.post(f"{M}/join")
@login_required
@bp.arguments(JoinIn)
@bp.response(201, DistributorOut)
def join(data, merchant_id):
    with transaction() as session:
        return bindings.join_accepting(session, merchant_id=merchant_id, user_id=g.user_id,
                                       accepted=data["accept_terms"], now=clock.now())


@bp.get(f"{M}/me")
@login_required
@bp.response(200, CenterOut)
def center(merchant_id):
    with transaction() as session:
        return reports.center(session, merchant_id, g.user_id)


@bp.get(f"{M}/team")
@login_required
@bp.arguments(TeamArgs, location="query")
@bp.response(200, TeamPage)
def team(args, merchant_id):
    with transaction() as session:
        items, total = reports.team(session, merchant_id=merchant_id, user_id=g.user_id,
                                    level=args["level"], page=args["page"],
                                    per_page=args["per_page"])
    return page_of(items, total, args)


@bp.get(f"{M}/earnings")
@login_required
@bp.arguments(EarningsArgs, location="query")
@bp.response(200, EarningsOut)
def earnings(args, merchant_id):
    with transaction() as session:
        return reports.earnings(session, merchant_id=merchant_id, user_id=g.user_id,
                                days=args["days"], now=clock.now())


@bp.get(f"{M}/leaderboard")
@login_required
@bp.arguments(LeaderArgs, location="query")
@bp.response(200, LeaderRow(many=True))
def leaderboard(args, merchant_id):
    """Masked nicknames, no user ids; a distributor's own row unmasked, `me`."""
    with transaction() as session:
        return leaderboard_.board(session, merchant_id, args["limit"], g.user_id)


@bp.post(f"{M}/withdrawals")
@login_required
@bp.arguments(WithdrawIn)
@bp.response(201, WithdrawalOut)
@bp.alt_response(200, schema=WithdrawalOut, description="The same request id again.")
def withdraw(data, merchant_id):
    with transaction() as session:
        wd, created = withdrawals.request(session, merchant_id=merchant_id, user_id=g.user_id,
                                          amount_fen=data["amount_fen"],
                                          request_key=data["request_id"], now=clock.now())
    return wd, 201 if created else 200


@bp.get(f"{M}/withdrawals")
@login_required
@bp.arguments(WithdrawalArgs, location="query")
@bp.response(200, WithdrawalPage)
def my_withdrawals(args, merchant_id):
    with transaction() as session:
        items, total = withdrawals.list_mine(session, merchant_id=merchant_id,
                                             user_id=g.user_id, status=args.get("status"),
                                             page=args["page"], per_page=args["per_page"])
    return page_of(items, total, args)


@bp.get(f"{M}/withdrawals/<int:withdrawal_id>")
@login_required
@bp.response(200, WithdrawalOut)
def my_withdrawal(merchant_id, withdrawal_id):
    with transaction() as session:
        return withdrawals.mine(session, merchant_id=merchant_id, user_id=g.user_id,
                                withdrawal_id=withdrawal_id)
