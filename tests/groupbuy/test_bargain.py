"""Bargains: cuts drawn at start, each help pops the next cut atomically,
refusals with clear codes, daily caps, buying, and the 200-helper race."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app import clock
from app.db import transaction
from app.orders.models import Order
from groupbuy import keys
from groupbuy.models import Bargain, BargainHelp
from tests.groupbuy.conftest import bargain_activity
from tests.groupbuy.test_race import _race


def start(client, shop, headers):
    return client.post(f"/mp/v1/bargain-activities/{shop.bargain_activity_id}/bargains",
                       headers=headers)


def help_(client, bargain_id, headers):
    return client.post(f"/mp/v1/bargains/{bargain_id}/helps", headers=headers)


def code(resp):
    return resp.status_code, resp.get_json()["error"]["code"]


@pytest.fixture
def bshop(client, shop):
    shop.bargain_activity_id = bargain_activity(client, shop)
    return shop


def test_start_draws_all_cuts_at_once(client, redis, bshop, buyers):
    (starter,) = buyers.make(1)
    resp = start(client, bshop, buyers.headers(starter))
    assert resp.status_code == 201, resp.json
    assert (resp.json["price_fen"], resp.json["helpers_needed"]) == (1000, 5)
    with transaction() as s:
        cuts = [int(c) for c in s.get(Bargain, resp.json["id"]).cuts.split(",")]
    assert sum(cuts) == 900 and min(cuts) >= 1 and cuts == sorted(cuts, reverse=True)
    _, cut_list, _ = keys.bargain(resp.json["id"])
    assert [int(c) for c in redis.lrange(cut_list, 0, -1)] == cuts
    assert code(start(client, bshop, buyers.headers(starter))) == (409, "start_limit_reached")


def test_each_help_takes_the_next_cut_and_the_last_lands_on_the_floor(client, bshop, buyers):
    starter, *helpers = buyers.make(7)
    bid = start(client, bshop, buyers.headers(starter)).json["id"]
    with transaction() as s:
        cuts = [int(c) for c in s.get(Bargain, bid).cuts.split(",")]
    price = 1000
    for cut, uid in zip(cuts, helpers[:5], strict=True):
        resp = help_(client, bid, buyers.headers(uid))
        price -= cut
        assert (resp.status_code, resp.json["cut_fen"], resp.json["price_fen"]) == (
            201, cut, price)
    assert price == 100
    assert code(help_(client, bid, buyers.headers(helpers[5]))) == (409, "bargain_at_floor")
    assert client.get(f"/mp/v1/bargains/{bid}").json["price_fen"] == 100


def test_self_help_double_help_and_help_after_expiry(client, bshop, buyers):
    starter, friend, late = buyers.make(3)
    bid = start(client, bshop, buyers.headers(starter)).json["id"]
    assert code(help_(client, bid, buyers.headers(starter))) == (409, "self_help")
    assert help_(client, bid, buyers.headers(friend)).status_code == 201
    assert code(help_(client, bid, buyers.headers(friend))) == (409, "already_helped")
    clock.advance(timedelta(hours=24))
    assert code(help_(client, bid, buyers.headers(late))) == (409, "bargain_expired")
    assert code(help_(client, 999_999, buyers.headers(late))) == (404, "bargain_not_found")


def test_daily_help_cap_per_helper(client, shop, buyers):
    shop.bargain_activity_id = bargain_activity(client, shop, help_limit=10,
                                                daily_help_limit=2)
    *starters, helper = buyers.make(4)
    bids = [start(client, shop, buyers.headers(u)).json["id"] for u in starters]
    assert help_(client, bids[0], buyers.headers(helper)).status_code == 201
    assert help_(client, bids[1], buyers.headers(helper)).status_code == 201
    assert code(help_(client, bids[2], buyers.headers(helper))) == \
        (409, "daily_help_limit_reached")
    clock.advance(timedelta(hours=14))  # past midnight in China, the bargains still live
    assert help_(client, bids[2], buyers.headers(helper)).status_code == 201


def test_help_limit_per_activity(client, bshop, buyers):
    s1, s2, helper = buyers.make(3)
    b1 = start(client, bshop, buyers.headers(s1)).json["id"]
    b2 = start(client, bshop, buyers.headers(s2)).json["id"]
    assert help_(client, b1, buyers.headers(helper)).status_code == 201
    assert code(help_(client, b2, buyers.headers(helper))) == (409, "help_limit_reached")


def test_buy_at_the_floor_or_above_only_when_allowed(client, shop, buyers):
    shop.bargain_activity_id = bargain_activity(client, shop, helpers_needed=2,
                                                start_price_fen=500, floor_price_fen=0)
    starter, a, b = buyers.make(3)
    bid = start(client, shop, buyers.headers(starter)).json["id"]
    help_(client, bid, buyers.headers(a))
    resp = client.post(f"/mp/v1/bargains/{bid}/buy", headers=buyers.headers(starter))
    assert code(resp) == (409, "buy_not_allowed")
    help_(client, bid, buyers.headers(b))
    resp = client.post(f"/mp/v1/bargains/{bid}/buy", headers=buyers.headers(a))
    assert code(resp) == (404, "bargain_not_found")
    resp = client.post(f"/mp/v1/bargains/{bid}/buy", headers=buyers.headers(starter))
    assert resp.status_code == 201, resp.json
    # bargained down to free: nothing to pay, the order goes straight on
    assert (resp.json["order"]["total_fen"], resp.json["order"]["status"]) == (0, "to_ship")
    assert resp.json["bargain"]["status"] == "bought"
    resp = client.post(f"/mp/v1/bargains/{bid}/buy", headers=buyers.headers(starter))
    assert code(resp) == (409, "bargain_closed")


def test_buy_above_the_floor_then_a_lapsed_order_reopens_it(client, app, shop, buyers):
    shop.bargain_activity_id = bargain_activity(client, shop, buy_above_floor=True)
    starter, a, b = buyers.make(3)
    bid = start(client, shop, buyers.headers(starter)).json["id"]
    cut = help_(client, bid, buyers.headers(a)).json["cut_fen"]
    resp = client.post(f"/mp/v1/bargains/{bid}/buy", headers=buyers.headers(starter))
    assert (resp.status_code, resp.json["order"]["total_fen"]) == (201, 1000 - cut)
    assert code(help_(client, bid, buyers.headers(b))) == (409, "bargain_closed")
    from app.orders import jobs as order_jobs
    clock.advance(timedelta(minutes=16))
    assert order_jobs.expire_unpaid(resp.json["order"]["id"])
    assert help_(client, bid, buyers.headers(b)).status_code == 201


def test_200_concurrent_helps_on_one_bargain_with_50_cuts(app, client, redis, shop, buyers):
    shop.bargain_activity_id = bargain_activity(client, shop, helpers_needed=50,
                                                start_price_fen=10_000, floor_price_fen=1)
    starter, *helpers = buyers.make(201)
    bid = start(client, shop, buyers.headers(starter)).json["id"]

    def helping(c, uid):
        resp = c.post(f"/mp/v1/bargains/{bid}/helps", headers=buyers.headers(uid))
        return resp.status_code, resp.get_json()
    answers = _race(app, helping, helpers, workers=32)
    ok = [body for status, body in answers if status == 201]
    refused = [body["error"]["code"] for status, body in answers if status != 201]
    assert len(ok) == 50
    assert refused == ["bargain_at_floor"] * 150
    with transaction() as s:
        bargain = s.get(Bargain, bid)
        assert (bargain.price_fen, bargain.helps_count) == (1, 50)
        drawn = sorted(int(c) for c in bargain.cuts.split(","))
        helps = s.execute(select(BargainHelp.helper_id, BargainHelp.cut_fen)
                          .where(BargainHelp.bargain_id == bid)).all()
        assert len({h for h, _ in helps}) == 50
        assert sorted(c for _, c in helps) == drawn == sorted(b["cut_fen"] for b in ok)
        assert min(b["price_fen"] for b in ok) == 1
        assert s.scalar(select(func.count()).select_from(Order)) == 0
    _, cuts, helpers_key = keys.bargain(bid)
    assert (redis.llen(cuts), redis.scard(helpers_key)) == (0, 50)


def test_cuts_and_helpers_rebuilt_after_redis_loses_them(client, redis, bshop, buyers):
    starter, a, b = buyers.make(3)
    bid = start(client, bshop, buyers.headers(starter)).json["id"]
    first = help_(client, bid, buyers.headers(a)).json
    redis.flushdb()
    assert code(help_(client, bid, buyers.headers(a))) == (409, "already_helped")
    second = help_(client, bid, buyers.headers(b)).json
    with transaction() as s:
        cuts = [int(c) for c in s.get(Bargain, bid).cuts.split(",")]
    assert [first["cut_fen"], second["cut_fen"]] == cuts[:2]


def test_failed_help_write_gives_the_cut_back(client, redis, bshop, buyers, monkeypatch):
    starter, a = buyers.make(2)
    bid = start(client, bshop, buyers.headers(starter)).json["id"]
    from groupbuy import helps

    def fail(*_a, **_kw):  # the price update fails after the pop
        raise RuntimeError("database gone")
    monkeypatch.setattr(helps, "update", fail)
    assert help_(client, bid, buyers.headers(a)).status_code == 500
    monkeypatch.undo()
    _, cuts, helpers_key = keys.bargain(bid)
    assert (redis.llen(cuts), redis.scard(helpers_key)) == (5, 0)
    assert help_(client, bid, buyers.headers(a)).status_code == 201
