"""Staff coupon APIs: create (terms checked, scope against the shop's own
products and categories), edit (terms only as a draft, total never below
what was claimed), activate, stop, list, stats; and what buyers see listed."""

from __future__ import annotations

from datetime import timedelta

from app import clock
from tests.coupons.conftest import WINDOW, claimed, code, order, product, users

BASE = {"name": "Ten off", "kind": "amount_off", "amount_fen": 1000, "min_spend_fen": 5000,
        "total": 10, **WINDOW}


def test_a_new_coupon_is_a_draft_with_its_terms(client, shop):
    resp = client.post(shop.url, headers=shop.staff,
                       json={**BASE, "scope": "category", "categories": ["tea", "tea"]})
    assert resp.status_code == 201, resp.json
    got = resp.json
    assert (got["status"], got["scope"], got["categories"], got["product_ids"]) == (
        "draft", "category", ["tea"], [])
    assert (got["total"], got["claimed"], got["left"], got["per_user_limit"]) == (10, 0, 10, 1)


def test_bad_terms_are_refused_with_invalid_coupon_naming_the_field(client, make, shop):
    def refused(**terms):
        resp = client.post(shop.url, headers=shop.staff, json={**BASE, **terms})
        assert (resp.status_code, resp.json["error"]["code"]) == (422, "invalid_coupon")
        return resp.json["error"]["details"]

    assert refused(min_spend_fen=1000)["field"] == "min_spend_fen"
    assert refused(kind="percent_off", percent_bps=1000)["field"] == "percent_bps"  # no cap
    assert refused(valid_days=3)["field"] == "validity"  # a window and days
    assert refused(per_user_limit=11)["field"] == "per_user_limit"
    assert refused(scope="category", categories=["shoes"]) == {"field": "categories",
                                                               "unknown": ["shoes"]}
    other_product, _ = product(make.merchant("other", name="Other"), "Oolong", "tea", 900)
    assert refused(scope="products", product_ids=[other_product]) == {
        "field": "product_ids", "unknown": [other_product]}


def test_only_staff_of_the_shop_manage_its_coupons(client, make, shop):
    stranger = make.login("stranger")
    resp = client.post(shop.url, headers=stranger, json=BASE)
    assert resp.status_code == 403


def test_terms_change_only_as_a_draft_the_name_and_total_later(app, client, shop, coupon):
    c = coupon(activate=False)
    url = f"{shop.url}/{c}"
    resp = client.patch(url, headers=shop.staff, json={"amount_fen": 500, "valid_days": 3})
    assert (resp.json["amount_fen"], resp.json["valid_days"], resp.json["valid_from"]) == (
        500, 3, None)
    assert client.post(f"{url}/activate", headers=shop.staff).json["status"] == "active"
    resp = client.patch(url, headers=shop.staff, json={"amount_fen": 900})
    assert (resp.status_code, code(resp)) == (409, "coupon_not_editable")
    (_, alice), (_, bob) = users(app, 2)
    claimed(client, alice, c), claimed(client, bob, c)
    resp = client.patch(url, headers=shop.staff, json={"name": "Five off", "total": 2})
    assert (resp.json["name"], resp.json["total"], resp.json["left"]) == ("Five off", 2, 0)
    resp = client.patch(url, headers=shop.staff, json={"total": 1})
    assert (code(resp), resp.json["error"]["details"]) == ("invalid_coupon", {
        "field": "total", "rule": "at least 1 and not below what was claimed", "claimed": 2})


def test_activate_then_stop_and_a_stopped_coupon_stays_stopped(client, shop, coupon):
    c = coupon()
    url = f"{shop.url}/{c}"
    assert client.post(f"{url}/stop", headers=shop.staff).json["status"] == "stopped"
    for action in ("activate", "stop"):
        resp = client.post(f"{url}/{action}", headers=shop.staff)
        assert (resp.status_code, code(resp)) == (409, "coupon_illegal_status")
    resp = client.patch(url, headers=shop.staff, json={"total": 50})
    assert code(resp) == "coupon_not_editable"


def test_list_by_status_and_stats_count_held_used_and_expired(app, client, shop, coupon):
    c = coupon(valid_days=1)
    draft = coupon(activate=False)
    listed = client.get(f"{shop.url}?status=active", headers=shop.staff).json
    assert [i["id"] for i in listed["items"]] == [c]
    assert [i["id"] for i in client.get(shop.url, headers=shop.staff).json["items"]] == [
        draft, c]
    (_, alice), (_, bob) = users(app, 2)
    used = claimed(client, alice, c)
    assert order(client, alice, [(shop.cup_sku, 2)], used).status_code == 201
    claimed(client, bob, c)
    clock.advance(timedelta(days=1, seconds=1))
    stats = client.get(f"{shop.url}/{c}/stats", headers=shop.staff).json
    assert stats == {"coupon_id": c, "total": 100, "claimed": 2, "left": 98, "unused": 0,
                     "used": 1, "expired": 1, "discount_fen": 1000}


def test_buyers_see_a_shops_claimable_coupons_and_those_for_a_product(client, shop, coupon):
    everything = coupon()
    tea = coupon(scope="category", categories=["tea"])
    cups = coupon(scope="products", product_ids=[shop.cup_product])
    coupon(activate=False)  # a draft
    coupon(public=False)  # granted only
    resp = client.get(f"/mp/v1/merchants/{shop.merchant_id}/coupons")
    assert [c["id"] for c in resp.json] == [cups, tea, everything]
    resp = client.get(f"/mp/v1/products/{shop.tea_product}/coupons")
    assert [c["id"] for c in resp.json] == [tea, everything]
    assert client.get("/mp/v1/products/999999/coupons").json["error"]["code"] == \
        "product_not_found"
