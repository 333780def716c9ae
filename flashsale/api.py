"""Staff API for flash sales: create, edit before the start, publish, stop,
and watch sold and remaining (also live over Socket.IO, namespace /flashsale)."""

from flask import g

from app import clock
from app.auth.access import login_required
from app.db import transaction
from app.schema import Blueprint, page_of
from flashsale import activities, flows
from flashsale.schemas import (
    ActivityIn,
    ActivityPatch,
    ListArgs,
    StaffActivityOut,
    StaffActivityPage,
)

bp = Blueprint("staff_flashsales", __name__,
               url_prefix="/api/v1/merchants/<int:merchant_id>/flashsales",
               description="Flash sales, for merchant staff.")


@bp.get("")
@login_required
@bp.arguments(ListArgs, location="query")
@bp.response(200, StaffActivityPage)
def list_activities(args, merchant_id):
    now = clock.now()
    with transaction() as session:
        items, total = activities.list_for_merchant(session, staff_id=g.user_id,
                                                    merchant_id=merchant_id,
                                                    page=args["page"],
                                                    per_page=args["per_page"])
    return page_of([flows.present(a, now) for a in items], total, args)


@bp.post("")
@login_required
@bp.arguments(ActivityIn)
@bp.response(201, StaffActivityOut)
def create(data, merchant_id):
    with transaction() as session:
        activity = activities.create(session, staff_id=g.user_id, merchant_id=merchant_id,
                                     data=data, now=clock.now())
    return flows.present(activity, clock.now())


@bp.get("/<int:activity_id>")
@login_required
@bp.response(200, StaffActivityOut)
def get(merchant_id, activity_id):
    with transaction() as session:
        activity = activities.staff_get(session, staff_id=g.user_id, merchant_id=merchant_id,
                                        activity_id=activity_id)
    return flows.present(activity, clock.now())


@bp.patch("/<int:activity_id>")
@login_required
@bp.arguments(ActivityPatch)
@bp.response(200, StaffActivityOut)
def edit(data, merchant_id, activity_id):
    with transaction() as session:
        activity = activities.edit(session, staff_id=g.user_id, merchant_id=merchant_id,
                                   activity_id=activity_id, data=data, now=clock.now())
        if activity.status == "published":
            flows.after_publish(session, activity)
    return flows.present(activity, clock.now())


@bp.post("/<int:activity_id>/publish")
@login_required
@bp.response(200, StaffActivityOut)
def publish(merchant_id, activity_id):
    with transaction() as session:
        activity = activities.publish(session, staff_id=g.user_id, merchant_id=merchant_id,
                                      activity_id=activity_id, now=clock.now())
        flows.after_publish(session, activity)
    return flows.present(activity, clock.now())


@bp.post("/<int:activity_id>/stop")
@login_required
@bp.response(200, StaffActivityOut)
def stop(merchant_id, activity_id):
    """Stopped and settled at once: the unsold quota goes back to the SKU."""
    with transaction() as session:
        activity = activities.stop(session, staff_id=g.user_id, merchant_id=merchant_id,
                                   activity_id=activity_id, now=clock.now())
        flows.after_stop(session, activity)
    return flows.present(activity, clock.now())
