"""Review fixtures: a shop (merchant, staff, a product with two specs) and
orders taken through the real API to `received`: created with an address,
paid by the payment sandbox's signed notice, shipped by staff, received by
the buyer."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import pytest
from PIL import Image

from app import clock
from tests.payments.conftest import post_notice, sandbox  # noqa: F401 - fixture


@dataclass
class Shop:
    client: object
    make: object
    pay: object
    merchant_id: int
    staff: dict
    product_id: int
    sku_ids: list[int]
    _parcels: list[int] = field(default_factory=lambda: [0])

    @property
    def base(self) -> str:
        return f"/api/v1/merchants/{self.merchant_id}"

    def order(self, buyer: str, *, receive: bool = True, skus=None) -> tuple[int, list[int]]:
        """An order of one unit of each SKU (default both), paid and shipped,
        received unless `receive` is false; its id and line ids."""
        self.make.user(buyer)  # nickname: the name
        c, headers = self.client, self.make.login(buyer)
        address = self.make.address(buyer)
        lines = [{"sku_id": s, "quantity": 1} for s in (skus or self.sku_ids)]
        made = c.post("/mp/v1/orders", headers=headers,
                      json={"lines": lines, "address_id": address})
        assert made.status_code == 201, made.json
        order_id = made.json["id"]
        prepay = c.post(f"/mp/v1/orders/{order_id}/pay", headers=headers)
        assert prepay.status_code == 200, prepay.json
        notice_headers, body = self.pay.notice(
            self.pay.pay(prepay.json["out_trade_no"], clock.now()), clock.now())
        assert post_notice(c, notice_headers, body).status_code == 204
        self._parcels[0] += 1
        shipped = c.post(f"{self.base}/orders/{order_id}/ship", headers=self.staff,
                         json={"carrier": "SF", "tracking_no": f"SF{self._parcels[0]:013d}"})
        assert shipped.status_code == 200, shipped.json
        if receive:
            got = c.post(f"/mp/v1/orders/{order_id}/receive", headers=headers)
            assert got.status_code == 200, got.json
        return order_id, [line["id"] for line in made.json["lines"]]


def make_shop(client, make, pay, owner: str = "owner", name: str = "Tea shop") -> Shop:
    merchant = make.merchant(owner, name)
    staff = make.login(owner)
    product = client.post(f"/api/v1/merchants/{merchant}/products", headers=staff, json={
        "title": "龙井", "status": "on_sale",
        "skus": [{"spec": "250 g", "price_fen": 5000, "stock": 100},
                 {"spec": "500 g", "price_fen": 9000, "stock": 100}]})
    assert product.status_code == 201, product.json
    return Shop(client, make, pay, merchant, staff, product.json["id"],
                [s["id"] for s in product.json["skus"]])


@pytest.fixture
def shop(client, make, sandbox) -> Shop:  # noqa: F811
    return make_shop(client, make, sandbox)


def upload(make, name: str, purpose: str = "review", colour=(200, 30, 30)) -> str:
    """A real PNG uploaded by `name` through POST /mp/v1/uploads; its key."""
    picture = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(picture, "PNG")
    make.user(name)
    picture.seek(0)
    resp = make.app.test_client().post(
        "/mp/v1/uploads", headers=make.login(name), content_type="multipart/form-data",
        data={"purpose": purpose, "file": (picture, "photo.png")})
    assert resp.status_code == 201, resp.json
    return resp.json["id"]


def review(client, headers: dict, line_id: int, rating: int = 5, **body):
    return client.post("/mp/v1/reviews", headers=headers,
                       json={"order_line_id": line_id, "rating": rating, **body})
