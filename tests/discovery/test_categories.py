"""Categories with products on sale, most first then by name; a category's
products newest first."""

from __future__ import annotations

from tests.discovery.conftest import ids, product


def test_categories_and_their_products(client, make):
    m = make.merchant("owner")
    green = product(make, m, "龙井", category="绿茶")
    oolong = product(make, m, "铁观音", category="乌龙茶")
    product(make, m, "清仓", category="红茶", status="off_sale")
    green2 = product(make, m, "碧螺春", category="绿茶")
    product(make, m, "杯子")  # no category
    assert client.get("/mp/v1/categories").json == [
        {"name": "绿茶", "products": 2}, {"name": "乌龙茶", "products": 1}]
    page = client.get("/mp/v1/categories/products", query_string={"name": "绿茶"})
    assert ids(page) == [green2, green]
    assert page.json["meta"] == {"page": 1, "per_page": 20, "total": 2}
    assert ids(client.get("/mp/v1/categories/products", query_string={"name": "乌龙茶"})) == [
        oolong]
    assert ids(client.get("/mp/v1/categories/products", query_string={"name": "红茶"})) == []
