"""Flash-sale fixtures: a published sale made through the staff API, buyers
with bearer and grab tokens, and a grab helper."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import insert, select

from app import clock
from app.auth import tokens
from app.auth.models import User
from app.db import transaction
from flashsale import flows
from flashsale.models import FlashActivity, FlashOrder
from tests.conftest import T0

START = T0 - timedelta(minutes=1)
END = T0 + timedelta(hours=1)


@dataclass
class Sale:
    id: int
    merchant_id: int
    sku_id: int
    staff: dict  # the owner's auth headers

    @property
    def url(self) -> str:
        return f"/mp/v1/flashsales/{self.id}"

    @property
    def staff_url(self) -> str:
        return f"/api/v1/merchants/{self.merchant_id}/flashsales/{self.id}"


def terms(sku_id: int, **kw) -> dict:
    body = {"sku_id": sku_id, "price_fen": 500, "quota": 10, "per_user_limit": 1,
            "per_order_limit": 1, "starts_at": START.isoformat(), "ends_at": END.isoformat()}
    body.update(kw)
    return body


@pytest.fixture
def sale(client, make):
    """sale(quota=.., stock=.., publish=True, **terms) -> a Sale."""
    def _sale(*, stock=1000, list_price=1000, publish=True, **kw) -> Sale:
        merchant_id = make.merchant("owner")
        sku_id = make.product(merchant_id, skus=((list_price, stock),))[0]
        staff = make.login("owner")
        resp = client.post(f"/api/v1/merchants/{merchant_id}/flashsales", headers=staff,
                           json=terms(sku_id, **kw))
        assert resp.status_code == 201, resp.json
        made = Sale(resp.json["id"], merchant_id, sku_id, staff)
        if publish:
            resp = client.post(made.staff_url + "/publish", headers=staff)
            assert resp.status_code == 200, resp.json
        return made
    return _sale


def users(app, count: int, prefix: str = "buyer") -> list[tuple[int, dict]]:
    """`count` users made in one transaction: (id, bearer headers)."""
    with transaction() as s:
        first = (s.scalar(select(User.id).order_by(User.id.desc()).limit(1)) or 0) + 1
        s.execute(insert(User), [{"openid": f"{prefix}-{first + i}", "nickname": prefix,
                                  "created_at": clock.now()} for i in range(count)])
        ids = list(s.scalars(select(User.id).where(User.id >= first).order_by(User.id)))
    secret = app.extensions["mall.settings"].secret_key
    return [(uid, {"Authorization": f"Bearer {tokens.issue(secret, uid)}"}) for uid in ids]


def grab_token(client, sale: Sale, headers: dict) -> str:
    resp = client.post(sale.url + "/token", headers=headers)
    assert resp.status_code == 201, resp.json
    return resp.json["token"]


def token_for(sale: Sale, user_id: int) -> str:
    """A grab token made by the service directly (for crowds)."""
    token, _ = flows.issue_token(activity_id=sale.id, user_id=user_id)
    return token


def grab(client, sale: Sale, headers: dict, token: str, quantity: int = 1, **extra):
    return client.post(sale.url + "/grab", headers=headers,
                       json={"token": token, "quantity": quantity, **extra})


def db_state(sale: Sale) -> dict:
    with transaction() as s:
        activity = s.get(FlashActivity, sale.id)
        rows = list(s.scalars(select(FlashOrder).where(FlashOrder.activity_id == sale.id)))
    return {"sold": activity.sold, "quota": activity.quota,
            "held": sum(r.quantity for r in rows if r.state == "held"),
            "paid": sum(r.quantity for r in rows if r.state == "paid"),
            "returned": sum(r.quantity for r in rows if r.state == "returned"),
            "orders": len(rows)}


def remaining(app, sale: Sale) -> int | None:
    return app.extensions["flashsale"].engine.remaining(sale.id)


from tests.payments.conftest import post_notice, run_jobs, sandbox  # noqa: E402, F401
