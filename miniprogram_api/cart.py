"""A buyer's cart: add, change, select, remove, and see it by shop with
what changed since each line was added."""

from flask import g

from app import clock
from app.auth.access import login_required
from app.cart import service
from app.cart.schemas import (
    CartAddIn,
    CartLineOut,
    CartLinePatch,
    CartLinesIn,
    CartOut,
    CartSelectIn,
)
from app.db import transaction
from app.schema import Blueprint

bp = Blueprint("mp_cart", __name__, url_prefix="/mp/v1",
               description="The buyer's cart: lines by shop, flagged when they changed.")


@bp.get("/cart")
@login_required
@bp.response(200, CartOut)
def show():
    """Every line by shop, each with its current price and flags: off_sale,
    out_of_stock, short (with available), price_changed (with both prices)."""
    with transaction() as session:
        return service.view(session, g.user_id)


@bp.post("/cart/lines")
@login_required
@bp.arguments(CartAddIn)
@bp.response(201, CartLineOut)
@bp.alt_response(200, schema=CartLineOut,
                 description="The cart held this SKU: the quantity was added to its line.")
def add_line(data):
    with transaction() as session:
        line, created = service.add(session, buyer_id=g.user_id, now=clock.now(), **data)
    return line, 201 if created else 200


@bp.patch("/cart/lines/<int:line_id>")
@login_required
@bp.arguments(CartLinePatch)
@bp.response(200, CartLineOut)
def change_line(data, line_id):
    with transaction() as session:
        return service.change(session, buyer_id=g.user_id, line_id=line_id, **data)


@bp.delete("/cart/lines/<int:line_id>")
@login_required
@bp.response(204)
def remove_line(line_id):
    with transaction() as session:
        service.remove(session, buyer_id=g.user_id, line_ids=[line_id])


@bp.post("/cart/remove")
@login_required
@bp.arguments(CartLinesIn)
@bp.response(200, CartOut)
def remove_lines(data):
    """Remove these lines (all of them mine, or none removed); the cart after."""
    with transaction() as session:
        service.remove(session, buyer_id=g.user_id, line_ids=data["line_ids"])
        return service.view(session, g.user_id)


@bp.post("/cart/select")
@login_required
@bp.arguments(CartSelectIn)
@bp.response(200, CartOut)
def select_lines(data):
    """Select or unselect these lines for checkout; the cart after."""
    with transaction() as session:
        service.select_lines(session, buyer_id=g.user_id, line_ids=data["line_ids"],
                             selected=data["selected"])
        return service.view(session, g.user_id)
