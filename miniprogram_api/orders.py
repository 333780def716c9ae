"""A buyer's orders: create (from lines or the cart, idempotent by
request_id; delivered to an address of theirs, or collected at a pickup
point), preview the checkout, give an order its address, list, read,
cancel, confirm receipt."""

from flask import g

from app import clock
from app.auth.access import login_required
from app.cart import checkout
from app.cart.schemas import CheckoutPreviewIn, CheckoutPreviewOut
from app.db import transaction
from app.orders import schedule, service, ship_to
from app.orders.schemas import OrderAddressIn, OrderIn, OrderListArgs, OrderOut, OrderPage
from app.ratelimit import limited
from app.schema import Blueprint, page_of

CHECKOUT_ASKS = ("coupon_id", "points")
DELIVERY = ("delivery", "address_id", "contact")  # where the goods go

bp = Blueprint("mp_orders", __name__, url_prefix="/mp/v1",
               description="The buyer's own orders and the checkout preview.")


def _request(data: dict) -> tuple[checkout.Pick, dict]:
    """An order's (or a preview's) body -> what to buy, and the rest of
    what create_order takes."""
    pick = checkout.Pick(
        lines=tuple((line["sku_id"], line["quantity"]) for line in data.get("lines", ())),
        cart=data.get("cart", False), cart_line_ids=tuple(data.get("cart_line_ids", ())),
        merchant_id=data.get("merchant_id"))
    order = {"source": data["source"], "asks": {k: data[k] for k in CHECKOUT_ASKS if k in data}}
    for name in ("remark", *DELIVERY):
        if name in data:
            order[name] = data[name]
    return pick, order


@bp.post("/orders")
@login_required
@limited("order")
@bp.arguments(OrderIn)
@bp.response(201, OrderOut)
@bp.alt_response(200, schema=OrderOut,
                 description="The same request_id asking the same: the order it made.")
def create_order(data):
    pick, order = _request(data)
    with transaction() as session:
        made, created = checkout.place(session, buyer_id=g.user_id, pick=pick, order=order,
                                       request_id=data.get("request_id"), now=clock.now())
        if created:
            schedule.expiry(session, made)
    return made, 201 if created else 200


@bp.post("/checkout/preview")
@login_required
@bp.arguments(CheckoutPreviewIn)
@bp.response(200, CheckoutPreviewOut)
def preview(data):
    """Per shop: goods, postage, discounts (what each step applied) and the
    total its order would charge; nothing is written, no stock taken."""
    pick, order = _request(data)
    with transaction() as session:
        return checkout.preview(session, buyer_id=g.user_id, pick=pick, order=order,
                                now=clock.now())


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
