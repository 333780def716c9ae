"""The console's member pages in Debian's chromium through the real server:
a manual tag made and put on a member, points adjusted with a reason (a
deduction above the balance refused), the member's points history. The
database is checked after each action; each test keeps screenshots."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.auth.models import User
from app.db import transaction
from members.models import MemberTag, MemberTagLink, PointsEntry
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
