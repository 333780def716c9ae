"""The leader's own workbench in the console (the same use cases as the
mini-program's /mp/v1/leader, for a signed-in console session): the
communities I lead with my point and rate, my point's pick list of a China
day, and handing goods over against the buyer's pickup code. A leader sees
only what they lead."""

from flask import g

from app import clock
from app.auth.access import login_required
from app.db import transaction
from app.redis import client as redis_client
from app.schema import Blueprint
from community import communities, pickup, views
from community.schemas import HandOverIn, HandOverOut, LedCommunityOut, PickListArgs, PickListOut

bp = Blueprint("staff_leader", __name__, url_prefix="/api/v1/leader",
               description="A community leader's workbench: my communities, pick lists, "
                           "pickup codes.")


@bp.get("/communities")
@login_required
@bp.response(200, LedCommunityOut(many=True))
def my_communities():
    with transaction() as session:
        return [{"id": community.id, "merchant_id": community.merchant_id,
                 "name": community.name, "leader": views.leader(community, row, point)}
                for community, row, point in communities.led_by(session, g.user_id)]


@bp.get("/communities/<int:community_id>/pick-list")
@login_required
@bp.arguments(PickListArgs, location="query")
@bp.response(200, PickListOut)
def pick_list(args, community_id):
    with transaction() as session:
        communities.get(session, community_id)
        communities.require_leader(session, community_id, g.user_id)
        return pickup.pick_list(session, community_id=community_id, leader_id=g.user_id,
                                day=views.day_of(args))


@bp.post("/orders/<int:order_id>/pickup")
@login_required
@bp.arguments(HandOverIn)
@bp.response(200, HandOverOut)
def hand_over(data, order_id):
    """The right code hands the order over; a wrong one changes nothing."""
    with transaction() as session:
        done = pickup.hand_over(session, redis_client(), leader_id=g.user_id,
                                order_id=order_id, code=data["code"], now=clock.now())
        return {"order_id": done.order_id, "status": done.status,
                "picked_up_at": done.picked_up_at}
