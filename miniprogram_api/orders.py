"""A buyer's orders: create (delivered to an address of theirs, or collected
at a pickup point), give an order its address, list, read, cancel, confirm
receipt."""

from flask import g

from app import clock
from app.auth.access import login_required
from app.db import transaction
from app.orders import schedule, service, ship_to
from app.orders.schemas import OrderAddressIn, OrderIn, OrderListArgs, OrderOut, OrderPage
from app.ratelimit import limited
from app.schema import Blueprint, page_of

CHECKOUT_ASKS = ("coupon_id", "points")

bp = Blueprint("mp_orders", __name__, url_prefix="/mp/v1",
               description="The buyer's own orders.")


@bp.post("/orders")
@login_required
@limited("order")
@bp.arguments(OrderIn)
@bp.response(201, OrderOut)
def create_order(data):
    lines = [(line["sku_id"], line["quantity"]) for line in data["lines"]]
    with transaction() as session:
        order = service.create_order(session, buyer_id=g.user_id, lines=lines,
                                     source=data["source"], remark=data["remark"],
                                     asks={k: data[k] for k in CHECKOUT_ASKS if k in data},
                                     delivery=data.get("delivery"),
                                     address_id=data.get("address_id"),
                                     contact=data.get("contact"), now=clock.now())
        schedule.expiry(session, order)
    return order


@bp.get("/orders")
@login_required
@bp.arguments(OrderListArgs, location="query")
@bp.response(200, OrderPage)
def list_orders(args):
    with transaction() as session:
        items, total = service.list_orders(session, buyer_id=g.user_id,
                                           status=args.get("status"), page=args["page"],
                                           per_page=args["per_page"])
    return page_of(items, total, args)


@bp.get("/orders/<int:order_id>")
@login_required
@bp.response(200, OrderOut)
def get_order(order_id):
    with transaction() as session:
        return service.buyer_order(session, g.user_id, order_id)


@bp.post("/orders/<int:order_id>/address")
@login_required
@bp.arguments(OrderAddressIn)
@bp.response(200, OrderOut)
def set_address(data, order_id):
    """Copy one of my addresses into my express order that has none yet (a
    flash grab, a group seat or a bargain is placed without one); it cannot
    ship without it, and keeps it once given."""
    with transaction() as session:
        return ship_to.set_for_buyer(session, buyer_id=g.user_id, order_id=order_id,
                                     address_id=data["address_id"])


@bp.post("/orders/<int:order_id>/cancel")
@login_required
@bp.response(200, OrderOut)
def cancel(order_id):
    with transaction() as session:
        return service.cancel_by_buyer(session, buyer_id=g.user_id, order_id=order_id,
                                       now=clock.now())


@bp.post("/orders/<int:order_id>/receive")
@login_required
@bp.response(200, OrderOut)
def receive(order_id):
    with transaction() as session:
        order = service.receive_by_buyer(session, buyer_id=g.user_id, order_id=order_id,
                                         now=clock.now())
        schedule.completion(session, order)
    return order
