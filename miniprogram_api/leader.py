"""Community leaders: the day's pick list at my point, handing goods over
against the buyer's pickup code, and my commission. A leader sees only
their own point; a role holds only in its own community."""

from flask import g

from app import clock
from app.auth.access import login_required
from app.db import transaction
from app.redis import client as redis_client
from app.schema import Blueprint, PageArgs, page_of
from community import communities, leader_commission, pickup, views
from community.schemas import CommissionOut, HandOverIn, HandOverOut, PickListArgs, PickListOut

bp = Blueprint("mp_leader", __name__, url_prefix="/mp/v1/leader",
               description="Community leaders: pick lists, pickup codes, commission.")
C = "/communities/<int:community_id>"


def _my_community(session, community_id):
    community = communities.get(session, community_id)
    communities.require_leader(session, community_id, g.user_id)
    return community


@bp.get(C + "/pick-list")
@login_required
@bp.arguments(PickListArgs, location="query")
@bp.response(200, PickListOut)
def pick_list(args, community_id):
    with transaction() as session:
        _my_community(session, community_id)
        return pickup.pick_list(session, community_id=community_id, leader_id=g.user_id,
                                day=views.day_of(args))


@bp.post("/orders/<int:order_id>/pickup")
@login_required
@bp.arguments(HandOverIn)
@bp.response(200, HandOverOut)
def hand_over(data, order_id):
    with transaction() as session:
        done = pickup.hand_over(session, redis_client(), leader_id=g.user_id,
                                order_id=order_id, code=data["code"], now=clock.now())
        return {"order_id": done.order_id, "status": done.status,
                "picked_up_at": done.picked_up_at}


@bp.get(C + "/commission")
@login_required
@bp.arguments(PageArgs, location="query")
@bp.response(200, CommissionOut)
def commission(args, community_id):
    with transaction() as session:
        community = _my_community(session, community_id)
        balances, items, total = leader_commission.report(
            session, community=community, leader_id=g.user_id, page=args["page"],
            per_page=args["per_page"])
    return {**page_of(items, total, args), "balances": balances}
