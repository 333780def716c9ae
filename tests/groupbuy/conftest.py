"""Group-buy fixtures: a merchant with a group-buy activity and a bargain
activity made through the staff API, buyers with tokens, and payment through
the sandbox provider (real signatures) or straight through the order service."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import insert

from app import clock
from app.auth import tokens
from app.auth.models import User
from app.db import transaction
from app.orders import service as orders
from app.payments.setup import provider
from groupbuy import push

NOTIFY = "/pay/notify/wechat"


def auth(app, user_id: int) -> dict:
    token = tokens.issue(app.config["SECRET_KEY"], user_id)
    return {"Authorization": f"Bearer {token}"}


def iso(delta: timedelta) -> str:
    return (clock.now() + delta).isoformat()


@dataclass
class Shop:
    merchant_id: int
    sku_id: int
    owner: dict  # staff headers
    group_activity_id: int | None = None
    bargain_activity_id: int | None = None


class Buyers:
    """Users made in bulk, each with a token (no login round trip)."""

    def __init__(self, app):
        self.app, self.n = app, 0

    def make(self, count: int, prefix: str = "buyer") -> list[int]:
        start, self.n = self.n, self.n + count
        with transaction() as s:
            s.execute(insert(User), [{"openid": f"{prefix}-{i}", "nickname": f"{prefix}{i}",
                                      "created_at": clock.now()} for i in range(start, self.n)])
            rows = s.query(User.id).filter(User.openid.in_(
                [f"{prefix}-{i}" for i in range(start, self.n)])).order_by(User.id).all()
        return [r[0] for r in rows]

    def headers(self, user_id: int) -> dict:
        return auth(self.app, user_id)


@pytest.fixture
def buyers(app) -> Buyers:
    return Buyers(app)


def group_activity(client, shop: Shop, **over) -> int:
    body = {"title": "Tea for five", "skus": [{"sku_id": shop.sku_id, "group_price_fen": 800}],
            "group_size": 3, "starts_at": iso(-timedelta(hours=1)),
            "ends_at": iso(timedelta(days=3)), **over}
    resp = client.post(f"/api/v1/merchants/{shop.merchant_id}/group-activities",
                       json=body, headers=shop.owner)
    assert resp.status_code == 201, resp.json
    return resp.json["id"]


def bargain_activity(client, shop: Shop, **over) -> int:
    """Risky helps count in full here (the tests' buyers are new accounts on
    one IP); the anti-fraud tests set the risk settings they test."""
    body = {"title": "Cut the price", "sku_id": shop.sku_id, "start_price_fen": 1000,
            "floor_price_fen": 100, "helpers_needed": 5, "starts_at": iso(-timedelta(hours=1)),
            "ends_at": iso(timedelta(days=3)), "risky_cut_bps": 10_000, **over}
    resp = client.post(f"/api/v1/merchants/{shop.merchant_id}/bargain-activities",
                       json=body, headers=shop.owner)
    assert resp.status_code == 201, resp.json
    return resp.json["id"]


@pytest.fixture
def shop(client, make) -> Shop:
    merchant_id = make.merchant("owner")
    (sku_id,) = make.product(merchant_id, skus=((1000, 5000),))
    return Shop(merchant_id, sku_id, make.login("owner"))


def open_group(client, shop: Shop, headers: dict, activity_id: int | None = None):
    return client.post(f"/mp/v1/group-activities/{activity_id or shop.group_activity_id}"
                       "/groups", json={"sku_id": shop.sku_id}, headers=headers)


def join(client, group_id: int, headers: dict):
    return client.post(f"/mp/v1/groups/{group_id}/join", headers=headers)


def pay_direct(order_id: int) -> bool:
    """Pay through the order service (order_paid sent as a notice would)."""
    with transaction() as s:
        return orders.mark_paid(s, order_id=order_id, now=clock.now())


@pytest.fixture
def pay(client):
    """pay(order_id, headers): prepay, the sandbox payer pays, its signed
    notice is posted to the notify URL."""
    def _pay(order_id: int, headers: dict) -> None:
        sandbox = provider()
        resp = client.post(f"/mp/v1/orders/{order_id}/pay", headers=headers)
        assert resp.status_code == 200, resp.json
        trade = sandbox.pay(resp.json["out_trade_no"], clock.now())
        h, body = sandbox.notice(trade, clock.now())
        assert client.post(NOTIFY, data=body, headers=h).status_code == 204
    return _pay


@pytest.fixture
def told():
    """Every subscribe message sent, as (user_id, template, data)."""
    sent: list[tuple[int, str, dict]] = []
    old = push.set_hook(lambda uids, template, data: sent.extend(
        (uid, template, data) for uid in uids))
    yield sent
    push.set_hook(old)


def run_jobs(app, *names: str) -> None:
    from rq import SimpleWorker

    queues = app.extensions["mall.queues"]
    SimpleWorker([queues.get(n) for n in names], connection=queues.connection).work(
        burst=True, with_scheduler=False)
