"""Merchant staff views: the after-sale queue and its actions, and the
after-sale settings (return address, reasons, deadlines)."""

from flask import g

from app import clock
from app.aftersales import review
from app.aftersales import settings as merchant_settings
from app.aftersales.schemas import (
    AfterSaleApproveIn,
    AfterSaleConfirmIn,
    AfterSaleProposeIn,
    AfterSaleQueueArgs,
    AfterSaleRejectIn,
    AfterSaleReturnShipIn,
    AfterSaleSettingsIn,
    AfterSaleSettingsOut,
    StaffAfterSaleDetail,
    StaffAfterSalePage,
)
from app.catalog.staff import staff_view
from app.schema import Blueprint, page_of

bp = Blueprint("staff_after_sales", __name__, url_prefix="/api/v1/merchants/<int:merchant_id>",
               description="Merchant staff: buyers' after-sale requests.")
A = "/after-sales/<int:after_sale_id>"


@bp.get("/after-sales")
@staff_view
@bp.arguments(AfterSaleQueueArgs, location="query")
@bp.response(200, StaffAfterSalePage)
def queue(args, merchant_id, session):
    """Newest first; filters by status, kind, order and creation time."""
    items, total = review.queue(session, merchant_id, args)
    return page_of(items, total, args)


@bp.get(A)
@staff_view
@bp.response(200, StaffAfterSaleDetail)
def detail(merchant_id, after_sale_id, session):
    return review.get_for(session, merchant_id, after_sale_id)


@bp.post(f"{A}/approve")
@staff_view
@bp.arguments(AfterSaleApproveIn)
@bp.response(200, StaffAfterSaleDetail)
def approve(data, merchant_id, after_sale_id, session):
    """A return or exchange waits for the buyer's parcel; refund only is
    refunded at once (through the refund path, one refund however often)."""
    return review.approve(session, merchant_id=merchant_id, after_sale_id=after_sale_id,
                          amount_fen=data.get("amount_fen"), staff_id=g.user_id,
                          now=clock.now())


@bp.post(f"{A}/reject")
@staff_view
@bp.arguments(AfterSaleRejectIn)
@bp.response(200, StaffAfterSaleDetail)
def reject(data, merchant_id, after_sale_id, session):
    return review.reject(session, merchant_id=merchant_id, after_sale_id=after_sale_id,
                         reason=data["reason"], now=clock.now())


@bp.post(f"{A}/propose")
@staff_view
@bp.arguments(AfterSaleProposeIn)
@bp.response(200, StaffAfterSaleDetail)
def propose(data, merchant_id, after_sale_id, session):
    """A lower amount; the buyer accepts it (or the merchant approves with it)."""
    return review.propose(session, merchant_id=merchant_id, after_sale_id=after_sale_id,
                          amount_fen=data["amount_fen"], now=clock.now())


@bp.post(f"{A}/confirm-receipt")
@staff_view
@bp.arguments(AfterSaleConfirmIn)
@bp.response(200, StaffAfterSaleDetail)
def confirm_receipt(data, merchant_id, after_sale_id, session):
    """The returned goods arrived: a return is refunded; an exchange waits
    for its new package."""
    return review.confirm_receipt(session, merchant_id=merchant_id,
                                  after_sale_id=after_sale_id, restock=data["restock"],
                                  staff_id=g.user_id, now=clock.now())


@bp.post(f"{A}/ship-exchange")
@staff_view
@bp.arguments(AfterSaleReturnShipIn)
@bp.response(200, StaffAfterSaleDetail)
def ship_exchange(data, merchant_id, after_sale_id, session):
    """The exchanged units in a package of their own (not the order's shipping)."""
    return review.ship_exchange(session, merchant_id=merchant_id,
                                after_sale_id=after_sale_id, carrier=data["carrier"],
                                tracking_no=data["tracking_no"], staff_id=g.user_id,
                                now=clock.now())


@bp.get("/after-sale-settings")
@staff_view
@bp.response(200, AfterSaleSettingsOut)
def get_settings(merchant_id, session):
    return merchant_settings.of(session, merchant_id)


@bp.put("/after-sale-settings")
@staff_view
@bp.arguments(AfterSaleSettingsIn)
@bp.response(200, AfterSaleSettingsOut)
def put_settings(data, merchant_id, session):
    """Fields left out keep their value; `reasons` replaces the list.
    Deadlines apply to clocks started after the change."""
    return merchant_settings.update(session, merchant_id, data, clock.now())
