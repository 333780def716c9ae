"""Merchant staff views for orders: list and read (shipping is app/shipping).
Staff see the buyer's nickname and the order's ship-to on their own
merchant's orders only; another merchant's order is not found."""


from app.catalog.staff import staff_view
from app.orders import filters, service
from app.orders.schemas import StaffOrderListArgs, StaffOrderOut, StaffOrderPage
from app.schema import Blueprint, page_of

bp = Blueprint("staff_orders", __name__, url_prefix="/api/v1/merchants/<int:merchant_id>",
               description="Merchant staff: the merchant's orders.")


@bp.get("/orders")
@staff_view
@bp.arguments(StaffOrderListArgs, location="query")
@bp.response(200, StaffOrderPage)
def list_orders(args, merchant_id, session):
    items, total = service.list_orders(
        session, merchant_id=merchant_id, page=args["page"], per_page=args["per_page"],
        **{name: args.get(name) for name in filters.FILTERS})
    return page_of(service.load_buyers(session, items), total, args)


@bp.get("/orders/<int:order_id>")
@staff_view
@bp.response(200, StaffOrderOut)
def get_order(merchant_id, order_id, session):
    return service.merchant_order(session, merchant_id, order_id)
