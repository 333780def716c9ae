"""Discovery fixtures: products made one minute apart (so "newest" is
well defined) and how to read ids from a page of products."""

from __future__ import annotations

from datetime import timedelta

from app import clock
from app.catalog.models import Sku
from app.db import transaction


def product(make, merchant_id: int, title: str, *, status: str = "on_sale",
            category: str = "", price_fen: int = 1000) -> int:
    """A product created a minute after the previous one; its id."""
    from app.catalog.models import Product

    clock.advance(timedelta(minutes=1))
    (sku,) = make.product(merchant_id, skus=((price_fen, 10),), title=title, status=status)
    with transaction() as s:
        product_id = s.get(Sku, sku).product_id
        s.get(Product, product_id).category = category
    return product_id


def ids(resp) -> list[int]:
    assert resp.status_code == 200, resp.json
    return [item["id"] for item in resp.json["items"]]
