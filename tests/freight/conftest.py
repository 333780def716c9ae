"""Freight fixtures: the worked templates (in the staff API's shape), a shop
whose products name them, checkouts priced by the real steps, and a stand-in
for the ship-to region until orders carry an address.

Until the addresses part gives create_order a delivery, `ship_to` registers a
pricing step at rank 1 that sets `checkout.region_code` and
`checkout.delivery_kind` as an address would; everything after it (the real
freight step at rank 5, the tier at 10, coupons, points) runs as in
production."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from app import clock
from app.catalog import service as catalog
from app.catalog.models import Merchant
from app.db import transaction
from app.freight import rules, templates
from app.orders import pricing
from app.orders.models import OrderLine

# piece: 8 yuan the first piece, 2 yuan each more, free from 99 yuan; Xinjiang
# and Tibet dearer; Urumqi (a city of Xinjiang) and its Tianshan district
# each their own; Hong Kong, Macao, Taiwan and Ili (a prefecture of
# Xinjiang) not delivered
PIECE = {
    "name": "By piece", "method": "piece",
    "default": {"first_units": 1, "first_fee_fen": 800, "additional_units": 1,
                "additional_fee_fen": 200, "free_over_fen": 9900},
    "groups": [
        {"regions": ["650000", "540000"], "first_units": 1, "first_fee_fen": 2000,
         "additional_units": 1, "additional_fee_fen": 500},
        {"regions": ["650100"], "first_units": 1, "first_fee_fen": 1500,
         "additional_units": 1, "additional_fee_fen": 300},
        {"regions": ["650102"], "first_units": 2, "first_fee_fen": 1000,
         "additional_units": 2, "additional_fee_fen": 400, "free_over_count": 5},
    ],
    "not_delivered": ["810000", "820000", "710000", "654000"],
}
# weight: 10 yuan the first kilogram, 3 yuan each further 500 g or part;
# Guangdong 6 yuan the first kilogram, 2 yuan each further kilogram
WEIGHT = {
    "name": "By weight", "method": "weight",
    "default": {"first_units": 1000, "first_fee_fen": 1000, "additional_units": 500,
                "additional_fee_fen": 300},
    "groups": [{"regions": ["440000"], "first_units": 1000, "first_fee_fen": 600,
                "additional_units": 1000, "additional_fee_fen": 200}],
    "not_delivered": [],
}
# flat: 12 yuan an order, free with both 50 yuan of goods and 3 pieces
FLAT = {
    "name": "Flat", "method": "flat",
    "default": {"first_fee_fen": 1200, "free_over_fen": 5000, "free_over_count": 3},
    "groups": [],
    "not_delivered": [],
}
TEMPLATES = {"piece": PIECE, "weight": WEIGHT, "flat": FLAT}

HANGZHOU_XIHU = "330106"  # no group names Zhejiang: default fees


def as_rules(template_id: int, spec: dict) -> rules.Template:
    """A template in the API's shape as the pure rules take it."""
    def fees(d: dict) -> rules.Fees:
        return rules.Fees(**{k: {**templates.FEE_DEFAULTS, **d}[k]
                             for k in templates.FEE_FIELDS})
    return rules.Template(
        id=template_id, method=spec["method"], default=fees(spec["default"]),
        groups=tuple(rules.RegionGroup(frozenset(g["regions"]), fees(g))
                     for g in spec["groups"]),
        not_delivered=frozenset(spec["not_delivered"]))


@dataclass
class Shop:
    merchant_id: int
    owner_id: int
    template_ids: dict[str, int] = field(default_factory=dict)

    def template(self, key: str) -> int:
        if key not in self.template_ids:
            with transaction() as s:
                self.template_ids[key] = templates.create(s, self.merchant_id, TEMPLATES[key],
                                                          clock.now()).id
        return self.template_ids[key]

    def sku(self, template: str | None, price_fen: int, weight_g: int = 0,
            stock: int = 100) -> int:
        """A product on sale naming the template (None: free postage), with one SKU."""
        template_id = self.template(template) if template else None
        with transaction() as s:
            product = catalog.create_product(
                s, staff_id=self.owner_id, merchant_id=self.merchant_id, now=clock.now(),
                data={"title": f"{template} {price_fen}", "freight_template_id": template_id,
                      "skus": [{"price_fen": price_fen, "stock": stock, "weight_g": weight_g}]})
            return product.skus[0].id


@pytest.fixture
def shop(make) -> Shop:
    merchant_id = make.merchant("owner")
    with transaction() as s:
        return Shop(merchant_id, s.get(Merchant, merchant_id).owner_id)


def price(buyer_id: int, merchant_id: int, lines: list[tuple[int, int]], *,
          region_code: str = "", delivery_kind: str = "express",
          kind: str = "normal") -> pricing.Checkout:
    """A checkout of (sku id, quantity) lines priced by every registered step."""
    from app.catalog.models import Sku

    with transaction() as s:
        order_lines = []
        for sku_id, qty in lines:
            sku = s.get(Sku, sku_id)
            order_lines.append(OrderLine(sku_id=sku_id, product_id=sku.product_id, title="t",
                                         unit_price_fen=sku.price_fen, quantity=qty,
                                         amount_fen=sku.price_fen * qty))
        checkout = pricing.Checkout(buyer_id=buyer_id, merchant_id=merchant_id, kind=kind,
                                    lines=order_lines,
                                    goods_fen=sum(ln.amount_fen for ln in order_lines),
                                    delivery_kind=delivery_kind, region_code=region_code)
        pricing.price(s, checkout, clock.now())
        return checkout


@pytest.fixture
def ship_to():
    """Where the next orders go: {"region_code", "delivery_kind"} (see above)."""
    saved = pricing.registered()
    where = {"region_code": "", "delivery_kind": "express"}

    def step(_session, checkout, _now):
        checkout.region_code = where["region_code"]
        checkout.delivery_kind = where["delivery_kind"]

    pricing.register("test_ship_to", step, rank=1)
    yield where
    pricing.restore(saved)
