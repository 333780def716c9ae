"""A buyer checks in on the membership page: the calendar marks today (the
server's China day), her points rise by exactly what the shop's rules give
(the daily points plus the bonus of the streak day reached), her tier and
its perks show, and a second check-in the same day is refused in words."""

from __future__ import annotations

from playwright.sync_api import expect

from app import clock
from tests.h5.steps import demo_shop, sign_in
from tests.screenshots import keep

# 7 a day, and a bonus of 5 on the first day of a streak: 12 for today's check-in
SETTINGS = {"earn_per_yuan": 1, "redeem_per_yuan": 100, "max_cover_bps": 5000,
            "expiry_days": 365, "checkin_points": 7,
            "streak_bonuses": [{"day": 1, "points": 5}, {"day": 3, "points": 40}],
            "checkin_growth": 2}
TIERS = [{"name": "银卡会员", "min_growth": 2, "discount_bps": 500, "free_shipping": True},
         {"name": "金卡会员", "min_growth": 100, "discount_bps": 1000, "free_shipping": True}]


def test_a_buyer_checks_in_and_sees_the_points_the_rules_give(app, client, make, phone, h5_url,
                                                             base_url, monkeypatch, request):
    demo_shop(app, monkeypatch, base_url)
    staff = make.login("merchant")
    assert client.put("/api/v1/merchants/1/members/points-settings", headers=staff,
                      json=SETTINGS).status_code == 200
    assert client.put("/api/v1/merchants/1/members/tiers", headers=staff,
                      json={"tiers": TIERS}).status_code == 200
    today = clock.china_day(clock.now()).isoformat()

    page = phone.page()
    page.goto(h5_url + "#/me")
    sign_in(page, "gina")
    expect(page.get_by_test_id("me-social")).to_contain_text("会员中心分销中心我的社群")
    keep(page, request.node.name, "me")
    page.get_by_test_id("me-membership").click()
    expect(page.get_by_test_id("points-balance")).to_have_text("0")
    expect(page.get_by_test_id("calendar-month")).to_have_text(today[:7])
    cell = page.locator(f"[data-day='{today}']")
    expect(cell).to_have_class("calendar-day is-today")
    expect(page.get_by_test_id("checkin-button")).to_have_text("签到 +12 积分")
    expect(page.get_by_test_id("tier")).to_contain_text("普通会员")
    keep(page, request.node.name, "before")

    page.get_by_test_id("checkin-button").click()
    expect(page.get_by_test_id("points-balance")).to_have_text("12")
    expect(cell).to_have_class("calendar-day is-checked is-today")
    expect(cell).to_contain_text("+12")
    expect(page.locator(".calendar-day.is-checked")).to_have_count(1)
    expect(page.get_by_test_id("checkin-streak")).to_have_text("已连续签到 1 天")
    expect(page.get_by_test_id("checkin-button")).to_have_text("今日已签到")
    expect(page.get_by_test_id("tier")).to_contain_text("银卡会员")
    expect(page.get_by_test_id("tier")).to_contain_text("商品 5% 优惠")
    expect(page.get_by_test_id("tier")).to_contain_text("包邮")
    expect(page.get_by_test_id("next-tier")).to_contain_text("金卡会员")
    expect(page.get_by_test_id("points-history")).to_contain_text("每日签到")
    expect(page.get_by_test_id("points-history")).to_contain_text("+12")
    keep(page, request.node.name, "checked-in")

    page.get_by_test_id("checkin-button").click()
    expect(page.get_by_test_id("checkin-refusal")).to_have_text("今天已经签到过了，明天再来吧")
    expect(page.get_by_test_id("points-balance")).to_have_text("12")
    keep(page, request.node.name, "refused")

    expect(page.locator(".van-toast")).to_be_hidden()
    page.goto(h5_url + "#/me")
    page.get_by_test_id("language").get_by_text("English").click()
    page.get_by_test_id("me-membership").click()
    expect(page.get_by_test_id("checkin-button")).to_have_text("Checked in today")
    expect(page.get_by_test_id("checkin-streak")).to_have_text("Days in a row: 1")
    expect(page.get_by_test_id("tier")).to_contain_text("5% off goods")
    keep(page, request.node.name, "english")

    gina = make.login("gina")
    assert client.get("/mp/v1/members/merchants/1/points", headers=gina).json["balance"] == 12
    days = client.get("/mp/v1/members/merchants/1/checkins", headers=gina).json["days"]
    assert days == [{"day": today, "streak": 1, "points": 12}]
