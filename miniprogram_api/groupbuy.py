"""Group-buys for buyers: open a group, join one, see a SKU's open groups,
a group, or the group behind a share scene."""

from flask import current_app, g

from app import clock
from app.auth.access import login_required, settings
from app.db import transaction
from app.orders import schedule
from app.ratelimit import limited
from app.redis import client as redis_client
from app.schema import Blueprint, PageArgs, page_of
from app.sharing import service as shares
from app.sharing.schemas import SceneArgs
from groupbuy import groups, mine, queries
from groupbuy.engine import engine_for
from groupbuy.errors import GroupNotFound
from groupbuy.schemas import GroupOut, MySeatPage, OpenGroupIn, SeatOut

bp = Blueprint("mp_groupbuy", __name__, url_prefix="/mp/v1",
               description="Group-buys: open, join, browse.")


def _seat_answer(session, engine, group, order, now):
    schedule.expiry(session, order)
    return {"group": queries.group_view(session, engine, group.id, now), "order": order}


@bp.post("/group-activities/<int:group_activity_id>/groups")
@login_required
@limited("order")
@bp.arguments(OpenGroupIn)
@bp.response(201, SeatOut)
def open_group(data, group_activity_id):
    """Lead a new group: a seat and a pending order at the leader's price."""
    now, engine = clock.now(), engine_for(redis_client())
    with transaction() as session:
        group, order = groups.open_group(session, engine, activity_id=group_activity_id,
                                         sku_id=data["sku_id"], buyer_id=g.user_id, now=now)
        return _seat_answer(session, engine, group, order, now)


@bp.post("/groups/<int:group_id>/join")
@login_required
@limited("order")
@bp.response(201, SeatOut)
def join_group(group_id):
    """A seat (held until the payment window closes) and a pending order,
    written with the joins that arrive together (groupbuy/joins.py)."""
    return seat_out(current_app.extensions["groupbuy.joins"].join(group_id=group_id,
                                                                   buyer_id=g.user_id))


def seat_out(joined) -> dict:
    """The SeatOut answer of a written join: the group as its batch saw it, the order."""
    return {"group": joined.group, "order": joined.order}


@bp.get("/skus/<int:sku_id>/groups")
@bp.response(200, GroupOut(many=True))
def open_groups(sku_id):
    """Groups still taking members, nearest to full first."""
    with transaction() as session:
        return queries.open_groups(session, engine_for(redis_client()), sku_id=sku_id,
                                   now=clock.now())


@bp.get("/groups/<int:group_id>")
@bp.response(200, GroupOut)
def get_group(group_id):
    with transaction() as session:
        return queries.group_view(session, engine_for(redis_client()), group_id, clock.now())


@bp.get("/groups/by-scene")
@bp.arguments(SceneArgs, location="query")
@bp.response(200, GroupOut)
def group_by_scene(args):
    """The group a share's scene points at (the scan is counted)."""
    now = clock.now()
    with transaction() as session:
        share = shares.resolve(session, scene=args["scene"], now=now,
                               base_url=settings().public_base_url)
        if share["kind"] != "group":
            raise GroupNotFound()
        return queries.group_view(session, engine_for(redis_client()), share["target_id"], now)


@bp.get("/me/groups")
@login_required
@bp.arguments(PageArgs, location="query")
@bp.response(200, MySeatPage)
def my_groups(args):
    """My seats in groups, newest first (not those given back when their
    order was cancelled or timed out)."""
    with transaction() as session:
        items, total = mine.my_groups(session, engine_for(redis_client()), user_id=g.user_id,
                                      now=clock.now(), page=args["page"],
                                      per_page=args["per_page"])
        return page_of(items, total, args)
