"""Bindings: never self, never a loop at any depth, the merchant's policy
(permanent, window, new users), binding through a share scene, an order's
share source, self-purchase, and the 1-3 level limit."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app import clock
from app.db import transaction
from referral import bindings
from referral.errors import ReferrerNotDistributor
from referral.models import Attribution, Binding


def code(resp) -> tuple[int, str]:
    return resp.status_code, resp.json["error"]["code"]


def test_self_binding_is_refused(shop):
    shop.distributor("A")
    assert code(shop.bind("A", "A")) == (422, "self_referral")


def test_a_loop_of_two_is_refused(shop):
    shop.distributor("A")
    shop.distributor("B", "A")
    assert code(shop.bind("A", "B")) == (422, "referral_cycle")


def test_a_loop_closing_three_levels_up_is_refused(shop):
    """A -> B -> C -> A: C's ancestors are B and A; A may not bind to C."""
    shop.distributor("A")
    shop.distributor("B", "A")
    shop.distributor("C", "B")
    assert code(shop.bind("A", "C")) == (422, "referral_cycle")


def test_a_loop_at_depth_twelve_is_refused_under_the_window_policy(shop):
    """Rebinding is allowed under the window policy, and still no loop at any depth."""
    shop.set_rules(binding_policy="window", window_days=1)
    names = [f"u{i}" for i in range(12)]
    shop.distributor(names[0])
    for parent, child in zip(names, names[1:], strict=False):
        shop.distributor(child, parent)
    clock.advance(timedelta(days=2))
    assert code(shop.bind(names[0], names[-1])) == (422, "referral_cycle")
    shop.join("outsider")
    assert shop.bind(names[0], "outsider").status_code == 200


def test_racing_opposite_binds_never_make_a_loop(shop):
    """A -> B and B -> A at once, many times over: one wins, the other is a loop."""
    shop.set_rules(binding_policy="window", window_days=1)
    shop.distributor("A")
    shop.distributor("B")
    for name in ("A", "B"):
        shop.login(name)
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda pair: shop.bind(*pair).status_code,
                                [("A", "B"), ("B", "A")] * 4))
    assert sorted(set(answers)) == [200, 422]
    with transaction() as s:
        rows = s.execute(select(Binding.user_id, Binding.referrer_id)).all()
    assert len(rows) == 1


def test_the_fourth_level_is_refused(shop):
    resp = shop.staff_api("PUT", "/rules", json={
        "binding_policy": "permanent", "window_days": 30, "level_bps": [400, 300, 200, 100],
        "self_purchase": False, "join_policy": "everyone", "spend_threshold_fen": 0,
        "withdraw_min_fen": 100, "withdraw_fee_bps": 0})
    assert code(resp) == (422, "too_many_levels")
    assert resp.json["error"]["details"] == {"levels": 4, "max_levels": 3}
    product_id = shop.product(500, title="Cup")[0]
    resp = shop.staff_api("PUT", f"/products/{product_id}/commission",
                          json={"mode": "bps", "values": [100, 100, 100, 100]})
    assert code(resp) == (422, "too_many_levels")
    resp = shop.staff_api("PUT", "/tiers", json={"tiers": [{
        "name": "Gold", "level_bps": [1, 1, 1, 1], "min_sales_fen": 0, "min_orders": 0,
        "min_team": 0}]})
    assert code(resp) == (422, "too_many_levels")
    assert shop.staff_api("GET", "/rules").json["level_bps"] == [1000, 500]


def test_a_chain_of_five_pays_only_three_levels(shop):
    shop.set_rules(level_bps=[1000, 500, 200])
    names = ["a", "b", "c", "d", "e"]
    shop.distributor("a")
    for parent, child in zip(names, names[1:], strict=False):
        shop.distributor(child, parent)
    assert shop.bind("buyer", "e").status_code == 200
    _, sku = shop.product(1000)
    shop.order("buyer", [(sku, 1)])
    assert shop.pending("e", "d", "c", "b", "a") == [100, 50, 20, 0, 0]


