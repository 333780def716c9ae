"""Merchant staff views for orders: list and ship."""

from flask import g

from app import clock
from app.auth.access import login_required
from app.catalog.service import check_staff
from app.db import transaction
from app.orders import schedule, service
from app.orders.schemas import OrderListArgs, OrderOut, OrderPage, ShipIn
from app.schema import Blueprint, page_of

bp = Blueprint("staff_orders", __name__, url_prefix="/api/v1/merchants/<int:merchant_id>",
               description="Merchant staff: the merchant's orders and shipping.")


@bp.get("/orders")
@login_required
@bp.arguments(OrderListArgs, location="query")
@bp.response(200, OrderPage)
def list_orders(args, merchant_id):
    with transaction() as session:
        check_staff(session, g.user_id, merchant_id)
        items, total = service.list_orders(session, merchant_id=merchant_id,
                                           status=args.get("status"), page=args["page"],
                                           per_page=args["per_page"])
    return page_of(items, total, args)


@bp.post("/orders/<int:order_id>/ship")
@login_required
@bp.arguments(ShipIn)
@bp.response(200, OrderOut)
def ship(data, merchant_id, order_id):
    with transaction() as session:
        check_staff(session, g.user_id, merchant_id)
        order = service.ship(session, merchant_id=merchant_id, order_id=order_id,
                             now=clock.now(), **data)
        schedule.auto_receive(session, order)
    return order
