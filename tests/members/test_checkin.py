"""Daily check-in: once per China day, streaks, bonuses, and a race."""

import threading

import pytest
from sqlalchemy import func, select

from app import clock
from app.db import transaction
from members.models import Checkin, PointsEntry
from tests.conftest import T0, day
from tests.members.shop import MemberShop
from tests.payments.conftest import sandbox  # noqa: F401 - fixture


@pytest.fixture
def shop(app, client, make, sandbox):  # noqa: F811
    return MemberShop(app, client, make, sandbox)


def test_check_in_twice_the_same_day_earns_once(shop):
    first = shop.check_in("ann")
    assert first.status_code == 201, first.json
    assert (first.json["streak"], first.json["points"]) == (1, 10)
    second = shop.check_in("ann")
    assert (second.status_code, second.json["error"]["code"]) == (409, "already_checked_in")
    assert shop.points("ann") == 10
    assert shop.history("ann") == [("checkin", 10)]


def test_the_day_is_the_china_day(shop):
    clock.freeze(T0.replace(hour=15, minute=59))  # 23:59 in China
    assert shop.check_in("ann").json["day"] == day()
    clock.freeze(T0.replace(hour=16, minute=0))   # 00:00 the next day
    resp = shop.check_in("ann")
    assert (resp.json["day"], resp.json["streak"]) == (day(1), 2)


def test_streak_grows_on_consecutive_days_and_resets_after_a_missed_day(shop):
    streaks = []
    for _ in range(3):
        streaks.append(shop.check_in("ann").json["streak"])
        shop.next_day()
    shop.next_day()  # a missed day
    streaks.append(shop.check_in("ann").json["streak"])
    assert streaks == [1, 2, 3, 1]
    status = shop.me("GET", "", "ann").json
    assert (status["checked_in_today"], status["streak"]) == (True, 1)
    shop.next_day(2)
    status = shop.me("GET", "", "ann").json
    assert (status["checked_in_today"], status["streak"]) == (False, 0)


def test_streak_bonus_on_the_day_the_streak_reaches_it(shop):
    shop.settings(checkin_points=5, streak_bonuses=[{"day": 3, "points": 20},
                                                    {"day": 7, "points": 100}])
    earned = []
    for _ in range(8):
        earned.append(shop.check_in("ann").json["points"])
        shop.next_day()
    assert earned == [5, 5, 25, 5, 5, 5, 105, 5]
    assert shop.points("ann") == 160


def test_two_simultaneous_check_ins_earn_once(app, shop):
    headers = shop.login("ann")
    results, start = [], threading.Barrier(8)

    def hit():
        client = app.test_client()
        start.wait()
        with app.app_context():
            resp = client.post(f"/mp/v1/members/merchants/{shop.merchant_id}/checkin",
                               headers=headers)
        results.append(resp.status_code)

    threads = [threading.Thread(target=hit) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [201] + [409] * 7
    with transaction() as s:
        assert s.scalar(select(func.count()).select_from(Checkin)) == 1
        assert s.scalar(select(func.sum(PointsEntry.points))) == 10


def test_check_in_at_an_unknown_merchant_is_not_found(shop, client):
    resp = client.post("/mp/v1/members/merchants/999999/checkin", headers=shop.login("ann"))
    assert (resp.status_code, resp.json["error"]["code"]) == (404, "merchant_not_found")
