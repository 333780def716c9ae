"""Merchant staff views for orders: list and ship."""


from app import clock
from app.catalog.staff import staff_view
from app.orders import schedule, service
from app.orders.schemas import OrderListArgs, OrderOut, OrderPage, ShipIn
from app.schema import Blueprint, page_of

bp = Blueprint("staff_orders", __name__, url_prefix="/api/v1/merchants/<int:merchant_id>",
               description="Merchant staff: the merchant's orders and shipping.")


@bp.get("/orders")
@staff_view
@bp.arguments(OrderListArgs, location="query")
@bp.response(200, OrderPage)
def list_orders(args, merchant_id, session):
    items, total = service.list_orders(session, merchant_id=merchant_id,
                                       status=args.get("status"), page=args["page"],
                                       per_page=args["per_page"])
    return page_of(items, total, args)


@bp.post("/orders/<int:order_id>/ship")
@staff_view
@bp.arguments(ShipIn)
@bp.response(200, OrderOut)
def ship(data, merchant_id, order_id, session):
    order = service.ship(session, merchant_id=merchant_id, order_id=order_id,
                         now=clock.now(), **data)
    schedule.auto_receive(session, order)
    return order
