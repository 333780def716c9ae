"""Merchant staff: members, tags (manual and rule), recompute, segments and
previews, sends with progress, points settings, tiers, a member's points."""

from flask import g

from app import clock
from app.catalog.staff import staff_view
from app.queue import enqueue
from app.schema import Blueprint, PageArgs, page_of
from members import members, roster, tiers
from members import standing as members_view
from members.points import adjust as points_adjust
from members.points import settings as points_settings
from members.schemas import (
    AdjustIn,
    MemberPage,
    MemberTierOut,
    MemberTiersIn,
    PointsOut,
    PointsSettingsIn,
    PointsSettingsOut,
    RecomputeIn,
    RecomputeOut,
    SegmentIn,
    SegmentOut,
    SegmentPreviewIn,
    SegmentPreviewOut,
    SendIn,
    SendOut,
    SendPage,
    TaggedOut,
    TagIn,
    TagMembersIn,
    TagOut,
)
from members.segments import segments
from members.segments import sends as segment_sends
from members.tags import tagging as tags

bp = Blueprint("staff_members", __name__,
               url_prefix="/api/v1/merchants/<int:merchant_id>/members",
               description="Merchant staff: member tags, segments, sends, points and tiers.")


@bp.get("")
@staff_view
@bp.arguments(PageArgs, location="query")
@bp.response(200, MemberPage)
def list_members(args, merchant_id, session):
    items, total = roster.page(session, merchant_id, page=args["page"],
                               per_page=args["per_page"], now=clock.now())
    return page_of(items, total, args)


@bp.get("/<int:member_id>/points")
@staff_view
@bp.arguments(PageArgs, location="query")
@bp.response(200, PointsOut)
def member_points(args, merchant_id, member_id, session):
    members.get_member(session, merchant_id, member_id)
    return members_view.points_page(session, merchant_id, member_id, clock.now(),
                                    page=args["page"], per_page=args["per_page"])


@bp.post("/<int:member_id>/points")
@staff_view
@bp.arguments(AdjustIn)
@bp.response(200, PointsOut)
def adjust_points(data, merchant_id, member_id, session):
    """Add or take points by hand, with a reason; answers the member's points."""
    now = clock.now()
    points_adjust.adjust(session, merchant_id=merchant_id, user_id=member_id,
                         points=data["points"], reason=data["reason"],
                         request_key=data["request_id"], now=now)
    return members_view.points_page(session, merchant_id, member_id, now, page=1, per_page=20)


@bp.get("/tags")
@staff_view
@bp.response(200, TagOut(many=True))
def list_tags(merchant_id, session):
    return tags.list_tags(session, merchant_id)


@bp.post("/tags")
@staff_view
@bp.arguments(TagIn)
@bp.response(201, TagOut)
def create_tag(data, merchant_id, session):
    tag = tags.create_tag(session, merchant_id, data, clock.now())
    return next(t for t in tags.list_tags(session, merchant_id) if t["id"] == tag.id)


@bp.delete("/tags/<int:tag_id>")
@staff_view
@bp.response(204)
def delete_tag(merchant_id, tag_id, session):
    tags.delete_tag(session, merchant_id, tag_id)


@bp.post("/tags/<int:tag_id>/members")
@staff_view
@bp.arguments(TagMembersIn)
@bp.response(200, TaggedOut)
def tag_members(data, merchant_id, tag_id, session):
    return {"added": tags.tag_members(session, merchant_id, tag_id, data["user_ids"],
                                      clock.now())}


@bp.delete("/tags/<int:tag_id>/members/<int:member_id>")
@staff_view
@bp.response(204)
def untag_member(merchant_id, tag_id, member_id, session):
    tags.untag_member(session, merchant_id, tag_id, member_id)


@bp.post("/recompute")
@staff_view
@bp.arguments(RecomputeIn)
@bp.response(200, RecomputeOut)
def recompute(data, merchant_id, session):
    """Recompute rule tags now (the job and the periodic sweep do the same)."""
    if "tag_id" in data:
        tags.get_tag(session, merchant_id, data["tag_id"])
    return tags.recompute(session, merchant_id, clock.now(), tag_id=data.get("tag_id"))


@bp.get("/segments")
@staff_view
@bp.response(200, SegmentOut(many=True))
def list_segments(merchant_id, session):
    return segments.list_segments(session, merchant_id)


@bp.post("/segments")
@staff_view
@bp.arguments(SegmentIn)
@bp.response(201, SegmentOut)
def create_segment(data, merchant_id, session):
    return segments.save(session, merchant_id, data, clock.now())


@bp.put("/segments/<int:segment_id>")
@staff_view
@bp.arguments(SegmentIn)
@bp.response(200, SegmentOut)
def update_segment(data, merchant_id, segment_id, session):
    return segments.save(session, merchant_id, data, clock.now(), segment_id=segment_id)


@bp.delete("/segments/<int:segment_id>")
@staff_view
@bp.response(204)
def delete_segment(merchant_id, segment_id, session):
    segments.delete_segment(session, merchant_id, segment_id)


@bp.get("/segments/<int:segment_id>/preview")
@staff_view
@bp.response(200, SegmentPreviewOut)
def preview_segment(merchant_id, segment_id, session):
    segment = segments.get_segment(session, merchant_id, segment_id)
    return segments.preview(session, merchant_id, segment.expr)


@bp.post("/segments/preview")
@staff_view
@bp.arguments(SegmentPreviewIn)
@bp.response(200, SegmentPreviewOut)
def preview_expression(data, merchant_id, session):
    """How many members an expression picks, before saving it."""
    return segments.preview(session, merchant_id, data["expr"])


@bp.post("/sends")
@staff_view
@bp.arguments(SendIn)
@bp.response(201, SendOut)
def create_send(data, merchant_id, session):
    """Queued; the job delivers it after the commit. The same request_id
    again answers the send it made."""
    send, fresh = segment_sends.create(session, merchant_id=merchant_id,
                                       staff_id=g.user_id, data=data, now=clock.now())
    if fresh:
        enqueue(session, "members.jobs.run_send", send.id, queue="default",
                job_id=f"mem-send-{send.id}")
    return send


@bp.get("/sends")
@staff_view
@bp.arguments(PageArgs, location="query")
@bp.response(200, SendPage)
def list_sends(args, merchant_id, session):
    items, total = segment_sends.list_sends(session, merchant_id, page=args["page"],
                                            per_page=args["per_page"])
    return page_of(items, total, args)


@bp.get("/sends/<int:send_id>")
@staff_view
@bp.response(200, SendOut)
def get_send(merchant_id, send_id, session):
    return segment_sends.get_send(session, merchant_id, send_id)


@bp.get("/points-settings")
@staff_view
@bp.response(200, PointsSettingsOut)
def get_points_settings(merchant_id, session):
    return points_settings.get(session, merchant_id)


@bp.put("/points-settings")
@staff_view
@bp.arguments(PointsSettingsIn)
@bp.response(200, PointsSettingsOut)
def put_points_settings(data, merchant_id, session):
    return points_settings.save(session, merchant_id, data, clock.now())


@bp.get("/tiers")
@staff_view
@bp.response(200, MemberTierOut(many=True))
def get_tiers(merchant_id, session):
    return tiers.definitions(session, merchant_id)


@bp.put("/tiers")
@staff_view
@bp.arguments(MemberTiersIn)
@bp.response(200, MemberTierOut(many=True))
def put_tiers(data, merchant_id, session):
    """Replaces the tiers; every member's tier is recomputed."""
    return tiers.replace(session, merchant_id, data["tiers"])
