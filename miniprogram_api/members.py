"""Membership for the buyer: my points and their history, daily check-in,
my tier and perks. A member only ever sees their own (nothing here takes
another user's id)."""

from datetime import date

from flask import g

from app import clock
from app.auth.access import login_required
from app.catalog.service import get_merchant
from app.db import transaction
from app.schema import Blueprint, PageArgs
from members import checkin
from members import standing as members_view
from members.schemas import (
    CheckinMonthArgs,
    CheckinMonthOut,
    CheckinOut,
    MemberStandingOut,
    PointsOut,
)

bp = Blueprint("mp_members", __name__, url_prefix="/mp/v1/members/merchants",
               description="Membership: points, check-in, tier.")
M = "/<int:merchant_id>"


@bp.get(M)
@login_required
@bp.response(200, MemberStandingOut)
def membership(merchant_id):
    with transaction() as session:
        return members_view.summary(session, merchant_id, g.user_id, clock.now())


@bp.get(f"{M}/points")
@login_required
@bp.arguments(PageArgs, location="query")
@bp.response(200, PointsOut)
def my_points(args, merchant_id):
    with transaction() as session:
        get_merchant(session, merchant_id)
        return members_view.points_page(session, merchant_id, g.user_id, clock.now(),
                                        page=args["page"], per_page=args["per_page"])


@bp.post(f"{M}/checkin")
@login_required
@bp.response(201, CheckinOut)
def check_in(merchant_id):
    """One per China day; a second is refused (already_checked_in)."""
    with transaction() as session:
        return checkin.check_in(session, merchant_id=merchant_id, user_id=g.user_id,
                                now=clock.now())


@bp.get(f"{M}/checkins")
@login_required
@bp.arguments(CheckinMonthArgs, location="query")
@bp.response(200, CheckinMonthOut)
def my_checkins(args, merchant_id):
    """The days of a month I checked in, for a calendar, with today as the
    server's clock says and what today's check-in gives."""
    month = date.fromisoformat(args["month"] + "-01") if "month" in args else None
    with transaction() as session:
        return checkin.calendar(session, merchant_id=merchant_id, user_id=g.user_id,
                                now=clock.now(), month=month)
