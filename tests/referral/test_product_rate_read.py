"""Staff read a product's commission override back (the console's product
editor shows it): none, then what was saved, then none again once removed;
another merchant's product is not found."""

from __future__ import annotations

from app.catalog.models import Sku
from app.db import transaction


def _product_id(sku_id: int) -> int:
    with transaction() as s:
        return s.get(Sku, sku_id).product_id


def test_a_products_override_reads_back_as_saved(shop):
    pid, _ = shop.product(500, title="Cup")
    path = f"/products/{pid}/commission"
    assert shop.staff_api("GET", path).json == {"product_id": pid, "mode": None, "values": []}
    assert shop.staff_api("PUT", path, json={"mode": "fen", "values": [300, 150]}).status_code \
        == 200
    assert shop.staff_api("GET", path).json == {"product_id": pid, "mode": "fen",
                                                "values": [300, 150]}
    shop.staff_api("PUT", path, json={"mode": "bps", "values": [1200]})
    assert shop.staff_api("GET", path).json == {"product_id": pid, "mode": "bps",
                                                "values": [1200]}
    shop.staff_api("PUT", path, json={"mode": None, "values": [1]})
    assert shop.staff_api("GET", path).json == {"product_id": pid, "mode": None, "values": []}


def test_another_merchants_product_is_not_found(shop, make, client):
    other = make.merchant("owner_b", "B")
    pid = _product_id(make.product(other, title="B cup")[0])
    resp = shop.staff_api("GET", f"/products/{pid}/commission")
    assert (resp.status_code, resp.json["error"]["code"]) == (404, "product_not_found")
    resp = client.get(f"/api/v1/merchants/{other}/referral/products/{pid}/commission",
                      headers=make.login("alice"))
    assert resp.status_code == 403
