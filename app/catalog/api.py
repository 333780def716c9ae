"""Merchant staff views for the catalogue: parse, call one service, shape."""

from flask import g

from app import clock
from app.auth.access import login_required
from app.catalog import service
from app.catalog.schemas import (
    ProductIn,
    ProductOut,
    ProductPatch,
    SkuIn,
    SkuOut,
    SkuPatch,
    StaffProductArgs,
    StaffProductOut,
    StaffProductPage,
    StockDelta,
)
from app.catalog.staff import staff_view
from app.db import transaction
from app.schema import Blueprint, page_of

bp = Blueprint("staff_catalog", __name__, url_prefix="/api/v1/merchants/<int:merchant_id>",
               description="Merchant staff: products, SKUs, prices and stock.")


@bp.get("/products")
@staff_view
@bp.arguments(StaffProductArgs, location="query")
@bp.response(200, StaffProductPage)
def list_products(args, merchant_id, session):
    """Newest first, whatever their status (`status` keeps one)."""
    items, total = service.staff_products(session, merchant_id=merchant_id, **args)
    return page_of(items, total, args)


@bp.get("/products/<int:product_id>")
@staff_view
@bp.response(200, StaffProductOut)
def get_product(merchant_id, product_id, session):
    return service.staff_view_product(session, staff_id=g.user_id, merchant_id=merchant_id,
                                      product_id=product_id)


@bp.post("/products")
@login_required
@bp.arguments(ProductIn)
@bp.response(201, ProductOut)
def create_product(data, merchant_id):
    with transaction() as session:
        return service.create_product(session, staff_id=g.user_id, merchant_id=merchant_id,
                                      data=data, now=clock.now())


@bp.patch("/products/<int:product_id>")
@login_required
@bp.arguments(ProductPatch)
@bp.response(200, ProductOut)
def update_product(data, merchant_id, product_id):
    with transaction() as session:
        return service.update_product(session, staff_id=g.user_id, merchant_id=merchant_id,
                                      product_id=product_id, data=data)


@bp.post("/products/<int:product_id>/skus")
@login_required
@bp.arguments(SkuIn)
@bp.response(201, SkuOut)
def add_sku(data, merchant_id, product_id):
    with transaction() as session:
        return service.add_sku(session, staff_id=g.user_id, merchant_id=merchant_id,
                               product_id=product_id, data=data)


@bp.patch("/skus/<int:sku_id>")
@login_required
@bp.arguments(SkuPatch)
@bp.response(200, SkuOut)
def update_sku(data, merchant_id, sku_id):
    with transaction() as session:
        return service.update_sku(session, staff_id=g.user_id, merchant_id=merchant_id,
                                  sku_id=sku_id, data=data)


@bp.post("/skus/<int:sku_id>/stock")
@login_required
@bp.arguments(StockDelta)
@bp.response(200, SkuOut)
def adjust_stock(data, merchant_id, sku_id):
    with transaction() as session:
        return service.adjust_stock(session, staff_id=g.user_id, merchant_id=merchant_id,
                                    sku_id=sku_id, delta=data["delta"])
