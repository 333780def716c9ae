"""Cart fixtures: two shops (a tea house with two SKUs, a cup shop with
one), their owners' staff tokens, and a buyer's cart driven through /mp/v1
as the mini-program does."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from app.catalog.models import Sku
from app.db import transaction


@dataclass
class Shops:
    tea: int  # merchant "Tea House"
    cups: int  # merchant "Cup Shop"
    longjing: int  # tea SKU, 1000 fen, 10 in stock
    tin: int  # tea SKU, 2500 fen, 3 in stock
    cup: int  # cups SKU, 3000 fen, 5 in stock
    tea_staff: dict
    cups_staff: dict

    def product_of(self, sku_id: int) -> int:
        with transaction() as s:
            return s.get(Sku, sku_id).product_id


@pytest.fixture
def shops(make) -> Shops:
    tea = make.merchant("tea-owner", name="Tea House")
    cups = make.merchant("cup-owner", name="Cup Shop")
    longjing, tin = make.product(tea, skus=((1000, 10), (2500, 3)), title="Longjing")
    (cup,) = make.product(cups, skus=((3000, 5),), title="Cup")
    return Shops(tea, cups, longjing, tin, cup, make.login("tea-owner"),
                 make.login("cup-owner"))


class Cart:
    """One buyer's cart through the API."""

    def __init__(self, client, headers: dict):
        self.client, self.headers = client, headers

    def add(self, sku_id: int, quantity: int = 1):
        return self.client.post("/mp/v1/cart/lines", headers=self.headers,
                                json={"sku_id": sku_id, "quantity": quantity})

    def added(self, sku_id: int, quantity: int = 1) -> int:
        resp = self.add(sku_id, quantity)
        assert resp.status_code in (200, 201), resp.json
        return resp.json["id"]

    def get(self) -> dict:
        resp = self.client.get("/mp/v1/cart", headers=self.headers)
        assert resp.status_code == 200, resp.json
        return resp.json

    def lines(self) -> dict[int, dict]:
        """sku id -> the line as shown."""
        return {line["sku_id"]: line for shop in self.get()["merchants"]
                for line in shop["lines"]}

    def patch(self, line_id: int, **body):
        return self.client.patch(f"/mp/v1/cart/lines/{line_id}", headers=self.headers,
                                 json=body)

    def select(self, line_ids: list[int], selected: bool):
        return self.client.post("/mp/v1/cart/select", headers=self.headers,
                                json={"line_ids": line_ids, "selected": selected})

    def remove(self, line_ids: list[int]):
        return self.client.post("/mp/v1/cart/remove", headers=self.headers,
                                json={"line_ids": line_ids})

    def delete(self, line_id: int):
        return self.client.delete(f"/mp/v1/cart/lines/{line_id}", headers=self.headers)

    def preview(self, **body):
        return self.client.post("/mp/v1/checkout/preview", headers=self.headers, json=body)

    def order(self, **body):
        return self.client.post("/mp/v1/orders", headers=self.headers, json=body)


@pytest.fixture
def cart_of(client, make):
    """cart_of(name) -> that buyer's Cart."""
    return lambda name: Cart(client, make.login(name))
