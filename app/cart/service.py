"""Cart use cases: add, change, select, remove, show; and the lines a
checkout takes from the cart and removes once ordered.

A buyer's cart writes queue on their user row (a row lock), so the line cap
holds against racing adds; one line per SKU (a unique key). Another buyer's
line is not found, never forbidden. The cart shows every line, grouped by
shop, with what changed since it was added (rules.flags): a line that went
off sale, ran short or changed price is flagged, never dropped.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.orm import Session, lazyload

from app.auth.models import User
from app.cart import rules
from app.cart.errors import (
    CartChanged,
    CartEmpty,
    CartFull,
    CartLineNotFound,
    CartQuantityTooLarge,
)
from app.cart.models import CartLine
from app.catalog.errors import NotOnSale, SkuNotFound
from app.catalog.models import Merchant, Product, Sku

ON_SALE = "on_sale"


class Held(NamedTuple):
    """A cart line a checkout takes: its id, SKU and quantity."""

    id: int
    sku_id: int
    quantity: int


def add(session: Session, *, buyer_id: int, sku_id: int, quantity: int,
        now: datetime) -> tuple[dict, bool]:
    """(the line as shown, created). A SKU the cart holds adds to its line
    (and the line is selected again, at today's price)."""
    found = session.execute(_sku_and_product().where(Sku.id == sku_id)).one_or_none()
    if found is None:
        raise SkuNotFound(details={"sku_ids": [sku_id]})
    sku, product = found
    if product.status != ON_SALE:
        raise NotOnSale(details={"sku_ids": [sku_id]})
    if session.get(Merchant, product.merchant_id).status == "suspended":
        raise NotOnSale(details={"sku_ids": [sku_id], "reason": "merchant_suspended"})
    _lock_buyer(session, buyer_id)
    line = session.scalar(select(CartLine).where(CartLine.buyer_id == buyer_id,
                                                 CartLine.sku_id == sku_id))
    created = line is None
    if created:
        if not rules.room_for_a_line(_count(session, buyer_id)):
            raise CartFull(details={"max_lines": rules.MAX_LINES})
        line = CartLine(buyer_id=buyer_id, sku_id=sku_id, quantity=quantity, selected=True,
                        price_at_add_fen=sku.price_fen, added_at=now)
        session.add(line)
    else:
        try:
            line.quantity = rules.added_quantity(line.quantity, quantity)
        except ValueError as exc:
            raise CartQuantityTooLarge(details={"max_quantity": rules.MAX_LINE_QUANTITY,
                                                "in_cart": line.quantity}) from exc
        line.selected, line.price_at_add_fen = True, sku.price_fen
    session.flush()
    return shown(line, sku, product), created


def change(session: Session, *, buyer_id: int, line_id: int, quantity: int | None = None,
           selected: bool | None = None) -> dict:
    """Set a line's quantity (1 to MAX_LINE_QUANTITY, checked by the schema)
    and whether it is selected; nothing given, nothing changes."""
    line = _own(session, buyer_id, line_id)
    if quantity is not None and quantity != line.quantity:
        line.quantity = quantity
    if selected is not None and selected != line.selected:
        line.selected = selected
    session.flush()
    sku, product = session.execute(_sku_and_product().where(Sku.id == line.sku_id)).one()
    return shown(line, sku, product)


def select_lines(session: Session, *, buyer_id: int, line_ids: list[int],
                 selected: bool) -> None:
    """Select or unselect these lines, all of them the buyer's or none."""
    ids = _all_own(session, buyer_id, line_ids)
    session.execute(update(CartLine).where(CartLine.buyer_id == buyer_id, CartLine.id.in_(ids))
                    .values(selected=selected).execution_options(synchronize_session=False))


def remove(session: Session, *, buyer_id: int, line_ids: list[int]) -> int:
    """Remove these lines, all of them the buyer's or none; how many went."""
    ids = _all_own(session, buyer_id, line_ids)
    session.execute(delete(CartLine).where(CartLine.buyer_id == buyer_id, CartLine.id.in_(ids))
                    .execution_options(synchronize_session=False))
    return len(ids)


def view(session: Session, buyer_id: int) -> dict:
    """Every line, newest first, grouped by shop (shops in the order of
    their newest line), each with its product, current price and flags."""
    rows = session.execute(
        select(CartLine, Sku, Product, Merchant)
        .join(Sku, CartLine.sku_id == Sku.id).join(Product, Sku.product_id == Product.id)
        .join(Merchant, Sku.merchant_id == Merchant.id)
        .where(CartLine.buyer_id == buyer_id).options(lazyload(Product.skus))
        .order_by(CartLine.added_at.desc(), CartLine.id.desc())).all()
    shops: dict[int, dict] = {}
    for line, sku, product, merchant in rows:
        shop = shops.setdefault(merchant.id, {"merchant_id": merchant.id,
                                              "merchant_name": merchant.name, "lines": []})
        shop["lines"].append(shown(line, sku, product))
    return {"merchants": list(shops.values()), "line_count": len(rows),
            "max_lines": rules.MAX_LINES}


def shown(line: CartLine, sku: Sku, product: Product) -> dict:
    return {"id": line.id, "sku_id": sku.id, "product_id": product.id,
            "merchant_id": sku.merchant_id, "title": product.title, "spec": sku.spec,
            "image_url": product.image_url, "quantity": line.quantity,
            "selected": line.selected, "added_at": line.added_at,
            "unit_price_fen": sku.price_fen, "price_at_add_fen": line.price_at_add_fen,
            **rules.flags(quantity=line.quantity, on_sale=product.status == ON_SALE,
                          stock=sku.stock, unit_price_fen=sku.price_fen,
                          price_at_add_fen=line.price_at_add_fen)}


def held(session: Session, *, buyer_id: int, line_ids: list[int] | None = None,
         merchant_id: int | None = None) -> list[Held]:
    """The lines a checkout takes: these (every one the buyer's), or else
    the selected ones (of `merchant_id`'s goods, when given). None: CartEmpty."""
    stmt = select(CartLine.id, CartLine.sku_id, CartLine.quantity) \
        .where(CartLine.buyer_id == buyer_id).order_by(CartLine.added_at.desc(),
                                                       CartLine.id.desc())
    if line_ids:
        stmt = stmt.where(CartLine.id.in_(_all_own(session, buyer_id, line_ids)))
    else:
        stmt = stmt.where(CartLine.selected.is_(True))
        if merchant_id is not None:
            stmt = stmt.join(Sku, CartLine.sku_id == Sku.id).where(Sku.merchant_id == merchant_id)
    lines = [Held(*row) for row in session.execute(stmt)]
    if not lines:
        raise CartEmpty(details={"merchant_id": merchant_id} if merchant_id else {})
    return lines


def remove_ordered(session: Session, buyer_id: int, lines: list[Held]) -> None:
    """The lines an order was made of leave the cart with it; if one was
    removed or changed meanwhile (another order took it), CartChanged
    refuses this order."""
    taken = or_(*(and_(CartLine.id == line.id, CartLine.quantity == line.quantity)
                  for line in lines))
    done = session.execute(delete(CartLine).where(CartLine.buyer_id == buyer_id, taken)
                           .execution_options(synchronize_session=False))
    if done.rowcount != len(lines):
        raise CartChanged()


def _sku_and_product():
    """A SKU with its product (not the product's other SKUs)."""
    return select(Sku, Product).join(Product, Sku.product_id == Product.id) \
        .options(lazyload(Product.skus))


def _lock_buyer(session: Session, buyer_id: int) -> None:
    """A buyer's cart writes queue here (FOR UPDATE on PostgreSQL; on SQLite
    BEGIN IMMEDIATE already serialises writers)."""
    session.execute(select(User.id).where(User.id == buyer_id).with_for_update())


def _count(session: Session, buyer_id: int) -> int:
    return session.scalar(select(func.count()).select_from(CartLine)
                          .where(CartLine.buyer_id == buyer_id))


def _own(session: Session, buyer_id: int, line_id: int) -> CartLine:
    line = session.get(CartLine, line_id)
    if line is None or line.buyer_id != buyer_id:
        raise CartLineNotFound(details={"line_ids": [line_id]})
    return line


def _all_own(session: Session, buyer_id: int, line_ids: list[int]) -> list[int]:
    ids = sorted(set(line_ids))
    found = set(session.scalars(select(CartLine.id).where(CartLine.buyer_id == buyer_id,
                                                          CartLine.id.in_(ids))))
    missing = [i for i in ids if i not in found]
    if missing:
        raise CartLineNotFound(details={"line_ids": missing})
    return ids
