"""The demo products get pictures drawn at seed time, stored like uploads."""

from __future__ import annotations

from io import BytesIO

from PIL import Image
from sqlalchemy import select

from app import clock, demo
from app.catalog.models import Product
from app.db import transaction
from app.uploads.demo_pictures import Pictures
from app.uploads.models import Upload
from tests.conftest import count


def test_every_demo_product_has_a_cover_in_its_own_colour(client, store):
    with transaction() as s:
        assert demo.seed(s, clock.now(), Pictures(store, "http://127.0.0.1:5000")) is True
    assert count(Upload) == len(demo.PRODUCTS)
    assert len(store.names()) == 2 * len(demo.PRODUCTS)
    with transaction() as s:
        ids = list(s.scalars(select(Product.id).order_by(Product.id)))
    for product_id, colour in zip(ids, demo.COLOURS, strict=True):
        body = client.get(f"/mp/v1/products/{product_id}").json
        cover = body["cover"]
        assert body["image_url"] == cover["url"] and (cover["width"], cover["height"]) == \
            (800, 800)
        data = store.get(cover["id"]).data
        pixel = Image.open(BytesIO(data)).convert("RGB").getpixel((400, 20))
        assert all(abs(a - b) <= 3 for a, b in zip(pixel, colour, strict=True)), pixel
    with transaction() as s:
        assert demo.seed(s, clock.now(), Pictures(store, "")) is False  # idempotent
    assert count(Upload) == len(demo.PRODUCTS)
