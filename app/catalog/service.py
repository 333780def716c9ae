"""Catalogue use cases. Staff act only on their own merchant's products;
fields a client may set are named here, nothing else is copied in."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth.roles import MERCHANT_STAFF
from app.auth.service import grant_role, require_role
from app.catalog import pictures, references, stock
from app.catalog.errors import MerchantNotFound, ProductNotFound, SkuNotFound
from app.catalog.models import Merchant, Product, Sku
from app.db import paginate

PRODUCT_FIELDS = ("title", "description", "image_url", "category", "status",
                  "freight_template_id")
SKU_FIELDS = ("spec", "price_fen", "weight_g")


def create_merchant(session: Session, *, name: str, owner_id: int, now: datetime) -> Merchant:
    merchant = Merchant(name=name, owner_id=owner_id, created_at=now)
    session.add(merchant)
    session.flush()
    grant_role(session, user_id=owner_id, role="merchant_owner", scope_id=merchant.id, now=now)
    return merchant


def get_merchant(session: Session, merchant_id: int) -> Merchant:
    merchant = session.get(Merchant, merchant_id)
    if merchant is None:
        raise MerchantNotFound()
    return merchant


def check_staff(session: Session, staff_id: int, merchant_id: int,
                roles: tuple[str, ...] = MERCHANT_STAFF) -> None:
    get_merchant(session, merchant_id)
    require_role(session, staff_id, roles, merchant_id)


def create_product(session: Session, *, staff_id: int, merchant_id: int, data: dict,
                   now: datetime) -> Product:
    check_staff(session, staff_id, merchant_id)
    references.check(session, merchant_id, data)
    product = Product(merchant_id=merchant_id, created_at=now,
                      **{k: data[k] for k in PRODUCT_FIELDS if k in data})
    session.add(product)
    session.flush()
    for sku in data.get("skus", []):
        _new_sku(session, product, sku)
    session.flush()
    session.refresh(product)
    pictures.attach(session, [product])
    return product


def _new_sku(session: Session, product: Product, data: dict) -> Sku:
    sku = Sku(product_id=product.id, merchant_id=product.merchant_id,
              spec=data.get("spec", ""), price_fen=data["price_fen"],
              stock=data.get("stock", 0), weight_g=data.get("weight_g", 0))
    session.add(sku)
    return sku


def staff_product(session: Session, staff_id: int, merchant_id: int, product_id: int) -> Product:
    check_staff(session, staff_id, merchant_id)
    product = session.get(Product, product_id)
    if product is None or product.merchant_id != merchant_id:
        raise ProductNotFound()
    return product


def update_product(session: Session, *, staff_id: int, merchant_id: int, product_id: int,
                   data: dict) -> Product:
    product = staff_product(session, staff_id, merchant_id, product_id)
    references.check(session, merchant_id, data)
    for key in PRODUCT_FIELDS:
        if key in data:
            setattr(product, key, data[key])
    session.flush()
    pictures.attach(session, [product])
    return product


def add_sku(session: Session, *, staff_id: int, merchant_id: int, product_id: int,
            data: dict) -> Sku:
    product = staff_product(session, staff_id, merchant_id, product_id)
    sku = _new_sku(session, product, data)
    session.flush()
    return sku


def staff_sku(session: Session, staff_id: int, merchant_id: int, sku_id: int) -> Sku:
    check_staff(session, staff_id, merchant_id)
    sku = session.get(Sku, sku_id)
    if sku is None or sku.merchant_id != merchant_id:
        raise SkuNotFound()
    return sku


def update_sku(session: Session, *, staff_id: int, merchant_id: int, sku_id: int,
               data: dict) -> Sku:
    sku = staff_sku(session, staff_id, merchant_id, sku_id)
    for key in SKU_FIELDS:
        if key in data:
            setattr(sku, key, data[key])
    session.flush()
    return sku


def adjust_stock(session: Session, *, staff_id: int, merchant_id: int, sku_id: int,
                 delta: int) -> Sku:
    sku = staff_sku(session, staff_id, merchant_id, sku_id)
    stock.adjust(session, sku_id, delta)
    session.refresh(sku)
    return sku


def list_products(session: Session, *, merchant_id: int | None = None, on_sale_only: bool,
                  page: int, per_page: int) -> tuple[list[Product], int]:
    stmt = select(Product)
    if merchant_id is not None:
        stmt = stmt.where(Product.merchant_id == merchant_id)
    if on_sale_only:
        stmt = stmt.where(Product.status == "on_sale")
    items, total = paginate(session, stmt, order_by=Product.id, page=page, per_page=per_page)
    pictures.attach(session, items)
    return items, total


def staff_products(session: Session, *, merchant_id: int, page: int, per_page: int,
                   q: str = "", status: str | None = None) -> tuple[list[Product], int]:
    """The merchant's products, newest first; `q` finds a title containing it
    (any case), `status` keeps one status."""
    stmt = select(Product).where(Product.merchant_id == merchant_id)
    if q:
        escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        stmt = stmt.where(Product.title.ilike(f"%{escaped}%", escape="\\"))
    if status is not None:
        stmt = stmt.where(Product.status == status)
    items, total = paginate(session, stmt, order_by=Product.id.desc(), page=page,
                            per_page=per_page)
    pictures.attach(session, items)
    return items, total


def staff_view_product(session: Session, *, staff_id: int, merchant_id: int,
                       product_id: int) -> Product:
    """One of the merchant's products, whatever its status, with its pictures."""
    product = staff_product(session, staff_id, merchant_id, product_id)
    pictures.attach(session, [product])
    return product


def public_product(session: Session, product_id: int) -> Product:
    product = session.get(Product, product_id)
    if product is None or product.status != "on_sale":
        raise ProductNotFound()
    pictures.attach(session, [product])
    return product
