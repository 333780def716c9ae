"""Checkout: preview, and place an order, from explicit lines or the cart.

A `Pick` names what to buy: explicit lines, the selected cart lines (of one
shop with `merchant_id`), or cart lines by id. `order` holds the rest of
what an order takes (source, remark, the checkout asks: coupon, points,
delivery...), as `orders.service.create_order` takes it.

Preview groups the lines by shop (each shop is one order) and prices each
through `orders.service.price_order`, the code path create_order prices
with: goods, postage, discount with what each checkout step applied, total,
exactly what that order would charge. It writes nothing and takes no stock;
it refuses what the order would refuse (a line off sale, short of stock, a
coupon that does not apply). The asks are one order's: a coupon or points
belong to one shop, so preview a cart of several shops without them, or one
shop at a time.

Place makes one order by its request_id (orders.idempotency); lines ordered
from the cart leave it in the same transaction (a second order racing for
the same lines is refused with `cart_changed`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.cart import service as cart
from app.catalog.errors import OutOfStock, SkuNotFound
from app.catalog.models import Merchant, Sku
from app.orders import idempotency
from app.orders import rules as order_rules
from app.orders import service as orders
from app.orders.models import Order
from app.orders.pricing import Checkout


@dataclass(frozen=True)
class Pick:
    lines: tuple[tuple[int, int], ...] = ()  # (sku id, quantity)
    cart: bool = False  # the selected cart lines
    cart_line_ids: tuple[int, ...] = ()
    merchant_id: int | None = None  # with cart: that shop's selected lines

    def asked(self) -> dict:
        """What the pick asks, for a request's digest."""
        return {"lines": [list(line) for line in self.lines], "cart": self.cart,
                "cart_line_ids": sorted(self.cart_line_ids), "merchant_id": self.merchant_id}


def place(session: Session, *, buyer_id: int, pick: Pick, order: dict,
          request_id: str | None, now: datetime) -> tuple[Order, bool]:
    """(order, created): one shop's order; the same request_id asking the
    same again answers the order it made (created False)."""
    digest = order_rules.request_digest({**pick.asked(), **order})

    def create(**key) -> Order:
        lines, held = _lines(session, buyer_id, pick)
        if held:  # first: a refused order puts them back (the savepoint rolls back)
            cart.remove_ordered(session, buyer_id, held)
        return orders.create_order(session, buyer_id=buyer_id, lines=lines, now=now,
                                   **order, **key)

    return idempotency.once(session, buyer_id=buyer_id, request_id=request_id, digest=digest,
                            create=create)


def preview(session: Session, *, buyer_id: int, pick: Pick, order: dict,
            now: datetime) -> dict:
    """Per shop, what its order would charge; and the sums over the shops."""
    lines, _ = _lines(session, buyer_id, pick)
    shops = []
    for merchant, shop_lines in _by_shop(session, lines):
        priced = orders.price_order(session, buyer_id=buyer_id, lines=shop_lines, now=now,
                                    **order)
        _check_stock(session, priced.checkout)
        shops.append(_shown(merchant, priced.checkout))
    sums = {k: sum(shop[k] for shop in shops)
            for k in ("goods_fen", "postage_fen", "discount_fen", "total_fen")}
    return {"merchants": shops, **sums}


def _lines(session: Session, buyer_id: int,
           pick: Pick) -> tuple[list[tuple[int, int]], list[cart.Held]]:
    if pick.lines:
        return list(pick.lines), []
    held = cart.held(session, buyer_id=buyer_id, line_ids=list(pick.cart_line_ids),
                     merchant_id=pick.merchant_id)
    return [(line.sku_id, line.quantity) for line in held], held


def _by_shop(session: Session,
             lines: list[tuple[int, int]]) -> list[tuple[Merchant, list[tuple[int, int]]]]:
    """The lines split by the shop selling each SKU, shops in the order they
    first appear."""
    ids = {sku_id for sku_id, _ in lines}
    shop_of = dict(session.execute(select(Sku.id, Sku.merchant_id).where(Sku.id.in_(ids))).all())
    missing = sorted(ids - set(shop_of))
    if missing:
        raise SkuNotFound(details={"sku_ids": missing})
    groups: dict[int, list[tuple[int, int]]] = {}
    for sku_id, qty in lines:
        groups.setdefault(shop_of[sku_id], []).append((sku_id, qty))
    merchants = {m.id: m for m in session.scalars(select(Merchant)
                                                  .where(Merchant.id.in_(groups)))}
    return [(merchants[mid], shop_lines) for mid, shop_lines in groups.items()]


def _check_stock(session: Session, checkout: Checkout) -> None:
    """What the order's guarded stock update would refuse, read (and the
    units left named). Only kinds that take SKU stock reach here."""
    stock = dict(session.execute(select(Sku.id, Sku.stock).where(
        Sku.id.in_([line.sku_id for line in checkout.lines]))).all())
    for line in checkout.lines:
        if stock[line.sku_id] < line.quantity:
            raise OutOfStock(details={"sku_id": line.sku_id, "quantity": line.quantity,
                                      "available": max(stock[line.sku_id], 0)})


def _shown(merchant: Merchant, checkout: Checkout) -> dict:
    lines = [{"sku_id": ln.sku_id, "product_id": ln.product_id, "title": ln.title,
              "spec": ln.spec, "unit_price_fen": ln.unit_price_fen, "quantity": ln.quantity,
              "amount_fen": ln.amount_fen} for ln in checkout.lines]
    return {"merchant_id": merchant.id, "merchant_name": merchant.name, "lines": lines,
            "goods_fen": checkout.goods_fen, "postage_fen": checkout.postage_fen,
            "discount_fen": checkout.discount_fen, "total_fen": checkout.payable_fen,
            "applied": checkout.applied}
