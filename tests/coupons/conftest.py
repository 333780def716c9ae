"""Coupon fixtures: a shop with products in two categories, coupons made and
activated through the staff API, buyers with tokens, and checkout helpers
that order through /mp/v1 as the mini-program does."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import insert, select

from app import clock
from app.auth import tokens
from app.auth.models import User
from app.catalog import service as catalog
from app.catalog.models import Merchant
from app.coupons.models import Coupon, UserCoupon
from app.db import transaction
from app.orders.models import Order
from tests.conftest import iso
from tests.payments.conftest import post_notice, run_jobs, sandbox  # noqa: F401 - a fixture

WINDOW = {"valid_from": iso(), "valid_until": iso(days=6)}


@dataclass
class Shop:
    merchant_id: int
    staff: dict  # the owner's bearer headers
    tea_sku: int  # category "tea", 1000 fen, product tea_product
    tea_product: int
    cup_sku: int  # category "ware", 3000 fen, product cup_product
    cup_product: int

    @property
    def url(self) -> str:
        return f"/api/v1/merchants/{self.merchant_id}/coupons"


def product(merchant_id: int, title: str, category: str, price_fen: int, stock: int = 100):
    """(product id, sku id) of a new product in `category`."""
    with transaction() as s:
        owner = s.get(Merchant, merchant_id).owner_id
        p = catalog.create_product(s, staff_id=owner, merchant_id=merchant_id, now=clock.now(),
                                   data={"title": title, "category": category,
                                         "skus": [{"price_fen": price_fen, "stock": stock}]})
        return p.id, p.skus[0].id


@pytest.fixture
def shop(make) -> Shop:
    merchant_id = make.merchant("owner")
    tea_product, tea_sku = product(merchant_id, "Longjing", "tea", 1000)
    cup_product, cup_sku = product(merchant_id, "Cup", "ware", 3000)
    return Shop(merchant_id, make.login("owner"), tea_sku, tea_product, cup_sku, cup_product)


@pytest.fixture
def coupon(client, shop):
    """coupon(**terms) -> the id of an active coupon made through the staff API."""
    def _coupon(activate=True, **terms) -> int:
        body = {"name": "Ten off", "kind": "amount_off", "amount_fen": 1000,
                "min_spend_fen": 5000, "total": 100, **WINDOW, **terms}
        if "valid_days" in terms:
            body.pop("valid_from"), body.pop("valid_until")
        resp = client.post(shop.url, headers=shop.staff, json=body)
        assert resp.status_code == 201, resp.json
        if activate:
            got = client.post(f"{shop.url}/{resp.json['id']}/activate", headers=shop.staff)
            assert got.status_code == 200, got.json
        return resp.json["id"]
    return _coupon


def users(app, count: int, prefix: str = "buyer") -> list[tuple[int, dict]]:
    """`count` users made in one transaction: (id, bearer headers)."""
    with transaction() as s:
        first = (s.scalar(select(User.id).order_by(User.id.desc()).limit(1)) or 0) + 1
        s.execute(insert(User), [{"openid": f"{prefix}-{first + i}", "nickname": prefix,
                                  "created_at": clock.now()} for i in range(count)])
        ids = list(s.scalars(select(User.id).where(User.id >= first).order_by(User.id)))
    secret = app.extensions["mall.settings"].secret_key
    return [(uid, {"Authorization": f"Bearer {tokens.issue(secret, uid)}"}) for uid in ids]


def claim(client, headers: dict, coupon_id: int):
    return client.post(f"/mp/v1/coupons/{coupon_id}/claim", headers=headers)


def claimed(client, headers: dict, coupon_id: int) -> int:
    """The id of the held coupon a successful claim gives."""
    resp = claim(client, headers, coupon_id)
    assert resp.status_code == 201, resp.json
    return resp.json["id"]


def order(client, headers: dict, lines: list[tuple[int, int]], coupon_id: int | None = None):
    body = {"lines": [{"sku_id": sku, "quantity": n} for sku, n in lines]}
    if coupon_id is not None:
        body["coupon_id"] = coupon_id
    return client.post("/mp/v1/orders", headers=headers, json=body)


def held(held_id: int) -> tuple:
    """(status, order_id) of a held coupon as stored."""
    with transaction() as s:
        row = s.get(UserCoupon, held_id)
        return row.status, row.order_id


def counts(coupon_id: int) -> tuple[int, int]:
    """(claimed, used) of a coupon."""
    with transaction() as s:
        c = s.get(Coupon, coupon_id)
        return c.claimed, c.used


def code(resp) -> str:
    return resp.json["error"]["code"]



def pay(client, provider, order_id: int, headers: dict) -> None:
    """Pay an order through the sandbox provider and its signed notice."""
    resp = client.post(f"/mp/v1/orders/{order_id}/pay", headers=headers)
    assert resp.status_code == 200, resp.json
    notice_headers, body = provider.notice(provider.pay(resp.json["out_trade_no"], clock.now()),
                                          clock.now())
    assert post_notice(client, notice_headers, body).status_code == 204


def refund(client, shop, order_id: int, refund_id: str, quantity: int):
    """A staff refund of `quantity` units of the order's first line, settled."""
    with transaction() as s:
        line_id = s.get(Order, order_id).lines[0].id
    resp = client.post(f"/api/v1/merchants/{shop.merchant_id}/orders/{order_id}/refunds",
                       headers=shop.staff,
                       json={"refund_id": refund_id,
                             "lines": [{"line_id": line_id, "quantity": quantity}]})
    assert resp.status_code == 201, resp.json
    run_jobs(client.application, "payments")
