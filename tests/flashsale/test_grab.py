"""Grabbing: a win is a pending flash order; every refusal has its code and
takes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
import redis

from app import clock
from app.db import transaction
from app.orders.models import Order
from flashsale.models import FlashActivity
from tests.conftest import T0, count, stock_of
from tests.flashsale.conftest import db_state, grab, grab_token, remaining


def test_a_won_grab_is_a_pending_order_at_the_flash_price(app, client, make, sale):
    s = sale(quota=10, per_user_limit=2, per_order_limit=2, price_fen=450)
    assert stock_of(s.sku_id) == 990  # the quota left the SKU when it was published
    alice = make.login("alice")
    resp = grab(client, s, alice, grab_token(client, s, alice), quantity=2)
    assert resp.status_code == 201, resp.json
    assert resp.json["quantity"] == 2
    assert resp.json["price_fen"] == 450
    assert resp.json["total_fen"] == 900
    order = client.get(f"/mp/v1/orders/{resp.json['order_id']}", headers=alice).json
    assert order["status"] == "pending_payment"
    assert order["kind"] == "flashsale"
    assert order["total_fen"] == 900
    assert [(ln["unit_price_fen"], ln["quantity"]) for ln in order["lines"]] == [(450, 2)]
    assert resp.json["pay_deadline"] == (T0 + timedelta(minutes=5)).isoformat()
    assert stock_of(s.sku_id) == 990  # the grab took from the quota, not the SKU
    assert remaining(app, s) == 8
    assert db_state(s) == {"sold": 2, "quota": 10, "held": 2, "paid": 0, "returned": 0,
                           "orders": 1}
    result = client.get(s.url + "/result", headers=alice).json
    assert result["remaining"] == 8
    assert [(o["order_id"], o["quantity"], o["state"]) for o in result["orders"]] == \
        [(resp.json["order_id"], 2, "held")]


def test_buyers_see_running_and_upcoming_sales_not_drafts_or_ended(client, make, sale):
    running = sale(quota=5)
    upcoming = sale(starts_at=(T0 + timedelta(hours=2)).isoformat(),
                    ends_at=(T0 + timedelta(hours=3)).isoformat())
    sale(publish=False)
    ended = sale(starts_at=(T0 - timedelta(hours=2)).isoformat(),
                 ends_at=(T0 + timedelta(minutes=30)).isoformat())
    clock.freeze(T0 + timedelta(minutes=31))
    listed = client.get("/mp/v1/flashsales").json
    assert [(a["id"], a["phase"], a["remaining"]) for a in listed["items"]] == \
        [(running.id, "open", 5), (upcoming.id, "upcoming", 10)]
    assert listed["items"][1]["next_open_at"] == (T0 + timedelta(hours=2)).isoformat()
    assert client.get(ended.url).json["phase"] == "ended"


def test_a_product_page_lists_its_own_sales_only(client, make, sale):
    first, second = sale(), sale()
    with transaction() as session:
        product_of = {a.id: a.product_id for a in session.query(FlashActivity)}
    listed = client.get("/mp/v1/flashsales", query_string={"product_id": product_of[second.id]})
    assert [a["id"] for a in listed.json["items"]] == [second.id]
    assert listed.json["meta"]["total"] == 1
    assert [a["id"] for a in client.get("/mp/v1/flashsales").json["items"]] == \
        [first.id, second.id]
    resp = client.get("/mp/v1/flashsales", query_string={"product_id": "tea"})
    assert (resp.status_code, resp.json["error"]["code"]) == (422, "validation_error")


def _refused(app, client, s, resp, status: int, code: str, *, left: int) -> None:
    assert resp.status_code == status, resp.json
    assert resp.json["error"]["code"] == code
    assert remaining(app, s) == left
    assert db_state(s)["sold"] == 10 - left
    assert count(Order) == 10 - left


def test_grab_before_the_start_is_refused_and_no_token_is_issued(app, client, make, sale):
    s = sale(starts_at=(T0 + timedelta(minutes=10)).isoformat())
    alice = make.login("alice")
    resp = client.post(s.url + "/token", headers=alice)
    assert (resp.status_code, resp.json["error"]["code"]) == (409, "not_started")
    resp = grab(client, s, alice, "made-up-token")
    _refused(app, client, s, resp, 409, "not_started", left=10)
    assert resp.json["error"]["details"]["opens_at_ms"] == \
        int((T0 + timedelta(minutes=10)).timestamp() * 1000)


def test_grab_after_the_end_is_refused(app, client, make, sale):
    s = sale()
    alice = make.login("alice")
    token = grab_token(client, s, alice)
    clock.freeze(T0 + timedelta(hours=1))
    _refused(app, client, s, grab(client, s, alice, token), 409, "ended", left=10)
    resp = client.post(s.url + "/token", headers=alice)
    assert (resp.status_code, resp.json["error"]["code"]) == (409, "ended")


def test_expired_token_is_refused(app, client, make, sale):
    s = sale()
    alice = make.login("alice")
    token = grab_token(client, s, alice)
    clock.freeze(T0 + timedelta(seconds=60))
    _refused(app, client, s, grab(client, s, alice, token), 403, "grab_token_expired",
             left=10)


def test_foreign_token_is_refused(app, client, make, sale):
    """A token is bound to its user and its sale."""
    s, other = sale(), sale()
    alice, bob = make.login("alice"), make.login("bob")
    alices = grab_token(client, s, alice)
    _refused(app, client, s, grab(client, s, bob, alices), 403, "invalid_grab_token", left=10)
    for_other_sale = grab_token(client, other, alice)
    assert for_other_sale != alices
    grab_token(client, s, bob)
    _refused(app, client, s, grab(client, s, bob, for_other_sale), 403, "invalid_grab_token",
             left=10)


def test_over_the_per_order_limit_is_refused(app, client, make, sale):
    s = sale(per_user_limit=3, per_order_limit=2)
    alice = make.login("alice")
    resp = grab(client, s, alice, grab_token(client, s, alice), quantity=3)
    _refused(app, client, s, resp, 422, "over_order_limit", left=10)
    assert resp.json["error"]["details"] == {"limit": 2}


def test_stopped_sale_is_refused_and_its_quota_goes_back_to_the_sku(app, client, make, sale):
    s = sale(stock=100)
    alice = make.login("alice")
    token = grab_token(client, s, alice)
    resp = client.post(s.staff_url + "/stop", headers=s.staff)
    assert resp.status_code == 200, resp.json
    assert (resp.json["status"], resp.json["returned_to_sku"]) == ("stopped", 10)
    assert stock_of(s.sku_id) == 100
    resp = grab(client, s, alice, token)
    assert (resp.status_code, resp.json["error"]["code"]) == (409, "stopped")
    assert db_state(s)["sold"] == 0
    assert count(Order) == 0


def test_no_grab_token_for_a_stopped_sale(client, make, sale):
    s = sale()
    assert client.post(s.staff_url + "/stop", headers=s.staff).status_code == 200
    resp = client.post(s.url + "/token", headers=make.login("alice"))
    assert (resp.status_code, resp.json["error"]["code"]) == (409, "stopped")


def test_no_grab_token_while_redis_fails_is_503(app, client, make, sale, monkeypatch):
    s = sale()

    def down(*_args, **_kw):
        raise redis.ConnectionError("down")
    monkeypatch.setattr(app.extensions["flashsale"].engine, "store_tokens", down)
    resp = client.post(s.url + "/token", headers=make.login("alice"))
    assert (resp.status_code, resp.json["error"]["code"]) == (503, "flashsale_unavailable")


def test_per_user_limit_is_enforced(app, client, make, sale):
    s = sale(per_user_limit=2, per_order_limit=2)
    alice = make.login("alice")
    token = grab_token(client, s, alice)
    assert grab(client, s, alice, token).status_code == 201
    resp = grab(client, s, alice, token, quantity=2)
    _refused(app, client, s, resp, 409, "limit_reached", left=9)
    assert grab(client, s, alice, token).status_code == 201
    _refused(app, client, s, grab(client, s, alice, token), 409, "limit_reached", left=8)


def test_sold_out(app, client, make, sale):
    s = sale(quota=1)
    alice, bob = make.login("alice"), make.login("bob")
    assert grab(client, s, alice, grab_token(client, s, alice)).status_code == 201
    resp = grab(client, s, bob, grab_token(client, s, bob))
    assert (resp.status_code, resp.json["error"]["code"]) == (409, "sold_out")
    assert remaining(app, s) == 0
    assert db_state(s)["sold"] == 1
    assert count(Order) == 1


def test_repeated_clicks_are_rate_limited_per_user(app, client, make, sale):
    """Five tries at once, then one every 500 ms; the stock never goes below zero."""
    s = sale(quota=1)
    alice, bob = make.login("alice"), make.login("bob")
    token = grab_token(client, s, alice)
    codes = [grab(client, s, alice, "wrong").json["error"]["code"] for _ in range(6)]
    assert codes == ["invalid_grab_token"] * 5 + ["rate_limited"]
    resp = grab(client, s, alice, token)
    assert resp.json["error"]["details"] == {"retry_after_ms": 500}
    clock.freeze(T0 + timedelta(milliseconds=500))
    assert grab(client, s, alice, token).status_code == 201
    bob_token = grab_token(client, s, bob)
    assert [grab(client, s, bob, bob_token).json["error"]["code"] for _ in range(6)] == \
        ["sold_out"] * 5 + ["rate_limited"]
    assert remaining(app, s) == 0


def test_daily_slots_open_and_close_the_sale(app, client, make, sale):
    """Slots are China time: 10:00-11:00 CST is 02:00-03:00 UTC (T0 is 02:00 UTC)."""
    s = sale(starts_at=(T0 - timedelta(days=1)).isoformat(),
             ends_at=(T0 + timedelta(days=2)).isoformat(), slots=["10:00-11:00"])
    alice = make.login("alice")
    token = grab_token(client, s, alice)
    clock.freeze(T0 + timedelta(hours=1))
    resp = grab(client, s, alice, token)
    assert (resp.status_code, resp.json["error"]["code"]) == (409, "not_started")
    assert resp.json["error"]["details"]["opens_at_ms"] == \
        int((T0 + timedelta(days=1)).timestamp() * 1000)
    assert client.get(s.url).json["phase"] == "between_slots"


@pytest.mark.parametrize("body", [{}, {"token": ""}, {"token": "t", "quantity": 0},
                                  {"token": "t", "quantity": "1"},
                                  {"token": "t", "price_fen": 1}])
def test_malformed_grab_is_refused(app, client, make, sale, body):
    s = sale()
    resp = client.post(s.url + "/grab", headers=make.login("alice"), json=body)
    assert (resp.status_code, resp.json["error"]["code"]) == (422, "validation_error")
    assert remaining(app, s) == 10


def test_grab_needs_a_bearer_token(client, sale):
    s = sale()
    resp = client.post(s.url + "/grab", json={"token": "t"})
    assert (resp.status_code, resp.json["error"]["code"]) == (401, "unauthorized")


def test_grab_after_the_sale_was_settled_says_ended(app, client, make, sale):
    from flashsale import recovery

    s = sale(ends_at=(T0 + timedelta(minutes=10)).isoformat())
    alice = make.login("alice")
    token = grab_token(client, s, alice)
    clock.freeze(T0 + timedelta(minutes=10))
    assert recovery.sweep() == {s.id: {"settled": 10}}
    resp = grab(client, s, alice, token)
    assert (resp.status_code, resp.json["error"]["code"]) == (409, "ended")
    app.extensions["mall.redis"].flushdb()  # the closed state expired
    resp = grab(client, s, alice, token)
    assert (resp.status_code, resp.json["error"]["code"]) == (409, "ended")


@pytest.mark.parametrize("when", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:00:00+00:00"])
def test_dates_out_of_range_are_refused(client, make, sale, when):
    s = sale(publish=False)
    resp = client.patch(s.staff_url, headers=s.staff, json={"ends_at": when})
    assert (resp.status_code, resp.json["error"]["code"]) == (422, "validation_error")
    assert list(resp.json["error"]["details"]["fields"]) == ["ends_at"]


def test_grabs_after_redis_forgot_the_scripts_load_them_again_and_run_once(app, client, make,
                                                                         sale):
    """A restarted or flushed Redis answers NOSCRIPT: the batch loads the
    script and runs those grabs again, each once."""
    s = sale(quota=5, per_user_limit=2)
    headers = make.login("alice")
    token = grab_token(client, s, headers)
    app.extensions["mall.redis"].script_flush()
    first = grab(client, s, headers, token)
    assert (first.status_code, first.json["quantity"]) == (201, 1)
    assert (remaining(app, s), db_state(s)["sold"]) == (4, 1)
