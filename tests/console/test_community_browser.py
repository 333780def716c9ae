"""The console's community pages in Debian's chromium through the real
server: a community's leaders with their pickup points (a point edited, a
leader invited), an announcement to the members, and a leader's pick list
for the day, shown and printed (the shell hidden). The database is checked
after each action; each test keeps screenshots."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from app.auth.models import User
from app.db import transaction
from community.models import Announcement, CommunityInvitation, CommunityMember, PickupPoint
from tests import screenshots
from tests.community.conftest import Hood
from tests.console.helpers import menu_items, sign_in, staff


@pytest.fixture
def hood(app, client, make):
    from app.payments.setup import provider
    from referral import payout

    old = payout.use(payout.SandboxPayout())
    yield Hood(app, client, make, provider())
    payout.use(old)


def _rename(uid: int, nickname: str) -> None:
    with transaction() as s:
        s.get(User, uid).nickname = nickname


def test_leaders_points_an_announcement_and_a_printed_pick_list(pages, console_url, make, hood,
                                                                request):
    community = hood.community("olga", name="桂花小区")
    point = hood.leader("lily", community, point="3号门")
    _rename(hood.ids["lily"], "李姐")
    hood.join("ann", community)
    _rename(hood.ids["ann"], "王阿梅")
    _, sku = hood.product(1_280, title="桂花糕")
    order_id = hood.pickup_order("ann", [(sku, 2)], point)
    hood.login("bob")
    staff(make, "owner")

    page = pages.page()
    sign_in(page, console_url, "owner")
    page.locator("[data-testid=menu] .el-menu-item[data-path='/communities']").click()
    rows = page.locator("[data-testid=communities-table] .el-table__body tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("桂花小区")
    rows.first.get_by_test_id("community-manage").click()
    drawer = page.get_by_test_id("community-drawer")
    leaders = drawer.locator("[data-testid=leaders-table] .el-table__body tr")
    expect(leaders).to_have_count(1)
    expect(leaders.first).to_contain_text(f"李姐 #{hood.ids['lily']}")
    expect(leaders.first).to_contain_text("3号门")

    leaders.first.get_by_test_id("leader-point").click()
    page.get_by_test_id("point-hours").fill("08:00-20:00")
    page.get_by_test_id("point-save").click()
    expect(leaders.first).to_contain_text("1 Maple Road · 08:00-20:00")
    with transaction() as s:
        assert s.get(PickupPoint, point["id"]).opening_hours == "08:00-20:00"

    user = page.locator("[data-testid=leader-user] input")
    user.fill(str(hood.ids["bob"]))
    user.press("Tab")
    drawer.get_by_test_id("leader-invite").click()
    expect(page.locator(".el-message--success", has_text="已发出邀请")).to_be_visible()
    with transaction() as s:
        invited = s.scalar(select(CommunityInvitation).filter_by(user_id=hood.ids["bob"]))
        assert (invited.community_id, invited.role, invited.status) == (
            community["id"], "leader", "pending")
    screenshots.keep(page, request.node.name, "leaders")

    leaders.first.get_by_test_id("leader-pick-list").click()
    expect(page.get_by_test_id("page-title")).to_have_text("团长拣货单")
    sheet = page.get_by_test_id("pick-sheet")
    expect(sheet.locator(".sheet-title")).to_have_text("3号门 拣货单")
    expect(sheet.locator("[data-testid=pick-skus] .el-table__body tr")).to_have_count(1)
    assert sheet.locator("[data-testid=pick-skus] .el-table__body tr td").all_inner_texts() == [
        "桂花糕", "", "2"]
    orders = sheet.locator("[data-testid=pick-orders] .el-table__body tr")
    expect(orders).to_have_count(1)
    expect(orders.first).to_contain_text(str(order_id))
    expect(orders.first).to_contain_text("王阿梅")
    expect(orders.first).to_contain_text("桂花糕 × 2")
    expect(orders.first).to_contain_text("待取货")
    screenshots.keep(page, request.node.name, "pick-list")
    page.emulate_media(media="print")
    expect(page.locator(".sidebar")).to_be_hidden()
    expect(page.locator(".no-print")).to_be_hidden()
    screenshots.keep(page, request.node.name, "printed")
    page.emulate_media(media="screen")
    page.get_by_test_id("pick-export").click()
    export = page.locator("[data-testid=exports-table] .el-table__body tr").first
    expect(export).to_contain_text("备货单")
    expect(export).to_contain_text(f"社群: {community['id']}")

    page.locator("[data-testid=menu] .el-menu-item[data-path='/communities']").click()
    rows.first.get_by_test_id("community-announce").click()
    page.get_by_test_id("announce-title").fill("周六到货通知")
    page.get_by_test_id("announce-body").fill("桂花糕周六上午到 3 号门，请按时取货。")
    page.get_by_test_id("announce-send").click()
    with transaction() as s:
        members = s.scalar(select(func.count()).select_from(CommunityMember)
                           .filter_by(community_id=community["id"]))
    expect(page.locator(".el-message--success", has_text="公告已发布")).to_have_text(
        f"公告已发布，{members} 位成员收到")
    with transaction() as s:
        note = s.scalar(select(Announcement).filter_by(community_id=community["id"]))
        assert (note.title, note.body) == ("周六到货通知", "桂花糕周六上午到 3 号门，请按时取货。")


def test_a_leader_sees_only_their_community_and_hands_goods_over(pages, console_url, make,
                                                                 hood, request):
    mine = hood.community("olga", name="桂花小区")
    point = hood.leader("lily", mine, point="3号门")
    other = hood.community("pat", name="梧桐苑")
    hood.leader("mia", other, point="东门")
    hood.join("ann", mine)
    _rename(hood.ids["ann"], "王阿梅")
    _, sku = hood.product(1_280, title="桂花糕")
    order_id = hood.pickup_order("ann", [(sku, 2)], point)
    code = hood.code_of("ann", order_id)
    wrong = "000000" if code != "000000" else "111111"
    staff(make, "lily", "community_leader", mine["id"])

    page = pages.page()
    sign_in(page, console_url, "lily")
    expect(page.get_by_test_id("page-title")).to_have_text("团长工作台")
    assert menu_items(page) == ["团长工作台"]
    expect(page.get_by_test_id("bench-communities").locator(".el-tabs__item")).to_have_text(
        ["桂花小区"])
    expect(page.get_by_test_id("bench-point")).to_contain_text(
        "自提点：3号门（1 Maple Road，09:00-21:00）")
    api = console_url[:-len("/console/")]
    resp = page.request.get(f"{api}/api/v1/leader/communities/{other['id']}/pick-list")
    assert (resp.status, resp.json()["error"]["code"]) == (403, "community_forbidden")

    orders = page.locator("[data-testid=bench-orders] .el-table__body tr")
    expect(orders).to_have_count(1)
    expect(orders.first).to_contain_text("王阿梅")
    expect(orders.first).to_contain_text("待取货")
    screenshots.keep(page, request.node.name, "waiting")
    for attempt, message in ((wrong, "取货码错误"), (code, f"订单 {order_id} 已核销，买家已取货")):
        orders.first.get_by_test_id("bench-hand-over").click()
        box = page.locator(".el-message-box")
        box.locator("input").fill(attempt)
        box.get_by_role("button", name="核销").click()
        expect(page.locator(".el-message", has_text=message)).to_be_visible()
        if attempt == wrong:
            assert hood.pickup_row(order_id).status == "waiting"
    expect(orders.first).to_contain_text("已取货")
    assert (hood.pickup_row(order_id).status, hood.order_row(order_id).status) == (
        "picked_up", "received")
    screenshots.keep(page, request.node.name, "handed-over")
