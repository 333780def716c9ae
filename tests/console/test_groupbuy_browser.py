"""The console's group-buy and bargain pages in Debian's chromium through
the real server: activities made in the browser, then buyers open groups
and start bargains through the mini-program API, and the pages list them
with names, seats, prices and deadlines. Screenshots kept."""

from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import expect
from sqlalchemy import select

from app.db import transaction
from groupbuy.models import BargainActivity, GroupActivity
from tests import screenshots
from tests.conftest import T0
from tests.console.helpers import sign_in, staff
from tests.console.marketing_steps import china, open_page, pick, product, type_moment
from tests.groupbuy.conftest import auth, pay_direct


def test_a_group_buy_made_in_the_browser_lists_its_open_groups(pages, console_url, make,
                                                               client, app, request):
    merchant = make.merchant("owner", name="西湖茶庄")
    staff(make, "owner")
    small, large = product(merchant, "明前龙井", [("250g", 12_800, 100), ("500g", 24_000, 30)])

    page = pages.page()
    sign_in(page, console_url, "owner")
    open_page(page, "/group-buys", "拼团活动")
    page.get_by_test_id("gb-create-open").click()
    page.get_by_test_id("gb-title").fill("龙井三人团")
    pick(page, "gb-sku-0", "250", "明前龙井 · 250g")
    page.get_by_test_id("gb-price-0").locator("input").fill("88")
    page.get_by_test_id("gb-add-sku").click()
    pick(page, "gb-sku-1", "500", "明前龙井 · 500g")
    page.get_by_test_id("gb-price-1").locator("input").fill("168.50")
    page.get_by_test_id("gb-size").locator("input").fill("3")
    type_moment(page, "gb-starts", china(T0 - timedelta(hours=1)))
    type_moment(page, "gb-ends", china(T0 + timedelta(days=3)))
    screenshots.keep(page, request.node.name, "form")
    page.get_by_test_id("gb-create").click()

    rows = page.locator("[data-testid=gb-table] .el-table__body tr")
    expect(rows).to_have_count(1)
    expect(rows.first.locator("[data-col=sku]")).to_have_text(
        ["明前龙井 · 250g ¥88.00", "明前龙井 · 500g ¥168.50"])
    expect(rows.first).to_contain_text("3 人团")
    expect(rows.first).to_contain_text("24 小时")
    with transaction() as s:
        activity = s.scalars(select(GroupActivity)).one()
        assert (activity.title, activity.group_size, activity.validity_s,
                activity.starts_at, activity.ends_at, activity.status) == (
            "龙井三人团", 3, 86_400, T0 - timedelta(hours=1), T0 + timedelta(days=3), "active")
        assert [(i.sku_id, i.group_price_fen) for i in activity.skus] == \
            [(small, 8_800), (large, 16_850)]

    # buyers open and join groups through the mini-program API
    lead, joins, alone = (auth(app, make.user(name)) for name in ("阿梅", "小周", "老王"))
    opened = client.post(f"/mp/v1/group-activities/{activity.id}/groups", headers=lead,
                         json={"sku_id": small}).json
    assert pay_direct(opened["order"]["id"])
    joined = client.post(f"/mp/v1/groups/{opened['group']['id']}/join", headers=joins).json
    assert pay_direct(joined["order"]["id"])
    second = client.post(f"/mp/v1/group-activities/{activity.id}/groups", headers=alone,
                         json={"sku_id": large}).json
    assert pay_direct(second["order"]["id"])

    rows.first.locator("[data-action=groups]").click()
    groups = page.locator("[data-testid=gb-groups-table] .el-table__body tr")
    stats = page.get_by_test_id("gb-stats")
    expect(stats.locator("[data-stat=open] .stat-value")).to_have_text("2")
    expect(stats.locator("[data-stat=completed] .stat-value")).to_have_text("0")
    expect(stats.locator("[data-stat=success_rate] .stat-value")).to_have_text("0.00%")
    expect(groups).to_have_count(2)
    deadline = china(T0 + timedelta(hours=24))
    expect(groups.nth(0)).to_contain_text("明前龙井 · 500g")
    expect(groups.nth(0)).to_contain_text("老王")
    expect(groups.nth(0).locator("[data-col=members]")).to_have_text("1 / 3")
    expect(groups.nth(1)).to_contain_text("明前龙井 · 250g")
    expect(groups.nth(1)).to_contain_text("阿梅")
    expect(groups.nth(1)).not_to_contain_text("小周")  # the leader's name only
    expect(groups.nth(1).locator("[data-col=members]")).to_have_text("2 / 3")
    expect(groups.nth(1).locator("[data-col=deadline]")).to_have_text(deadline)
    expect(groups.nth(1).locator("[data-col=status]")).to_have_text("拼团中")
    screenshots.keep(page, request.node.name, "groups")

    page.get_by_test_id("gb-groups").locator(".el-drawer__close-btn").click()
    rows.first.locator("[data-action=toggle]").click()  # turn it off: no new groups
    expect(rows.first.locator("[data-col=status]")).to_have_text("停用")
    resp = client.post(f"/mp/v1/group-activities/{activity.id}/groups", headers=joins,
                       json={"sku_id": small})
    assert (resp.status_code, resp.json["error"]["code"]) == (409, "activity_not_active")


