"""Platform admins onboard a merchant (its owner's invite) and suspend one:
its staff read but do not write, and nothing of it is sold."""

from __future__ import annotations

from app.catalog.models import Merchant
from app.db import transaction
from tests.console_auth.conftest import sign_in


def test_an_admin_onboards_a_merchant_whose_owner_accepts_the_invite(app, console, make):
    admin, csrf = console.staff("ada", "platform_admin")
    assert admin.get("/api/v1/console/session").json["permissions"][-1] == "platform"
    resp = admin.post("/api/v1/platform/merchants", headers={"X-CSRF-Token": csrf},
                      json={"name": "New Tea"})
    assert resp.status_code == 201
    mid, token = resp.json["merchant"]["id"], resp.json["invite"]["token"]
    assert resp.json["merchant"]["status"] == "active"
    owner = app.test_client()
    accepted = owner.post(f"/api/v1/console/invites/{token}/accept",
                          json={"login": "nina", "password": "new-tea-2026", "nickname": "Nina"})
    assert accepted.status_code == 200
    assert accepted.json["roles"] == [{"role": "merchant_owner", "scope_type": "merchant",
                                       "scope_id": mid, "scope_name": "New Tea"}]
    with transaction() as s:
        assert s.get(Merchant, mid).owner_id == accepted.json["user"]["id"]
    listed = admin.get("/api/v1/platform/merchants").json
    assert [m["name"] for m in listed["items"]] == ["New Tea"] and listed["meta"]["total"] == 1


def test_only_platform_admins_onboard(console, make):
    mid = make.merchant("olga")
    owner, csrf = console.staff("olga", None)
    for resp in (owner.get("/api/v1/platform/merchants"),
                 owner.post(f"/api/v1/platform/merchants/{mid}/suspend",
                            headers={"X-CSRF-Token": csrf}, json={"reason": "mine"})):
        assert resp.status_code == 403 and resp.json["error"]["code"] == "forbidden"


def test_a_suspended_merchant_reads_but_does_not_write_or_sell(app, client, console, make):
    mid = make.merchant("olga")
    sku = make.product(mid)[0]
    admin, admin_csrf = console.staff("ada", "platform_admin")
    owner, csrf = console.staff("olga", None)
    resp = admin.post(f"/api/v1/platform/merchants/{mid}/suspend",
                      headers={"X-CSRF-Token": admin_csrf}, json={"reason": "fake goods"})
    assert resp.status_code == 200
    assert (resp.json["status"], resp.json["status_reason"]) == ("suspended", "fake goods")
    assert owner.get(f"/api/v1/merchants/{mid}/products").status_code == 200
    write = owner.post(f"/api/v1/merchants/{mid}/products", headers={"X-CSRF-Token": csrf},
                       json={"title": "More", "skus": [{"price_fen": 1, "stock": 1}]})
    assert write.status_code == 403 and write.json["error"]["code"] == "merchant_suspended"
    assert owner.get("/api/v1/console/session").json["merchants"][0]["status"] == "suspended"
    buyer = make.login("bob")
    cart = client.post("/mp/v1/cart/lines", headers=buyer, json={"sku_id": sku, "quantity": 1})
    assert cart.status_code == 409 and cart.json["error"]["code"] == "not_on_sale"
    assert cart.json["error"]["details"]["reason"] == "merchant_suspended"
    order = client.post("/mp/v1/orders", headers=buyer,
                        json={"lines": [{"sku_id": sku, "quantity": 1}]})
    assert order.status_code == 409 and order.json["error"]["details"] == {
        "sku_ids": [sku], "reason": "merchant_suspended"}

    admin.post(f"/api/v1/platform/merchants/{mid}/resume", headers={"X-CSRF-Token": admin_csrf},
               json={"reason": "cleared"})
    again = owner.post(f"/api/v1/merchants/{mid}/products", headers={"X-CSRF-Token": csrf},
                       json={"title": "More", "skus": [{"price_fen": 1, "stock": 1}]})
    assert again.status_code == 201
    assert sign_in(app.test_client(), "olga").status_code == 200
