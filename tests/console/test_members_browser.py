"""The console's member pages in Debian's chromium through the real server:
a manual tag made and put on a member, points adjusted with a reason (a
deduction above the balance refused), the member's points history; a
segment saved with its estimate and sent points; tiers and points rules
saved. The database is checked after each action; each test keeps
screenshots."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.auth.models import User
from app.db import transaction
from members.models import (
    MemberTag,
    MemberTagLink,
    PointsEntry,
    PointsSettings,
    Segment,
    SegmentSend,
    TierDef,
)
from tests import screenshots
from tests.console.helpers import sign_in, staff
from tests.members.shop import MemberShop


@pytest.fixture
def shop(app, client, make):
    from app.payments.setup import provider

    shop = MemberShop(app, client, make, provider())
    shop.settings(checkin_points=10, expiry_days=30)
    for name, nickname in (("ann", "阿梅"), ("bob", "小周")):
        assert shop.check_in(name).status_code == 201
        with transaction() as s:
            s.get(User, shop.ids[name]).nickname = nickname
    staff(make, "owner")
    return shop


def test_tag_a_member_and_adjust_points_with_a_reason(pages, console_url, shop, request):
    mid, ann, bob = shop.merchant_id, shop.ids["ann"], shop.ids["bob"]
    page = pages.page()
    sign_in(page, console_url, "owner")
    page.locator("[data-testid=menu] .el-menu-item[data-path='/members/tags']").click()
    page.get_by_test_id("tag-create-open").click()
    page.get_by_test_id("tag-name").fill("vip")
    page.get_by_test_id("tag-create").click()
    expect(page.locator(".el-message--success")).to_have_text("标签已创建")
    tags = page.locator("[data-testid=tags-table] .el-table__body tr")
    expect(tags).to_have_count(1)
    assert tags.first.locator("td").all_inner_texts()[:4] == ["vip", "手动", "", "0"]
    with transaction() as s:
        tag = s.scalar(select(MemberTag).filter_by(merchant_id=mid))
        assert (tag.name, tag.kind) == ("vip", "manual")
        tag_id = tag.id

    page.locator("[data-testid=menu] .el-menu-item[data-path='/members']").click()
    rows = page.locator("[data-testid=members-table] .el-table__body tr")
    expect(rows).to_have_count(2)
    ann_row, bob_row = rows.filter(has_text="阿梅"), rows.filter(has_text="小周")
    expect(ann_row.locator("td").nth(3)).to_have_text("10")
    ann_row.locator(".el-checkbox").click()
    page.get_by_test_id("tag-choose").click()
    page.locator(".el-select-dropdown__item", has_text="vip").click()
    page.get_by_test_id("tag-apply").click()
    expect(page.locator(".el-message--success", has_text="已为")).to_have_text(
        "已为 1 位会员打上「vip」")
    expect(ann_row.locator(".el-tag")).to_have_text(["vip"])
    expect(bob_row.locator(".el-tag")).to_have_count(0)
    with transaction() as s:
        assert s.scalars(select(MemberTagLink.user_id).filter_by(tag_id=tag_id)).all() == [ann]

    bob_row.get_by_test_id("points-adjust").click()
    dialog = page.locator(".el-dialog")
    expect(dialog).to_contain_text("当前可用 10 分")
    dialog.get_by_text("扣减").click()
    amount = page.locator("[data-testid=adjust-amount] input")
    amount.fill("20")
    amount.press("Enter")
    page.get_by_test_id("adjust-save").click()  # no reason yet: the form says so
    expect(dialog.locator(".el-form-item__error")).to_have_text("请填写 1-80 字的原因")
    page.get_by_test_id("adjust-reason").fill("重复签到扣回")
    page.get_by_test_id("adjust-save").click()  # above the balance: the server refuses
    expect(page.locator(".el-message--error")).to_have_text("扣减的积分超过会员当前可用积分")
    amount.fill("4")
    amount.press("Enter")
    screenshots.keep(page, request.node.name, "adjust")
    page.get_by_test_id("adjust-save").click()
    expect(page.locator(".el-message--success", has_text="积分已调整")).to_have_text(
        "积分已调整，当前 6 分")
    expect(bob_row.locator("td").nth(3)).to_have_text("6")
    with transaction() as s:
        entries = s.execute(select(PointsEntry.kind, PointsEntry.points, PointsEntry.note)
                            .filter_by(merchant_id=mid, user_id=bob)
                            .order_by(PointsEntry.id)).all()
        assert [tuple(e) for e in entries] == [("checkin", 10, None),
                                               ("adjust", -4, "重复签到扣回")]

    bob_row.get_by_test_id("points-history").click()
    drawer = page.get_by_test_id("points-drawer")
    expect(drawer.locator(".el-drawer__title")).to_have_text("小周 的积分明细")
    history = drawer.locator("[data-testid=points-table] .el-table__body tr")
    expect(history).to_have_count(2)
    assert [history.nth(i).locator("td").all_inner_texts()[1:4] for i in range(2)] == [
        ["后台调整", "-4", "重复签到扣回"], ["签到", "+10", ""]]
    screenshots.keep(page, request.node.name, "history")


def test_a_segment_is_saved_with_its_estimate_and_sent_points(pages, console_url, shop,
                                                             request):
    assert shop.members("POST", "/tags", json={"name": "vip"}).status_code == 201
    tag_id = shop.members("GET", "/tags").json[0]["id"]
    assert shop.members("POST", f"/tags/{tag_id}/members",
                        json={"user_ids": [shop.ids["ann"]]}).status_code == 200
    page = pages.page()
    sign_in(page, console_url, "owner")
    page.locator("[data-testid=menu] .el-menu-item[data-path='/members/segments']").click()
    page.get_by_test_id("segment-create-open").click()
    page.get_by_test_id("segment-name").fill("重点客户")
    page.get_by_test_id("segment-expr").fill("vip or (vip and not vip)")
    page.get_by_test_id("segment-preview").click()
    expect(page.get_by_test_id("segment-estimate")).to_have_text("约 1 人")
    page.get_by_test_id("segment-save").click()
    rows = page.locator("[data-testid=segments-table] .el-table__body tr")
    expect(rows).to_have_count(1)
    expect(rows.first.locator("td").nth(2)).to_have_text("1")
    with transaction() as s:
        segment = s.scalar(select(Segment).filter_by(merchant_id=shop.merchant_id))
        assert (segment.name, segment.expr) == ("重点客户", "vip or (vip and not vip)")

    rows.first.get_by_test_id("segment-send").click()
    points = page.locator("[data-testid=send-points] input")
    points.fill("5")
    points.press("Enter")
    page.get_by_test_id("send-submit").click()
    expect(page.locator(".el-message--success", has_text="已提交群发")).to_be_visible()
    sends = page.locator("[data-testid=sends-table] .el-table__body tr")
    expect(sends).to_have_count(1)
    expect(sends.first).to_contain_text("重点客户")
    expect(sends.first).to_contain_text("赠送积分")
    with transaction() as s:
        send = s.scalar(select(SegmentSend).filter_by(merchant_id=shop.merchant_id))
        assert (send.segment_id, send.action, json.loads(send.payload)) == (
            segment.id, "points", {"points": 5})
    screenshots.keep(page, request.node.name)


def test_member_tiers_and_points_rules_are_saved(pages, console_url, shop, request):
    page = pages.page()
    sign_in(page, console_url, "owner")
    page.locator("[data-testid=menu] .el-menu-item[data-path='/members/settings']").click()
    expect(page.get_by_test_id("points-form")).to_have_attribute("data-loaded", "true")
    earn = page.locator("[data-testid=earn-per-yuan] input")
    expect(earn).to_have_value("1")
    earn.fill("2")
    earn.press("Enter")
    page.get_by_test_id("points-save").click()
    expect(page.locator(".el-message--success")).to_have_text("积分规则已保存")

    page.get_by_test_id("member-tier-add").click()
    page.get_by_test_id("member-tier-add").click()
    names = page.get_by_test_id("member-tier-name")
    names.nth(0).fill("白银会员")
    names.nth(1).fill("黄金会员")
    tier_rows = page.locator("[data-testid=member-tiers-table] .el-table__body tr")
    discount = tier_rows.nth(1).locator(".el-input-number input").nth(1)
    discount.fill("5")
    discount.press("Enter")
    page.get_by_test_id("member-tiers-save").click()
    expect(page.locator(".el-message--success", has_text="会员等级")).to_have_text(
        "会员等级已保存")
    with transaction() as s:
        assert s.get(PointsSettings, shop.merchant_id).earn_per_yuan == 2
        tiers = s.execute(select(TierDef.rank, TierDef.name, TierDef.min_growth,
                                 TierDef.discount_bps).filter_by(merchant_id=shop.merchant_id)
                          .order_by(TierDef.rank)).all()
        assert [tuple(t) for t in tiers] == [(1, "白银会员", 0, 0), (2, "黄金会员", 1000, 500)]
    screenshots.keep(page, request.node.name)