def test_permanent_first_binding_stays(shop):
    shop.distributor("A")
    shop.distributor("B")
    assert shop.bind("D", "A").status_code == 200
    clock.advance(timedelta(days=400))
    resp = shop.bind("D", "B")
    assert code(resp) == (409, "already_bound")
    assert resp.json["error"]["details"] == {"referrer_id": shop.ids["A"]}


def test_binding_window_lets_a_new_share_rebind_after_n_days(shop):
    shop.set_rules(binding_policy="window", window_days=7)
    shop.distributor("A")
    shop.distributor("B")
    assert shop.bind("D", "A").status_code == 200
    clock.advance(timedelta(days=6, hours=23))
    assert code(shop.bind("D", "B")) == (409, "already_bound")
    clock.advance(timedelta(hours=1))
    resp = shop.bind("D", "B")
    assert (resp.status_code, resp.json["referrer_id"]) == (200, shop.ids["B"])


def test_new_users_only_refuses_someone_who_has_paid_here(shop):
    shop.set_rules(binding_policy="new_users")
    shop.distributor("A")
    _, sku = shop.product(1000)
    shop.order("old", [(sku, 1)])
    assert code(shop.bind("old", "A")) == (409, "not_new_user")
    assert shop.bind("new", "A").status_code == 200


def test_binding_through_a_share_scene_names_its_sharer(shop, client):
    shop.distributor("A")
    resp = client.post("/mp/v1/shares", headers=shop.login("A"),
                       json={"kind": "invite", "channel": "qr"})
    assert resp.status_code == 201, resp.json
    resp = client.post("/mp/v1/referral/bind", headers=shop.login("D"),
                       json={"merchant_id": shop.merchant_id, "scene": resp.json["scene"]})
    assert (resp.status_code, resp.json["referrer_id"], resp.json["via"]) == (
        200, shop.ids["A"], "qr")


def test_a_referrer_must_be_an_active_distributor(shop):
    shop.set_rules(join_policy="application")
    shop.join("A")  # pending
    with transaction() as s, pytest.raises(ReferrerNotDistributor):
        bindings.bind(s, merchant_id=shop.merchant_id, user_id=shop.make.user("D"),
                      referrer_id=shop.ids["A"], via="invite", now=clock.now())


def test_an_order_through_someone_elses_share_binds_and_pays_the_sharer(shop, client):
    shop.distributor("A")
    product_id, sku = shop.product(1000)
    share = client.post("/mp/v1/shares", headers=shop.login("A"),
                        json={"kind": "product", "target_id": product_id,
                              "channel": "wechat_chat"}).json
    order_id = shop.order("D", [(sku, 2)], source={"share": share["id"]})
    assert shop.pending("A") == [200]
    with transaction() as s:
        assert s.get(Attribution, order_id).chain == str(shop.ids["A"])
        assert s.scalar(select(Binding.via)) == "order"


def test_a_buyer_naming_their_own_share_earns_nothing_without_self_purchase(shop, client):
    shop.distributor("A")
    product_id, sku = shop.product(1000)
    share = client.post("/mp/v1/shares", headers=shop.login("A"),
                        json={"kind": "product", "target_id": product_id,
                              "channel": "wechat_chat"}).json
    order_id = shop.order("A", [(sku, 2)], source={"share": share["id"]})
    assert shop.pending("A") == [0]
    with transaction() as s:
        assert s.get(Attribution, order_id).chain == ""
        assert s.scalar(select(func.count(Binding.id))) == 0


def test_self_purchase_commission_pays_the_buyer_level_one_when_on(shop):
    shop.set_rules(self_purchase=True)
    shop.distributor("A")
    shop.distributor("B", "A")
    _, sku = shop.product(1000)
    shop.order("B", [(sku, 1)])
    shop.order("plain", [(sku, 1)])  # not a distributor: no self commission
    assert shop.pending("B", "A", "plain") == [100, 50, 0]


def test_the_first_binds_of_a_merchant_race_without_error(shop):
    """No rules saved yet: racing binds all make (or meet) the settings row."""
    shop.distributor("A")
    names = [f"u{i}" for i in range(8)]
    for name in names:
        shop.login(name)
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda name: shop.bind(name, "A").status_code, names))
    assert answers == [200] * 8
    with transaction() as s:
        assert s.scalar(select(func.count(Binding.id))) == 8
