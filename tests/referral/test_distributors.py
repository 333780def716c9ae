"""Joining by policy, staff review, tiers and the upgrade job (tier rates
then apply), the team view by level, earnings by day and source, the
leaderboard and the payable report."""

from __future__ import annotations

from datetime import timedelta

from app import clock
from referral import jobs
from tests.conftest import day


def error(resp) -> tuple[int, str]:
    return resp.status_code, resp.json["error"]["code"]


def test_everyone_joins_at_once_and_only_once(shop):
    body = shop.join("A")
    assert (body["status"], len(body["invite_code"])) == ("active", 8)
    assert error(shop.mp("POST", "/join", "A", json={"accept_terms": True})) == (
        409, "already_joined")
    assert error(shop.mp("POST", "/join", "B", json={"accept_terms": False})) == (
        422, "terms_not_accepted")


def test_an_application_waits_for_staff_approval(shop):
    shop.set_rules(join_policy="application")
    assert shop.join("A")["status"] == "pending"
    assert shop.join("B")["invite_code"] is None
    listed = shop.staff_api("GET", "/distributors?status=pending").json
    assert [d["user_id"] for d in listed["items"]] == [shop.ids["A"], shop.ids["B"]]
    resp = shop.staff_api("POST", f"/distributors/{shop.ids['A']}/review", json={"approve": True})
    assert (resp.status_code, resp.json["status"]) == (200, "active")
    resp = shop.staff_api("POST", f"/distributors/{shop.ids['B']}/review",
                          json={"approve": False})
    assert resp.json["status"] == "rejected"
    assert error(shop.staff_api("POST", f"/distributors/{shop.ids['B']}/review",
                                json={"approve": True})) == (409, "not_reviewable")
    assert shop.mp("GET", "/me", "A").json["status"] == "active"


def test_a_spend_threshold_lets_in_only_those_who_spent_it(shop):
    shop.set_rules(join_policy="spend", spend_threshold_fen=2000)
    _, sku = shop.product(1000)
    shop.order("A", [(sku, 1)])
    resp = shop.mp("POST", "/join", "A", json={"accept_terms": True})
    assert error(resp) == (403, "join_not_allowed")
    assert resp.json["error"]["details"] == {"spend_threshold_fen": 2000}
    shop.order("A", [(sku, 1)])
    assert shop.join("A")["status"] == "active"


def test_the_tier_job_upgrades_and_tier_rates_apply(shop):
    shop.set_rules(level_bps=[1000, 500])
    resp = shop.staff_api("PUT", "/tiers", json={"tiers": [
        {"name": "Silver", "level_bps": [1200, 600], "min_sales_fen": 1000, "min_orders": 1,
         "min_team": 1},
        {"name": "Gold", "level_bps": [1500, 700], "min_sales_fen": 10**6, "min_orders": 1,
         "min_team": 1}]})
    assert resp.status_code == 200, resp.json
    shop.distributor("A")
    shop.distributor("B", "A")
    assert shop.bind("D", "B").status_code == 200
    _, sku = shop.product(1000)
    shop.order("D", [(sku, 1)])
    assert shop.pending("B", "A") == [100, 50]
    assert jobs.tier_sweep() == {"upgraded": 1}  # B: 1000 sold, 1 order, team 1
    assert jobs.tier_sweep() == {"upgraded": 0}
    assert [shop.mp("GET", "/me", n).json["tier_rank"] for n in "AB"] == [0, 1]
    shop.order("D", [(sku, 1)])
    assert shop.pending("B", "A") == [100 + 120, 50 + 50]


def test_earnings_fall_on_the_china_day_of_payment(shop):
    """17:00 UTC is 01:00 the next morning in China: that day's earnings."""
    shop.set_rules(level_bps=[1000])
    shop.distributor("A")
    assert shop.bind("D1", "A").status_code == 200
    _, sku = shop.product(1000)
    clock.advance(timedelta(hours=14, minutes=59))  # 16:59 UTC: 00:59 the next China day
    shop.order("D1", [(sku, 1)])
    earned = shop.mp("GET", "/earnings?days=7", "A").json
    assert earned["by_day"] == [{"day": day(1), "commission_fen": 100, "orders": 1}]


