"""The public catalogue: products on sale. Viewing one with a bearer token
records it in the buyer's browsing history (app/discovery/history.py)."""

from flask import request

from app import clock
from app.auth.access import request_user
from app.catalog import service
from app.catalog.schemas import ProductOut, ProductPage
from app.db import transaction
from app.discovery import history
from app.schema import Blueprint, PageArgs, page_of

bp = Blueprint("mp_products", __name__, url_prefix="/mp/v1",
               description="Products on sale, with SKUs, prices and stock.")


@bp.get("/products")
@bp.arguments(PageArgs, location="query")
@bp.response(200, ProductPage)
def list_products(args):
    with transaction() as session:
        items, total = service.list_products(session, on_sale_only=True, **args)
    return page_of(items, total, args)


@bp.get("/products/<int:product_id>")
@bp.response(200, ProductOut)
def get_product(product_id):
    """Anyone; a token, if sent, must be valid, and the view joins its user's history."""
    user_id = request_user() if request.headers.get("Authorization") else None
    with transaction() as session:
        product = service.public_product(session, product_id)
        if user_id is not None:
            history.record(session, user_id=user_id, product_id=product_id, now=clock.now())
        return product
