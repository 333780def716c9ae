"""Merchant staff: group-buy and bargain activities, their groups, success rate."""


from app import clock
from app.catalog.staff import staff_view
from app.schema import Blueprint, PageArgs, page_of
from groupbuy import activities as service
from groupbuy import staff_views
from groupbuy.models import BargainActivity, GroupActivity
from groupbuy.schemas import (
    ActivityPatch,
    BargainActivityIn,
    BargainActivityOut,
    BargainActivityPage,
    BargainActivityPatch,
    BargainListArgs,
    GroupActivityIn,
    GroupActivityOut,
    GroupActivityPage,
    GroupListArgs,
    HelpListArgs,
    HelpPage,
    StaffBargainPage,
    StaffGroupPage,
    StatsOut,
)

bp = Blueprint("staff_groupbuy", __name__, url_prefix="/api/v1/merchants/<int:merchant_id>",
               description="Merchant staff: group-buy and bargain activities.")


@bp.post("/group-activities")
@staff_view
@bp.arguments(GroupActivityIn)
@bp.response(201, GroupActivityOut)
def create_group_activity(data, merchant_id, session):
    return service.create_group_activity(session, merchant_id=merchant_id, data=data,
                                         now=clock.now())


@bp.get("/group-activities")
@staff_view
@bp.arguments(PageArgs, location="query")
@bp.response(200, GroupActivityPage)
def list_group_activities(args, merchant_id, session):
    items, total = service.list_activities(session, GroupActivity,
                                           merchant_id=merchant_id, **args)
    return page_of(items, total, args)


@bp.patch("/group-activities/<int:group_activity_id>")
@staff_view
@bp.arguments(ActivityPatch)
@bp.response(200, GroupActivityOut)
def update_group_activity(data, merchant_id, group_activity_id, session):
    act = service.get_group_activity(session, group_activity_id, merchant_id)
    return service.update_activity(act, data)


@bp.get("/group-activities/<int:group_activity_id>/groups")
@staff_view
@bp.arguments(GroupListArgs, location="query")
@bp.response(200, StaffGroupPage)
def list_groups(args, merchant_id, group_activity_id, session):
    """Newest first, each with its leader's nickname."""
    now = clock.now()
    service.get_group_activity(session, group_activity_id, merchant_id)
    items, total = service.list_groups(session, activity_id=group_activity_id,
                                       status=args.get("status"), page=args["page"],
                                       per_page=args["per_page"])
    return page_of(staff_views.groups(session, items, now), total, args)


@bp.get("/group-activities/<int:group_activity_id>/stats")
@staff_view
@bp.response(200, StatsOut)
def group_stats(merchant_id, group_activity_id, session):
    service.get_group_activity(session, group_activity_id, merchant_id)
    return service.stats(session, group_activity_id)


@bp.post("/bargain-activities")
@staff_view
@bp.arguments(BargainActivityIn)
@bp.response(201, BargainActivityOut)
def create_bargain_activity(data, merchant_id, session):
    return service.create_bargain_activity(session, merchant_id=merchant_id, data=data,
                                           now=clock.now())


@bp.get("/bargain-activities")
@staff_view
@bp.arguments(PageArgs, location="query")
@bp.response(200, BargainActivityPage)
def list_bargain_activities(args, merchant_id, session):
    items, total = service.list_activities(session, BargainActivity,
                                           merchant_id=merchant_id, **args)
    return page_of(items, total, args)


@bp.patch("/bargain-activities/<int:bargain_activity_id>")
@staff_view
@bp.arguments(BargainActivityPatch)
@bp.response(200, BargainActivityOut)
def update_bargain_activity(data, merchant_id, bargain_activity_id, session):
    act = service.get_bargain_activity(session, bargain_activity_id, merchant_id)
    return service.update_activity(act, data, service.RISK_FIELDS)


@bp.get("/bargain-activities/<int:bargain_activity_id>/bargains")
@staff_view
@bp.arguments(BargainListArgs, location="query")
@bp.response(200, StaffBargainPage)
def list_bargains(args, merchant_id, bargain_activity_id, session):
    """The activity's bargains, newest first, each with its starter's nickname."""
    service.get_bargain_activity(session, bargain_activity_id, merchant_id)
    items, total = staff_views.list_bargains(session, activity_id=bargain_activity_id,
                                             status=args.get("status"), now=clock.now(),
                                             page=args["page"], per_page=args["per_page"])
    return page_of(items, total, args)


@bp.get("/bargain-activities/<int:bargain_activity_id>/helps")
@staff_view
@bp.arguments(HelpListArgs, location="query")
@bp.response(200, HelpPage)
def list_bargain_helps(args, merchant_id, bargain_activity_id, session):
    """Every help with its risk score and reasons (`?risky=true`: the risky ones)."""
    service.get_bargain_activity(session, bargain_activity_id, merchant_id)
    items, total = service.list_helps(session, activity_id=bargain_activity_id,
                                      risky=args.get("risky"), page=args["page"],
                                      per_page=args["per_page"])
    return page_of(items, total, args)