def test_team_by_level_earnings_by_day_and_source_and_the_leaderboard(shop):
    shop.set_rules(level_bps=[1000, 500], self_purchase=True)
    shop.distributor("A")
    shop.distributor("B", "A")
    for buyer in ("D1", "D2"):
        assert shop.bind(buyer, "B").status_code == 200
    _, sku = shop.product(1000)
    shop.order("D1", [(sku, 1)])
    clock.advance(timedelta(days=1))
    shop.order("D2", [(sku, 2)])
    shop.order("A", [(sku, 1)])  # self-purchase
    team = shop.mp("GET", "/team?level=1", "A").json
    assert ([m["user_id"] for m in team["items"]], team["meta"]["total"]) == ([shop.ids["B"]], 1)
    team = shop.mp("GET", "/team?level=2", "A").json
    assert [m["user_id"] for m in team["items"]] == [shop.ids["D1"], shop.ids["D2"]]
    assert shop.mp("GET", "/team?level=3", "A").json["items"] == []
    earned = shop.mp("GET", "/earnings?days=7", "A").json
    assert earned["by_day"] == [
        {"day": day(), "commission_fen": 50, "orders": 1},
        {"day": day(1), "commission_fen": 200, "orders": 2}]
    assert earned["by_source"] == [{"source": "level_2", "commission_fen": 150, "orders": 2},
                                   {"source": "self", "commission_fen": 100, "orders": 1}]
    board = shop.staff_api("GET", "/leaderboard?limit=5").json
    assert [(r["rank"], r["user_id"], r["commission_fen"]) for r in board] == [
        (1, shop.ids["B"], 300), (2, shop.ids["A"], 250)]
    board = shop.mp("GET", "/leaderboard?limit=5", "D1").json  # masked: see test_leaderboard
    assert [(r["rank"], r["commission_fen"], r["me"]) for r in board] == [
        (1, 300, False), (2, 250, False)]


def test_a_user_who_is_not_a_distributor_sees_an_empty_center(shop):
    center = shop.mp("GET", "/me", "nobody").json
    assert center == {"merchant_id": shop.merchant_id, "status": "none", "tier_rank": 0,
                      "invite_code": None, "referrer_id": None,
                      "balances": {"pending": 0, "available": 0, "withdrawing": 0,
                                   "clearing": 0, "paid": 0},
                      "withdraw_min_fen": 100, "withdraw_fee_bps": 0}
    assert shop.mp("GET", "/team", "nobody").json["items"] == []


def test_the_center_shows_the_merchants_withdrawal_terms(shop):
    shop.set_rules(withdraw_min_fen=500, withdraw_fee_bps=30)
    shop.distributor("A")
    center = shop.mp("GET", "/me", "A").json
    assert (center["withdraw_min_fen"], center["withdraw_fee_bps"]) == (500, 30)


def test_fresh_accounts_that_only_bind_never_lift_a_tier(shop):
    """A farm of accounts binding to a distributor pays nobody (commission
    comes from paid goods only) and no longer counts as team for tiers."""
    resp = shop.staff_api("PUT", "/tiers", json={"tiers": [
        {"name": "Team", "level_bps": [1500, 500], "min_sales_fen": 0, "min_orders": 0,
         "min_team": 3}]})
    assert resp.status_code == 200, resp.json
    shop.distributor("A")
    farm = [f"farm{i}" for i in range(5)]
    for name in farm:
        assert shop.bind(name, "A").status_code == 200
    assert shop.mp("GET", "/team?level=1", "A").json["meta"]["total"] == 5  # all listed
    assert jobs.tier_sweep() == {"upgraded": 0}
    assert shop.balances("A")["pending"] == 0
    _, sku = shop.product(100)
    for name in farm[:3]:
        shop.order(name, [(sku, 1)])
    assert jobs.tier_sweep() == {"upgraded": 1}  # three members who paid
    assert shop.mp("GET", "/me", "A").json["tier_rank"] == 1
