"""Bargains for buyers: start one, help a friend's, buy, and view."""

from flask import g

from app import clock, request_meta
from app.auth.access import login_required, settings
from app.db import transaction
from app.orders import schedule
from app.ratelimit import limited
from app.redis import client as redis_client
from app.schema import Blueprint, PageArgs, page_of
from app.sharing import service as shares
from app.sharing.schemas import SceneArgs
from groupbuy import bargains, help_flow, helps, mine, queries
from groupbuy.engine import engine_for
from groupbuy.errors import BargainNotFound
from groupbuy.schemas import BargainOut, BoughtOut, HelpOut, MyBargainPage

bp = Blueprint("mp_bargain", __name__, url_prefix="/mp/v1",
               description="Bargains: start, help, buy.")


@bp.post("/bargain-activities/<int:bargain_activity_id>/bargains")
@login_required
@bp.response(201, BargainOut)
def start_bargain(bargain_activity_id):
    now, engine = clock.now(), engine_for(redis_client())
    with transaction() as session:
        bargain = bargains.start(session, engine, activity_id=bargain_activity_id,
                                 starter_id=g.user_id, now=now)
        return queries.bargain_view(session, bargain.id, now)


@bp.post("/bargains/<int:bargain_id>/helps")
@login_required
@limited("bargain_help")
@bp.response(201, HelpOut)
def help_bargain(bargain_id):
    """The helper's IP and `X-Device-Id` header feed the help's risk score."""
    helper = helps.Helper(g.user_id, ip=request_meta.client_ip(),
                          device_id=request_meta.device_id())
    return help_answer(help_flow.runtime().help(bargain_id=bargain_id, helper=helper))


def help_answer(done: helps.Helped) -> dict:
    """HelpOut, as the view and the lean path (help_path.py) answer it."""
    return {"cut_fen": done.cut_fen, "price_fen": done.price_fen, "reduced": done.reduced,
            "risk_reasons": list(done.risk.reasons)}


@bp.post("/bargains/<int:bargain_id>/buy")
@login_required
@limited("order")
@bp.response(201, BoughtOut)
def buy(bargain_id):
    now, engine = clock.now(), engine_for(redis_client())
    with transaction() as session:
        bargain, order = bargains.buy(session, engine, bargain_id=bargain_id,
                                      buyer_id=g.user_id, now=now)
        schedule.expiry(session, order)
        return {"bargain": queries.bargain_view(session, bargain.id, now), "order": order}


@bp.get("/bargains/<int:bargain_id>")
@bp.response(200, BargainOut)
def get_bargain(bargain_id):
    with transaction() as session:
        return queries.bargain_view(session, bargain_id, clock.now())


@bp.get("/bargains/by-scene")
@bp.arguments(SceneArgs, location="query")
@bp.response(200, BargainOut)
def bargain_by_scene(args):
    now = clock.now()
    with transaction() as session:
        share = shares.resolve(session, scene=args["scene"], now=now,
                               base_url=settings().public_base_url)
        if share["kind"] != "bargain":
            raise BargainNotFound()
        return queries.bargain_view(session, share["target_id"], now)


@bp.get("/me/bargains")
@login_required
@bp.arguments(PageArgs, location="query")
@bp.response(200, MyBargainPage)
def my_bargains(args):
    """The bargains I started, newest first."""
    with transaction() as session:
        items, total = mine.my_bargains(session, user_id=g.user_id, now=clock.now(),
                                        page=args["page"], per_page=args["per_page"])
        return page_of(items, total, args)
