"""What is on and coming: group-buy and bargain activities and live rooms
(flash sales: GET /mp/v1/flashsales)."""

from app import clock
from app.db import transaction
from app.schema import Blueprint, page_of
from groupbuy import listings
from groupbuy.listing_schemas import BargainActivityListing, GroupActivityListing, ListingArgs
from live import listings as live_listings
from live.listing_schemas import LiveNowPage, RoomListArgs

bp = Blueprint("mp_activities", __name__, url_prefix="/mp/v1",
               description="Running and upcoming group-buys and bargains; live rooms.")


@bp.get("/group-activities")
@bp.arguments(ListingArgs, location="query")
@bp.response(200, GroupActivityListing)
def list_group_activities(args):
    """Running ones first (soonest to end first), then upcoming (soonest to start)."""
    with transaction() as session:
        items, total = listings.group_activities(session, now=clock.now(),
                                                 phase=args.get("phase"), page=args["page"],
                                                 per_page=args["per_page"],
                                                 product_id=args.get("product_id"))
    return page_of(items, total, args)


@bp.get("/bargain-activities")
@bp.arguments(ListingArgs, location="query")
@bp.response(200, BargainActivityListing)
def list_bargain_activities(args):
    """Running ones first (soonest to end first), then upcoming (soonest to start)."""
    with transaction() as session:
        items, total = listings.bargain_activities(session, now=clock.now(),
                                                   phase=args.get("phase"), page=args["page"],
                                                   per_page=args["per_page"],
                                                   product_id=args.get("product_id"))
    return page_of(items, total, args)


@bp.get("/live/rooms")
@bp.arguments(RoomListArgs, location="query")
@bp.response(200, LiveNowPage)
def list_rooms(args):
    """Live now first (latest started first, then paused), then scheduled (soonest first)."""
    with transaction() as session:
        items, total = live_listings.rooms(session, state=args.get("state"), page=args["page"],
                                           per_page=args["per_page"])
    return page_of(items, total, args)
