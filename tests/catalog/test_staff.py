"""Merchant staff manage only their own merchant's catalogue; merchant and
owner come from the URL and the token, never from the body."""

from __future__ import annotations

import pytest

from app.catalog.models import Product, Sku
from tests.conftest import count, stock_of


@pytest.fixture
def shops(make):
    a = make.merchant("owner_a", "A")
    b = make.merchant("owner_b", "B")
    (sku_a,) = make.product(a, skus=[(1000, 10)])
    return a, b, sku_a


def _product_id(sku_id):
    from app.db import transaction

    with transaction() as s:
        return s.get(Sku, sku_id).product_id


def test_owner_creates_a_product_with_skus(client, make, shops):
    a, _, _ = shops
    resp = client.post(f"/api/v1/merchants/{a}/products", headers=make.login("owner_a"),
                       json={"title": "Oolong", "skus": [{"spec": "50 g", "price_fen": 3900,
                                                          "stock": 7}]})
    assert resp.status_code == 201
    body = resp.json
    assert (body["merchant_id"], body["title"], body["status"]) == (a, "Oolong", "on_sale")
    assert [(s["spec"], s["price_fen"], s["stock"]) for s in body["skus"]] == [("50 g", 3900, 7)]


def test_operator_may_manage_but_a_buyer_may_not(client, make, shops):
    a, _, sku = shops
    make.grant("op", "merchant_operator", a)
    assert client.patch(f"/api/v1/merchants/{a}/skus/{sku}", headers=make.login("op"),
                        json={"price_fen": 1200}).json["price_fen"] == 1200
    resp = client.patch(f"/api/v1/merchants/{a}/skus/{sku}", headers=make.login("alice"),
                        json={"price_fen": 1})
    assert (resp.status_code, resp.json["error"]["code"]) == (403, "forbidden")


def test_staff_of_b_cannot_touch_a(client, make, shops):
    a, b, sku_a = shops
    pid = _product_id(sku_a)
    staff_b = make.login("owner_b")
    attempts = [
        ("get", f"/api/v1/merchants/{a}/products", None),
        ("post", f"/api/v1/merchants/{a}/products", {"title": "x"}),
        ("patch", f"/api/v1/merchants/{a}/products/{pid}", {"title": "hacked"}),
        ("post", f"/api/v1/merchants/{a}/products/{pid}/skus", {"price_fen": 1}),
        ("patch", f"/api/v1/merchants/{a}/skus/{sku_a}", {"price_fen": 1}),
        ("post", f"/api/v1/merchants/{a}/skus/{sku_a}/stock", {"delta": -10}),
    ]
    for method, path, body in attempts:
        resp = getattr(client, method)(path, headers=staff_b, json=body)
        assert (resp.status_code, resp.json["error"]["code"]) == (403, "forbidden"), path
    # through their own merchant's URL, A's objects do not exist
    for method, path, body in [
        ("patch", f"/api/v1/merchants/{b}/products/{pid}", {"title": "hacked"}),
        ("patch", f"/api/v1/merchants/{b}/skus/{sku_a}", {"price_fen": 1}),
        ("post", f"/api/v1/merchants/{b}/skus/{sku_a}/stock", {"delta": -10}),
    ]:
        resp = getattr(client, method)(path, headers=staff_b, json=body)
        assert resp.status_code == 404, path
    assert stock_of(sku_a) == 10
    assert client.get(f"/mp/v1/products/{pid}").json["title"] == "Tea"
    assert count(Product) == 1


def test_body_cannot_set_merchant_owner_or_stock_on_patch(client, make, shops):
    a, b, sku = shops
    pid = _product_id(sku)
    owner = make.login("owner_a")
    resp = client.patch(f"/api/v1/merchants/{a}/products/{pid}", headers=owner,
                        json={"title": "ok", "merchant_id": b})
    assert resp.status_code == 422
    assert resp.json["error"]["details"]["fields"] == {"merchant_id": ["Unknown field."]}
    resp = client.patch(f"/api/v1/merchants/{a}/skus/{sku}", headers=owner,
                        json={"stock": 10_000})
    assert resp.json["error"]["details"]["fields"] == {"stock": ["Unknown field."]}
    assert stock_of(sku) == 10
    assert client.get(f"/mp/v1/products/{pid}").json["merchant_id"] == a


def test_stock_adjustment_is_guarded(client, make, shops):
    a, _, sku = shops
    owner = make.login("owner_a")
    url = f"/api/v1/merchants/{a}/skus/{sku}/stock"
    assert client.post(url, headers=owner, json={"delta": 5}).json["stock"] == 15
    resp = client.post(url, headers=owner, json={"delta": -16})
    assert (resp.status_code, resp.json["error"]["code"]) == (409, "out_of_stock")
    assert client.post(url, headers=owner, json={"delta": -15}).json["stock"] == 0
    assert stock_of(sku) == 0


def test_off_sale_products_leave_the_public_catalogue(client, make, shops):
    a, _, sku = shops
    pid = _product_id(sku)
    owner = make.login("owner_a")
    assert client.get("/mp/v1/products").json["meta"]["total"] == 1
    client.patch(f"/api/v1/merchants/{a}/products/{pid}", headers=owner,
                 json={"status": "off_sale"})
    assert client.get("/mp/v1/products").json["meta"]["total"] == 0
    resp = client.get(f"/mp/v1/products/{pid}")
    assert (resp.status_code, resp.json["error"]["code"]) == (404, "product_not_found")
    staff_list = client.get(f"/api/v1/merchants/{a}/products", headers=owner).json
    assert [p["status"] for p in staff_list["items"]] == ["off_sale"]


def test_public_catalogue_pages(client, make, shops):
    a, _, _ = shops
    for i in range(4):
        make.product(a, title=f"P{i}")
    body = client.get("/mp/v1/products?page=2&per_page=2").json
    assert body["meta"] == {"page": 2, "per_page": 2, "total": 5}
    assert [p["title"] for p in body["items"]] == ["P1", "P2"]


def test_platform_admin_may_manage_any_merchant(client, make, shops):
    a, _, sku = shops
    make.grant("root", "platform_admin")
    resp = client.post(f"/api/v1/merchants/{a}/skus/{sku}/stock", headers=make.login("root"),
                       json={"delta": 1})
    assert resp.json["stock"] == 11


def test_unknown_merchant_is_not_found(client, make, shops):
    resp = client.get("/api/v1/merchants/987654/products", headers=make.login("owner_a"))
    assert (resp.status_code, resp.json["error"]["code"]) == (404, "merchant_not_found")


def test_stock_top_up_has_a_ceiling(client, make, shops):
    from app.catalog.stock import MAX_STOCK

    a, _, sku = shops
    owner = make.login("owner_a")
    url = f"/api/v1/merchants/{a}/skus/{sku}/stock"
    while stock_of(sku) + 10_000_000 <= MAX_STOCK:
        assert client.post(url, headers=owner, json={"delta": 10_000_000}).status_code == 200
    assert stock_of(sku) == 990_000_010
    resp = client.post(url, headers=owner, json={"delta": 10_000_000})
    assert resp.status_code == 422
    assert resp.json["error"] == {"code": "stock_limit",
                                  "message": "That is more stock than a SKU may hold.",
                                  "details": {"sku_id": sku, "max_stock": MAX_STOCK}}
    assert stock_of(sku) == 990_000_010
    assert client.post(url, headers=owner, json={"delta": 9_999_990}).json["stock"] == MAX_STOCK
