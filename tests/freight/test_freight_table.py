"""The freight table: worked cases with exact fen, by the pure rules and then
through the real checkout step (templates in the database, products naming
them, SKU weights), the member tier's free-shipping perk after it, pickup,
and orders with several templates (the order's postage is the sum of each
template's fee)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app import clock
from app.catalog.models import Sku
from app.db import transaction
from app.freight import rules
from app.freight.errors import RegionNotDelivered
from members import members as member_rows
from members import tiers
from tests.freight.conftest import HANGZHOU_XIHU, TEMPLATES, as_rules, price

REFUSED = "refused"

# (case, template, ship-to district, lines [(quantity, unit weight g, unit price fen)],
#  postage fen, or (REFUSED, the entry that refuses))
CASES = [
    ("piece: the first piece", "piece", HANGZHOU_XIHU, [(1, 0, 3000)], 800),
    ("piece: two additional pieces", "piece", HANGZHOU_XIHU, [(3, 0, 3000)], 800 + 2 * 200),
    ("piece: additional pieces over two lines", "piece", HANGZHOU_XIHU,
     [(2, 0, 1000), (2, 0, 1500)], 800 + 3 * 200),
    ("piece: free at exactly 99 yuan of goods", "piece", HANGZHOU_XIHU, [(3, 0, 3300)], 0),
    ("piece: 98.99 yuan is not free", "piece", HANGZHOU_XIHU, [(1, 0, 9899)], 800),
    ("piece: Xinjiang by its province (Kashgar)", "piece", "653101", [(3, 0, 3000)],
     2000 + 2 * 500),
    ("piece: Tibet's group has no free threshold", "piece", "540102", [(1, 0, 20000)], 2000),
    ("piece: the Urumqi city group beats Xinjiang's", "piece", "650104", [(2, 0, 1000)],
     1500 + 300),
    ("piece: the Tianshan district group beats Urumqi's, additional rounded up", "piece",
     "650102", [(3, 0, 1000)], 1000 + 400),
    ("piece: Tianshan free at 5 pieces", "piece", "650102", [(5, 0, 100)], 0),
    ("piece: Hong Kong (Central and Western) not delivered", "piece", "810101",
     [(1, 0, 1000)], (REFUSED, "810000")),
    ("piece: Ili refused by its city entry inside a delivered province", "piece", "654002",
     [(1, 0, 1000)], (REFUSED, "654000")),
    ("weight: 1200 g, one extra 500 g started", "weight", HANGZHOU_XIHU, [(2, 600, 1000)],
     1000 + 300),
    ("weight: 1800 g, two extra blocks", "weight", HANGZHOU_XIHU, [(3, 600, 1000)],
     1000 + 2 * 300),
    ("weight: exactly the first kilogram", "weight", HANGZHOU_XIHU, [(1, 1000, 1000)], 1000),
    ("weight: weightless goods pay the first fee", "weight", HANGZHOU_XIHU, [(4, 0, 1000)],
     1000),
    ("weight: Guangdong group, 2500 g", "weight", "440106", [(1, 1000, 500), (1, 1500, 500)],
     600 + 2 * 200),
    ("flat: one piece", "flat", HANGZHOU_XIHU, [(1, 0, 1000)], 1200),
    ("flat: ten pieces, the same fee", "flat", HANGZHOU_XIHU, [(10, 0, 400)], 1200),
    ("flat: the amount without the count is not free", "flat", HANGZHOU_XIHU,
     [(2, 0, 3000)], 1200),
    ("flat: free with both 50 yuan and 3 pieces", "flat", HANGZHOU_XIHU, [(3, 0, 1700)], 0),
]
IDS = [case[0] for case in CASES]


@pytest.mark.parametrize(("case", "key", "region", "lines", "expected"), CASES, ids=IDS)
def test_the_rules_give_the_worked_postage(case, key, region, lines, expected):
    template = as_rules(1, TEMPLATES[key])
    items = [(1, rules.Line(qty, weight, qty * unit)) for qty, weight, unit in lines]
    if isinstance(expected, tuple):
        with pytest.raises(rules.NotDelivered) as refused:
            rules.postage({1: template}, items, region)
        assert (refused.value.template_id, refused.value.entry) == (1, expected[1])
    else:
        assert rules.postage({1: template}, items, region)[0] == expected


def test_the_checkout_step_gives_every_worked_postage(shop, make):
    """The same table through the database and the real steps, order by order."""
    buyer = make.user("buyer")
    for case, key, region, lines, expected in CASES:
        skus = [(shop.sku(key, unit, weight), qty) for qty, weight, unit in lines]
        if isinstance(expected, tuple):
            with pytest.raises(RegionNotDelivered) as refused:
                price(buyer, shop.merchant_id, skus, region_code=region)
            assert refused.value.details["refused"] == expected[1], case
            continue
        checkout = price(buyer, shop.merchant_id, skus, region_code=region)
        goods = sum(qty * unit for qty, _, unit in lines)
        assert (checkout.postage_fen, checkout.payable_fen) == (expected, goods + expected), case


def test_several_templates_in_one_order_sum_their_fees(shop, make):
    """Piece (3 pieces to Hangzhou: 8 + 2 x 2 yuan), weight (1.2 kg: 10 + 3
    yuan), flat (12 yuan) and a product without a template (free): 35 yuan."""
    lines = [(shop.sku("piece", 1000), 3), (shop.sku("weight", 2000, 1200), 1),
             (shop.sku("flat", 500), 1), (shop.sku(None, 700, 5000), 2)]
    checkout = price(make.user("buyer"), shop.merchant_id, lines, region_code=HANGZHOU_XIHU)
    assert checkout.postage_fen == 1200 + 1300 + 1200 == 3700
    assert checkout.payable_fen == 3000 + 2000 + 500 + 1400 + 3700
    quotes = checkout.applied["freight"]["templates"]
    assert [(q["fee_fen"], q["free"], q["group"]) for q in quotes] == [
        (1200, False, rules.DEFAULT), (1300, False, rules.DEFAULT), (1200, False, rules.DEFAULT)]


def test_one_free_template_leaves_the_others_charged(shop, make):
    """The piece template's goods reach 99 yuan (free); the flat template's
    do not. To Tianshan district the piece group frees by count only."""
    lines = [(shop.sku("piece", 9900), 1), (shop.sku("flat", 1000), 1)]
    buyer = make.user("buyer")
    checkout = price(buyer, shop.merchant_id, lines, region_code=HANGZHOU_XIHU)
    assert checkout.postage_fen == 0 + 1200
    assert [q["free"] for q in checkout.applied["freight"]["templates"]] == [True, False]
    checkout = price(buyer, shop.merchant_id, lines, region_code="650102")
    assert checkout.postage_fen == 1000 + 1200


def test_a_refusing_template_refuses_the_whole_order_naming_its_products(shop, make):
    piece_sku, flat_sku = shop.sku("piece", 1000), shop.sku("flat", 1000)
    with pytest.raises(RegionNotDelivered) as refused:
        price(make.user("buyer"), shop.merchant_id, [(piece_sku, 1), (flat_sku, 1)],
              region_code="710101")
    assert refused.value.code == "region_not_delivered"
    product_ids = _product_ids([piece_sku])
    assert refused.value.details == {"region_code": "710101", "refused": "710000",
                                     "product_ids": product_ids}


def test_the_tier_free_shipping_perk_zeroes_the_postage(shop, make):
    """Freight (rank 5) charges 8 + 2 yuan; the gold tier (rank 10) then
    takes the postage to 0 and its 10% off the goods."""
    buyer = make.user("buyer")
    sku = shop.sku("piece", 2000)
    assert price(buyer, shop.merchant_id, [(sku, 2)],
                 region_code=HANGZHOU_XIHU).postage_fen == 1000
    _gold_member(shop.merchant_id, buyer)
    checkout = price(buyer, shop.merchant_id, [(sku, 2)], region_code=HANGZHOU_XIHU)
    assert checkout.applied["freight"]["postage_fen"] == 1000
    assert checkout.applied["tier"]["free_shipping"] is True
    assert (checkout.postage_fen, checkout.discount_fen, checkout.payable_fen) == (0, 400, 3600)


def test_pickup_pays_no_postage_and_needs_no_region(shop, make):
    checkout = price(make.user("buyer"), shop.merchant_id, [(shop.sku("piece", 1000), 3)],
                     delivery_kind="pickup")
    assert (checkout.postage_fen, checkout.payable_fen) == (0, 3000)
    assert checkout.applied["freight"] == {"delivery_kind": "pickup", "postage_fen": 0,
                                           "templates": []}


def test_promotion_orders_are_not_charged(shop, make):
    checkout = price(make.user("buyer"), shop.merchant_id, [(shop.sku("piece", 1000), 3)],
                     kind="flashsale")
    assert checkout.postage_fen == 0 and "freight" not in checkout.applied


def _gold_member(merchant_id: int, user_id: int) -> None:
    with transaction() as s:
        member_rows.join(s, merchant_id=merchant_id, user_id=user_id, via="checkin",
                         now=clock.now())
        tiers.replace(s, merchant_id, [{"name": "gold", "min_growth": 0, "discount_bps": 1000,
                                        "free_shipping": True}])


def _product_ids(sku_ids: list[int]) -> list[int]:
    with transaction() as s:
        return sorted(s.scalars(select(Sku.product_id).where(Sku.id.in_(sku_ids))))
