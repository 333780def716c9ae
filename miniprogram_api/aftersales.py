"""A buyer's after-sales: ask on an order (refund only, return and refund,
exchange), the merchant's form (reasons, return address), list mine, read
(with its timeline), cancel, ship the return, accept a proposed amount.
Another buyer's order or request is not found."""

from flask import g

from app import clock
from app.aftersales import form as buyer_form
from app.aftersales import requests
from app.aftersales.schemas import (
    AfterSaleDetail,
    AfterSaleIn,
    AfterSaleMineArgs,
    AfterSalePage,
    AfterSaleReturnShipIn,
    BuyerAfterSaleFormOut,
)
from app.auth.access import login_required
from app.db import transaction
from app.schema import Blueprint, page_of

bp = Blueprint("mp_after_sales", __name__, url_prefix="/mp/v1",
               description="The buyer's after-sale requests.")
A = "/after-sales/<int:after_sale_id>"


@bp.post("/orders/<int:order_id>/after-sales")
@login_required
@bp.arguments(AfterSaleIn)
@bp.response(201, AfterSaleDetail)
def create(data, order_id):
    """Per line and units; the amount is capped at what the units paid.
    The merchant has 48 h (its setting) before it is approved by itself."""
    with transaction() as session:
        return requests.create(session, buyer_id=g.user_id, order_id=order_id, data=data,
                               now=clock.now())


@bp.get("/orders/<int:order_id>/after-sale-form")
@login_required
@bp.response(200, BuyerAfterSaleFormOut)
def form(order_id):
    """The order's merchant's reasons and return address, and per line the
    units each kind allows now and the most 1, 2, ... units give back."""
    with transaction() as session:
        return buyer_form.buyer_form(session, buyer_id=g.user_id, order_id=order_id,
                                     now=clock.now())


@bp.get("/after-sales")
@login_required
@bp.arguments(AfterSaleMineArgs, location="query")
@bp.response(200, AfterSalePage)
def mine(args):
    with transaction() as session:
        items, total = requests.mine(session, g.user_id, status=args.get("status"),
                                     page=args["page"], per_page=args["per_page"])
        return page_of(items, total, args)


@bp.get(A)
@login_required
@bp.response(200, AfterSaleDetail)
def detail(after_sale_id):
    with transaction() as session:
        return requests.get_mine(session, g.user_id, after_sale_id)


@bp.post(f"{A}/cancel")
@login_required
@bp.response(200, AfterSaleDetail)
def cancel(after_sale_id):
    """While requested or approved (before the goods are on their way back)."""
    with transaction() as session:
        return requests.cancel(session, buyer_id=g.user_id, after_sale_id=after_sale_id,
                               now=clock.now())


@bp.post(f"{A}/ship")
@login_required
@bp.arguments(AfterSaleReturnShipIn)
@bp.response(200, AfterSaleDetail)
def ship_return(data, after_sale_id):
    """The approved return's parcel; the merchant then has 10 days (its
    setting) to confirm it, or it is refunded."""
    with transaction() as session:
        return requests.ship_return(session, buyer_id=g.user_id, after_sale_id=after_sale_id,
                                    carrier=data["carrier"], tracking_no=data["tracking_no"],
                                    now=clock.now())


@bp.post(f"{A}/accept-amount")
@login_required
@bp.response(200, AfterSaleDetail)
def accept_amount(after_sale_id):
    """Agree the merchant's proposed amount."""
    with transaction() as session:
        return requests.accept_amount(session, buyer_id=g.user_id,
                                      after_sale_id=after_sale_id, now=clock.now())
