"""The checkout step `freight` (rank 5, before the member tier's free-shipping
perk at rank 10): sets the order's postage from its products' freight
templates (app/freight/rules.py) and the ship-to region.

- Normal orders only: promotion orders (flash sale, group-buy, bargain) are
  priced by their promotion and ship free, as they take no tier perk,
  coupon or points either.
- Pickup at a community point: postage 0.
- Express: lines whose product names no template ship free; if any line
  names one, the order needs a ship-to region (`address_required`
  otherwise), and a region a template does not deliver to refuses the whole
  order (`region_not_delivered`, naming the region and the products).

Records `checkout.applied["freight"]`: the delivery kind, the postage and a
quote per template (its group, or -1 for the default fees; its fee; free).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.catalog.models import Product, Sku
from app.freight import regions, rules, templates
from app.freight.errors import AddressRequired, RegionNotDelivered
from app.orders.pricing import Checkout

STEP, RANK = "freight", 5
FREIGHT_KINDS = frozenset({"normal"})
EXPRESS, PICKUP = "express", "pickup"


def freight_step(session: Session, checkout: Checkout, _now: datetime):
    if checkout.kind not in FREIGHT_KINDS:
        return None
    if checkout.delivery_kind not in (EXPRESS, PICKUP):
        raise ValueError(f"unknown delivery kind {checkout.delivery_kind!r}")
    charged = [] if checkout.delivery_kind == PICKUP else _charged_lines(session, checkout)
    if not charged:
        _record(checkout, 0, [])
        return None
    products = {tid: sorted({pid for t, pid, _ in charged if t == tid}) for tid, _, _ in charged}
    if not regions.is_region_code(checkout.region_code):
        raise AddressRequired(details={"product_ids": sorted({p for _, p, _ in charged})})
    loaded = templates.load_rules(session, checkout.merchant_id, set(products))
    try:
        total, quotes = rules.postage(loaded, [(tid, line) for tid, _, line in charged],
                                      checkout.region_code)
    except rules.NotDelivered as exc:
        raise RegionNotDelivered(details={"region_code": checkout.region_code,
                                          "refused": exc.entry,
                                          "product_ids": products[exc.template_id]}) from exc
    checkout.postage_fen = total
    _record(checkout, total, quotes)
    return None


def _charged_lines(session: Session, checkout: Checkout) -> list[tuple[int, int, rules.Line]]:
    """(template id, product id, line) for each line whose product names a template."""
    rows = session.execute(
        select(Sku.id, Sku.weight_g, Product.freight_template_id)
        .join(Product, Product.id == Sku.product_id)
        .where(Sku.id.in_([ln.sku_id for ln in checkout.lines]),
               Product.freight_template_id.is_not(None)))
    named = {sku_id: (weight, template_id) for sku_id, weight, template_id in rows}
    return [(named[ln.sku_id][1], ln.product_id,
             rules.Line(quantity=ln.quantity, weight_g=named[ln.sku_id][0],
                        goods_fen=ln.amount_fen))
            for ln in checkout.lines if ln.sku_id in named]


def _record(checkout: Checkout, total: int, quotes: list[rules.Quote]) -> None:
    checkout.applied[STEP] = {
        "delivery_kind": checkout.delivery_kind, "postage_fen": total,
        "templates": [{"template_id": q.template_id, "group": q.group, "fee_fen": q.fee_fen,
                       "free": q.free} for q in quotes]}
