"""What the console reads of the catalogue: the staff list (newest first,
searched by title, kept to one status, with each product's price range and
summed stock) and one product whatever its status."""

from __future__ import annotations

import pytest

from app.catalog.models import Sku
from app.db import transaction


def _product_id(sku_id: int) -> int:
    with transaction() as s:
        return s.get(Sku, sku_id).product_id


@pytest.fixture
def shop(make):
    mid = make.merchant("owner", "西湖茶庄")
    make.product(mid, title="明前龙井", skus=[(12_800, 5), (25_600, 3)])
    make.product(mid, title="桂花乌龙 50% off", skus=[(3_900, 10)], status="off_sale")
    make.product(mid, title="Plain box", skus=[])
    return mid


def test_the_staff_list_is_newest_first_with_price_range_and_stock(client, make, shop):
    body = client.get(f"/api/v1/merchants/{shop}/products", headers=make.login("owner")).json
    assert body["meta"] == {"page": 1, "per_page": 20, "total": 3}
    assert [(p["title"], p["price_min_fen"], p["price_max_fen"], p["stock_total"])
            for p in body["items"]] == [("Plain box", None, None, 0),
                                        ("桂花乌龙 50% off", 3_900, 3_900, 10),
                                        ("明前龙井", 12_800, 25_600, 8)]


@pytest.mark.parametrize(("query", "titles"), [
    ("q=龙井", ["明前龙井"]),
    ("q=plain", ["Plain box"]),
    ("q=50%25", ["桂花乌龙 50% off"]),  # % is a character, not a wildcard
    ("q=_", []),
    ("status=off_sale", ["桂花乌龙 50% off"]),
    ("status=on_sale&q=box", ["Plain box"]),
])
def test_staff_search_by_title_and_status(client, make, shop, query, titles):
    body = client.get(f"/api/v1/merchants/{shop}/products?{query}",
                      headers=make.login("owner")).json
    assert [p["title"] for p in body["items"]] == titles
    assert body["meta"]["total"] == len(titles)


def test_a_bad_status_filter_is_a_validation_error(client, make, shop):
    resp = client.get(f"/api/v1/merchants/{shop}/products?status=sold",
                      headers=make.login("owner"))
    assert resp.status_code == 422
    assert resp.json["error"]["code"] == "validation_error"


def test_staff_read_one_product_even_off_sale(client, make, shop):
    sku = make.product(shop, title="下架茶", skus=[(990, 4)], status="off_sale")[0]
    pid = _product_id(sku)
    body = client.get(f"/api/v1/merchants/{shop}/products/{pid}",
                      headers=make.login("owner")).json
    assert (body["title"], body["status"], body["stock_total"]) == ("下架茶", "off_sale", 4)
    assert [(s["id"], s["price_fen"], s["stock"]) for s in body["skus"]] == [(sku, 990, 4)]
    assert (body["images"], body["cover"]) == ([], None)


def test_another_merchants_product_is_not_found_and_buyers_are_refused(client, make, shop):
    other = make.merchant("owner_b", "B")
    pid = _product_id(make.product(other, title="B tea")[0])
    resp = client.get(f"/api/v1/merchants/{shop}/products/{pid}", headers=make.login("owner"))
    assert (resp.status_code, resp.json["error"]["code"]) == (404, "product_not_found")
    resp = client.get(f"/api/v1/merchants/{other}/products/{pid}", headers=make.login("alice"))
    assert resp.status_code == 403
