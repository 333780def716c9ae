"""Flash sales for buyers: what is on and coming, a grab token, the grab,
and the result."""

from flask import g

from app import clock
from app.auth.access import bearer_required, login_required
from app.db import transaction
from app.schema import Blueprint, page_of
from flashsale import activities, flows, grabs
from flashsale.schemas import (
    ActivityOut,
    ActivityPage,
    GrabIn,
    GrabOut,
    ListArgs,
    ResultOut,
    TokenOut,
)

bp = Blueprint("mp_flashsales", __name__, url_prefix="/mp/v1/flashsales",
               description="Flash sales: browse, get a grab token, grab.")


@bp.get("")
@bp.arguments(ListArgs, location="query")
@bp.response(200, ActivityPage)
def list_sales(args):
    """Running and upcoming sales, soonest first."""
    now = clock.now()
    with transaction() as session:
        items, total = activities.list_public(session, now=now, page=args["page"],
                                              per_page=args["per_page"],
                                              product_id=args.get("product_id"))
    return page_of([flows.present(a, now) for a in items], total, args)


@bp.get("/<int:activity_id>")
@bp.response(200, ActivityOut)
def get_sale(activity_id):
    with transaction() as session:
        activity = activities.get_public(session, activity_id)
    return flows.present(activity, clock.now())


@bp.post("/<int:activity_id>/token")
@login_required
@bp.response(201, TokenOut)
def grab_token(activity_id):
    """Only while the sale is open; bound to you and this sale; short-lived."""
    token, expires = flows.issue_token(activity_id=activity_id, user_id=g.user_id)
    return {"token": token, "expires_at": expires}


@bp.post("/<int:activity_id>/grab")
@bearer_required
@bp.arguments(GrabIn())  # an instance: the hot path does not build a schema per request
@bp.response(201, GrabOut())
def grab(data, activity_id):
    """A won grab is a pending order at the flash price (5 minutes to pay)."""
    return flows.runtime().grab(activity_id=activity_id, user_id=g.user_id,
                                quantity=data["quantity"], token=data["token"],
                                source=data["source"])


@bp.get("/<int:activity_id>/result")
@login_required
@bp.response(200, ResultOut)
def result(activity_id):
    now = clock.now()
    with transaction() as session:
        activity = activities.get_public(session, activity_id)
        mine = grabs.my_orders(session, activity_id=activity_id, user_id=g.user_id)
    shown = flows.present(activity, now)
    return {"activity_id": activity_id, "phase": shown["phase"],
            "remaining": shown["remaining"], "orders": mine}
