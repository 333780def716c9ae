"""The after-sales page in Debian's chromium through the real server: a
request's detail, an amount above its cap refused, approval with an agreed
amount (one refund of exactly that), and rejection with a reason. Each test
keeps screenshots."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from app.aftersales.models import AfterSale
from app.db import transaction
from tests import screenshots
from tests.aftersales.conftest import aftersales, refunds_of  # noqa: F401 - fixture
from tests.console.helpers import sign_in, staff
from tests.console.media import served_media  # noqa: F401 - fixture
from tests.reviews.conftest import upload
from tests.shipping.conftest import buy, sandbox, shop  # noqa: F401 - fixtures


def _sale(sale_id: int) -> tuple:
    with transaction() as s:
        sale = s.get(AfterSale, sale_id)
        return sale.status, sale.agreed_fen, sale.reject_reason


def _open(page, console_url, sale_id):
    sign_in(page, console_url, "owner")
    page.locator("[data-testid=menu] .el-menu-item[data-path='/after-sales']").click()
    rows = page.locator("[data-testid=after-sales-table] .el-table__body tr")
    page.locator(f"tr.after-sale-{sale_id}").get_by_role("button", name="处理").click()
    return rows, page.get_by_test_id("after-sale-drawer")


@pytest.mark.usefixtures("served_media")
def test_approving_an_after_sale_refunds_the_agreed_amount(
        pages, console_url, make, aftersales, buy, request):  # noqa: F811 - fixtures
    staff(make, "owner")
    bought = buy(2, 1)  # 2 x 10.00 + 1 x 20.00
    photo = upload(make, "alice", purpose="after_sale")
    sale = aftersales.opened(bought, "refund_only", [(0, 1)], description="买多了一盒",
                             photos=[photo])["id"]
    page = pages.page()
    rows, drawer = _open(page, console_url, sale)
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("仅退款")
    expect(rows.first).to_contain_text("10.00")
    expect(rows.first).to_contain_text("待审核")
    expect(drawer.get_by_test_id("after-sale-state")).to_have_text("待审核")
    expect(drawer.locator("[data-testid=after-sale-actions] button")).to_have_text(
        ["同意", "拒绝", "提议金额"])
    expect(drawer).to_contain_text("质量问题 / Quality problem")
    expect(drawer).to_contain_text("买多了一盒")
    expect(drawer.locator(".photo img")).to_have_attribute("src", re.compile(
        f"/media/{photo}/thumb$"))
    expect(drawer.get_by_test_id("after-sale-lines").locator(".el-table__body td")) \
        .to_have_text(["Tea", "1", "10.00"])
    expect(drawer.get_by_test_id("after-sale-timeline")).to_contain_text("买家 · 提交申请")
    screenshots.keep(page, request.node.name, "detail")

    drawer.locator("button[data-action=approve]").click()
    dialog = page.get_by_test_id("after-sale-dialog")
    dialog.get_by_test_id("move-amount").fill("12")
    dialog.get_by_test_id("move-submit").click()
    expect(page.locator(".el-message--error")).to_have_text("金额超过可退金额")
    assert _sale(sale) == ("requested", None, "")
    dialog.get_by_test_id("move-amount").fill("8.5")
    dialog.get_by_test_id("move-submit").click()
    expect(drawer.get_by_test_id("after-sale-state")).to_have_text("退款中")
    expect(drawer.locator("[data-testid=after-sale-actions] button")).to_have_count(0)
    expect(drawer.get_by_test_id("after-sale-timeline")).to_contain_text("商家 · 同意申请 · 8.50")
    expect(rows.first).to_contain_text("8.50")
    screenshots.keep(page, request.node.name, "approved")
    assert _sale(sale) == ("refunding", 850, "")
    assert refunds_of(bought.order_id) == [(f"after-sale-{sale}", 850, "processing")]
    aftersales.settle()
    assert _sale(sale)[0] == "refunded"
    assert refunds_of(bought.order_id) == [(f"after-sale-{sale}", 850, "succeeded")]


def test_rejecting_an_after_sale_needs_a_reason(
        pages, console_url, make, aftersales, buy, request):  # noqa: F811 - fixtures
    staff(make, "owner")
    bought = buy(1, 0)
    sale = aftersales.opened(bought, "refund_only", [(0, 1)])["id"]
    page = pages.page()
    _, drawer = _open(page, console_url, sale)
    drawer.locator("button[data-action=reject]").click()
    dialog = page.get_by_test_id("after-sale-dialog")
    dialog.get_by_test_id("move-submit").click()
    expect(dialog.get_by_test_id("move-error")).to_have_text("请填写拒绝原因")
    dialog.get_by_test_id("move-reason").fill("商品已发出，请拒收后再申请")
    dialog.get_by_test_id("move-submit").click()
    expect(drawer.get_by_test_id("after-sale-state")).to_have_text("已拒绝")
    expect(drawer).to_contain_text("商品已发出，请拒收后再申请")
    screenshots.keep(page, request.node.name)
    assert _sale(sale) == ("rejected", None, "商品已发出，请拒收后再申请")
    assert refunds_of(bought.order_id) == []


def test_a_return_is_confirmed_and_an_exchange_ships_again(
        pages, console_url, make, aftersales, buy, shop, request):  # noqa: F811 - fixtures
    staff(make, "owner")
    bought = buy(2, 1)
    assert shop.ship(bought.order_id, "SF1000000000001").status_code == 200
    back = aftersales.opened(bought, "return_refund", [(0, 1)])["id"]
    swap = aftersales.opened(bought, "exchange", [(1, 1)], reason="wrong_item")["id"]
    for sale, number in ((back, "SF2000000000001"), (swap, "SF2000000000002")):
        assert aftersales.staff(sale, "approve").status_code == 200
        assert aftersales.buyer(bought, sale, "ship", carrier="SF",
                                tracking_no=number).status_code == 200

    page = pages.page()
    _, drawer = _open(page, console_url, back)
    expect(drawer).to_contain_text("顺丰速运 SF2000000000001")
    expect(drawer.locator("[data-testid=after-sale-actions] button")).to_have_text(["确认收货"])
    drawer.locator("button[data-action=confirm_receipt]").click()
    dialog = page.get_by_test_id("after-sale-dialog")
    dialog.get_by_test_id("move-restock").click()  # damaged: not back in stock
    dialog.get_by_test_id("move-submit").click()
    expect(drawer.get_by_test_id("after-sale-state")).to_have_text("退款中")
    screenshots.keep(page, request.node.name, "return")
    with transaction() as s:
        assert (s.get(AfterSale, back).status, s.get(AfterSale, back).restock) == \
            ("refunding", False)
    assert refunds_of(bought.order_id) == [(f"after-sale-{back}", 1000, "processing")]

    drawer.locator(".el-drawer__close-btn").click()
    page.locator(f"tr.after-sale-{swap}").get_by_role("button", name="处理").click()
    drawer.locator("button[data-action=confirm_receipt]").click()
    dialog.get_by_test_id("move-submit").click()
    expect(drawer.locator("[data-testid=after-sale-actions] button")).to_have_text(["换货发货"])
    drawer.locator("button[data-action=ship_exchange]").click()
    dialog.get_by_test_id("move-carrier").click()
    page.locator(".el-select-dropdown__item:visible", has_text="顺丰速运").click()
    dialog.get_by_test_id("move-tracking").fill("SF3000000000001")
    dialog.get_by_test_id("move-submit").click()
    expect(drawer.get_by_test_id("after-sale-state")).to_have_text("已换货")
    expect(drawer.get_by_test_id("after-sale-timeline")).to_contain_text(
        "商家 · 换货已发出 · SF SF3000000000001")
    screenshots.keep(page, request.node.name, "exchange")
    assert _sale(swap)[0] == "exchanged"
