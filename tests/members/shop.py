"""A shop for the member tests, driven through the real APIs: the referral
tests' Shop (orders paid by signed sandbox notices, completion, refunds)
plus the members' own staff and buyer routes."""

from __future__ import annotations

from datetime import timedelta

from app import clock
from app.db import transaction
from app.orders.models import Order
from tests.referral.conftest import Shop

SETTINGS = {"earn_per_yuan": 1, "redeem_per_yuan": 100, "max_cover_bps": 5000,
            "expiry_days": 365, "checkin_points": 10, "streak_bonuses": [{"day": 7, "points": 50}],
            "checkin_growth": 1}


class MemberShop(Shop):
    def members(self, method: str, path: str, **kw):
        return self.client.open(f"/api/v1/merchants/{self.merchant_id}/members{path}",
                                method=method, headers=self.staff, **kw)

    def me(self, method: str, path: str, name: str, **kw):
        return self.client.open(f"/mp/v1/members/merchants/{self.merchant_id}{path}",
                                method=method, headers=self.login(name), **kw)

    def settings(self, **changes) -> dict:
        resp = self.members("PUT", "/points-settings", json={**SETTINGS, **changes})
        assert resp.status_code == 200, resp.json
        return resp.json

    def points(self, name: str) -> int:
        resp = self.me("GET", "/points", name)
        assert resp.status_code == 200, resp.json
        return resp.json["balance"]

    def history(self, name: str) -> list[tuple[str, int]]:
        resp = self.me("GET", "/points?per_page=100", name)
        return [(e["kind"], e["points"]) for e in reversed(resp.json["entries"])]

    def buy(self, name: str, sku_id: int, quantity: int = 1, **asks):
        body = {"lines": [{"sku_id": sku_id, "quantity": quantity}], **asks}
        return self.client.post("/mp/v1/orders", headers=self.login(name), json=body)

    def completed(self, name: str, sku_id: int, quantity: int = 1) -> int:
        order_id = self.order(name, [(sku_id, quantity)])
        self.complete(order_id, name)
        return order_id

    def check_in(self, name: str):
        return self.me("POST", "/checkin", name)

    def next_day(self, days: int = 1) -> None:
        clock.advance(timedelta(days=days))


def order_of(order_id: int) -> Order:
    with transaction() as s:
        return s.get(Order, order_id)
