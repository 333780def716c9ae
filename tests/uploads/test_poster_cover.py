"""A product share's poster shows the product's cover, read from the image
store (local files or S3), never fetched over the network."""

from __future__ import annotations

from io import BytesIO

from PIL import Image

from tests.uploads.test_product_images import _product, staff_upload

RED = (200, 10, 20)


def test_the_poster_contains_the_products_cover(client, make, store):
    mid = make.merchant("owner")
    pid = _product(make, mid)
    staff = make.login("owner")
    cover = staff_upload(client, staff, mid, RED).json["id"]
    other = staff_upload(client, staff, mid, (0, 0, 255)).json["id"]
    resp = client.put(f"/api/v1/merchants/{mid}/products/{pid}/images", headers=staff,
                      json={"images": [cover, other]})
    assert resp.status_code == 200
    share = client.post("/mp/v1/shares", headers=make.login("alice"),
                        json={"kind": "product", "target_id": pid, "channel": "poster"}).json
    resp = client.get("/mp/v1/shares/poster.png", query_string={"scene": share["scene"]})
    assert resp.status_code == 200
    pixel = Image.open(BytesIO(resp.data)).convert("RGB").getpixel((375, 375))
    assert all(abs(a - b) <= 3 for a, b in zip(pixel, RED, strict=True)), pixel  # JPEG
