"""Merchant staff views for orders: the list (shipping is app/shipping)."""


from app.catalog.staff import staff_view
from app.orders import service
from app.orders.schemas import OrderListArgs, OrderPage
from app.schema import Blueprint, page_of

bp = Blueprint("staff_orders", __name__, url_prefix="/api/v1/merchants/<int:merchant_id>",
               description="Merchant staff: the merchant's orders.")


@bp.get("/orders")
@staff_view
@bp.arguments(OrderListArgs, location="query")
@bp.response(200, OrderPage)
def list_orders(args, merchant_id, session):
    items, total = service.list_orders(session, merchant_id=merchant_id,
                                       status=args.get("status"), page=args["page"],
                                       per_page=args["per_page"])
    return page_of(items, total, args)
