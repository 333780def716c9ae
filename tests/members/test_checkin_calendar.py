"""The check-in calendar: the days of a China month a member checked in,
today by the server's clock, and what today's check-in gives."""

from datetime import timedelta

import pytest

from app import clock
from tests.conftest import T0, day
from tests.members.shop import MemberShop
from tests.payments.conftest import sandbox  # noqa: F401 - fixture


@pytest.fixture
def shop(app, client, make, sandbox):  # noqa: F811
    return MemberShop(app, client, make, sandbox)


def month_of(offset: int = 0) -> str:
    return day(offset)[:7]


def test_the_month_lists_the_days_checked_in_with_their_streak_and_points(shop):
    shop.settings(checkin_points=5, streak_bonuses=[{"day": 2, "points": 20}])
    start = T0 - timedelta(days=T0.day - 1)  # the 1st of the month, 10:00 in China
    clock.freeze(start)
    before = shop.me("GET", "/checkins", "ann").json
    assert before == {"month": month_of(1 - T0.day), "today": start.date().isoformat(),
                      "checked_in_today": False, "streak": 0, "reward_points": 5, "days": []}
    shop.check_in("ann")
    same_day = shop.me("GET", "/checkins", "ann")
    assert same_day.json["reward_points"] == 5  # still today: what it gave
    shop.next_day()
    assert shop.me("GET", "/checkins", "ann").json["reward_points"] == 25  # streak day 2
    shop.check_in("ann")
    shop.next_day(2)  # a missed day
    shop.check_in("ann")
    got = shop.me("GET", "/checkins", "ann").json
    first = start.date()
    assert got["days"] == [
        {"day": (first + timedelta(days=n)).isoformat(), "streak": s, "points": p}
        for n, s, p in ((0, 1, 5), (1, 2, 25), (3, 1, 5))]
    assert (got["today"], got["checked_in_today"], got["streak"], got["reward_points"]) == \
        ((first + timedelta(days=3)).isoformat(), True, 1, 5)


def test_today_is_the_china_day_and_other_months_are_asked_by_name(shop):
    clock.freeze(T0.replace(hour=15, minute=59))  # 23:59 in China
    shop.check_in("ann")
    clock.freeze(T0.replace(hour=16, minute=0))   # 00:00 the next China day
    got = shop.me("GET", "/checkins", "ann").json
    assert (got["today"], got["checked_in_today"], got["streak"]) == (day(1), False, 1)
    asked = shop.me("GET", f"/checkins?month={month_of()}", "ann").json
    assert [d["day"] for d in asked["days"]] == [day()]
    elsewhere = (T0.replace(day=1) - timedelta(days=1)).strftime("%Y-%m")  # the month before
    assert shop.me("GET", f"/checkins?month={elsewhere}", "ann").json["days"] == []
    assert shop.me("GET", f"/checkins?month={month_of()}", "bob").json["days"] == []


@pytest.mark.parametrize("month", ["2026-13", "2026-1", "26-01", "2026-00", "x"])
def test_a_month_not_written_yyyy_mm_is_refused(shop, month):
    resp = shop.me("GET", f"/checkins?month={month}", "ann")
    assert (resp.status_code, resp.json["error"]["code"]) == (422, "validation_error")


def test_an_unknown_merchant_is_not_found(shop):
    resp = shop.client.get("/mp/v1/members/merchants/999999/checkins",
                           headers=shop.login("ann"))
    assert (resp.status_code, resp.json["error"]["code"]) == (404, "merchant_not_found")