def test_a_bargain_made_in_the_browser_lists_the_bargains_in_progress(pages, console_url, make,
                                                                      client, app, request):
    merchant = make.merchant("owner", name="西湖茶庄")
    staff(make, "owner")
    sku = product(merchant, "桂花糕", [("礼盒", 6_800, 40)])[0]

    page = pages.page()
    sign_in(page, console_url, "owner")
    open_page(page, "/bargains", "砍价活动")
    page.get_by_test_id("bg-create-open").click()
    page.get_by_test_id("bg-title").fill("桂花糕砍价免费拿")
    pick(page, "bg-sku", "桂花", "桂花糕 · 礼盒")
    page.get_by_test_id("bg-start").locator("input").fill("68")
    page.get_by_test_id("bg-helpers").locator("input").fill("3")
    type_moment(page, "bg-starts", china(T0 - timedelta(hours=1)))
    type_moment(page, "bg-ends", china(T0 + timedelta(days=2)))
    screenshots.keep(page, request.node.name, "form")
    page.get_by_test_id("bg-create").click()

    rows = page.locator("[data-testid=bg-table] .el-table__body tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("桂花糕 · 礼盒")
    expect(rows.first.locator("[data-col=prices]")).to_have_text("68.00 → 0.00")
    with transaction() as s:
        activity = s.scalars(select(BargainActivity)).one()
        assert (activity.title, activity.sku_id, activity.start_price_fen,
                activity.floor_price_fen, activity.helpers_needed, activity.validity_s,
                activity.starts_at, activity.ends_at, activity.buy_above_floor) == (
            "桂花糕砍价免费拿", sku, 6_800, 0, 3, 86_400, T0 - timedelta(hours=1),
            T0 + timedelta(days=2), False)

    # a buyer starts a bargain and a friend helps, through the mini-program API
    starter, friend = (auth(app, make.user(name)) for name in ("阿梅", "小周"))
    started = client.post(f"/mp/v1/bargain-activities/{activity.id}/bargains", headers=starter)
    assert started.status_code == 201, started.json
    helped = client.post(f"/mp/v1/bargains/{started.json['id']}/helps", headers=friend)
    assert helped.status_code == 201, helped.json
    price = helped.json["price_fen"]
    assert 0 < price < 6_800

    rows.first.locator("[data-action=bargains]").click()
    bargains = page.locator("[data-testid=bg-bargains-table] .el-table__body tr")
    expect(bargains).to_have_count(1)
    expect(bargains.first).to_contain_text("阿梅")
    expect(bargains.first.locator("[data-col=price]")).to_have_text(
        f"{price // 100}.{price % 100:02d}")
    expect(bargains.first.locator("[data-col=helps]")).to_have_text("1 / 3")
    expect(bargains.first.locator("[data-col=deadline]")).to_have_text(
        china(T0 + timedelta(hours=24)))
    expect(bargains.first.locator("[data-col=status]")).to_have_text("进行中")
    screenshots.keep(page, request.node.name, "bargains")
    page.get_by_test_id("bg-filter").get_by_text("已购买").click()
    expect(bargains).to_have_count(0)

    page.get_by_test_id("bg-bargains").locator(".el-drawer__close-btn").click()
    rows.first.locator("[data-action=toggle]").click()
    expect(rows.first.locator("[data-col=status]")).to_have_text("停用")
    with transaction() as s:
        assert s.get(BargainActivity, activity.id).status == "disabled"
