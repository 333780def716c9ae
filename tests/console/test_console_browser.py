"""The console's main actions in Debian's chromium through the real server:
signing in (and a wrong password), the menu each role sees, the dashboard's
figures and charts, the language switch. Each test keeps a screenshot."""

from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import expect

from app.catalog.models import Sku
from app.db import transaction
from tests import screenshots
from tests.conftest import T0
from tests.console.helpers import menu_groups, menu_items, sign_in, staff
from tests.dashboard import seed

ALL_GROUPS = ["概况", "商品", "订单", "售后", "营销", "直播", "分销", "社群", "会员", "设置",
              "平台"]


def test_a_wrong_password_is_refused_then_the_right_one_enters(pages, console_url, make,
                                                               request):
    make.merchant("owner", name="西湖茶庄")
    staff(make, "owner")
    page = pages.page()
    sign_in(page, console_url, "owner", "not-the-password")
    expect(page.get_by_test_id("signin-error")).to_have_text("账号或密码错误")
    screenshots.keep(page, request.node.name, "refused")

    page.locator("input[name=password]").fill("demo-pass-2026")
    page.get_by_test_id("signin-submit").click()
    expect(page.get_by_test_id("page-title")).to_have_text("数据概况")
    assert page.url.endswith("#/dashboard")
    expect(page.get_by_test_id("merchant-switch")).to_contain_text("西湖茶庄")
    screenshots.keep(page, request.node.name, "entered")


def test_the_menu_shows_what_each_role_opens(pages, console_url, make, request):
    make.merchant("owner", name="西湖茶庄")
    staff(make, "owner")
    staff(make, "host", "live_host", scope_id=1)
    staff(make, "admin", "platform_admin")

    seen = {}
    for name in ("owner", "host", "admin"):
        page = pages.page()
        sign_in(page, console_url, name)
        expect(page.locator("[data-testid=user-menu]")).to_contain_text(name)
        seen[name] = menu_groups(page), menu_items(page)
        screenshots.keep(page, request.node.name, name)

    assert seen["owner"][0] == ALL_GROUPS[:-1]
    assert seen["host"] == (["直播"], ["直播间"])
    assert seen["admin"][0] == ALL_GROUPS
    assert "商户管理" in seen["admin"][1] and "商户管理" not in seen["owner"][1]


def test_the_dashboard_shows_exact_figures_and_draws_its_charts(pages, console_url, make,
                                                                request):
    merchant = make.merchant("owner", name="西湖茶庄")
    staff(make, "owner")
    skus = make.product(merchant, title="明前龙井") + make.product(merchant, title="普洱茶饼")
    with transaction() as s:
        products = [s.get(Sku, sku).product_id for sku in skus]
    a, b = make.user("a"), make.user("b")
    today, three_days_ago = T0 - timedelta(hours=1), T0 - timedelta(days=3)
    seed.order(merchant, a, skus[0], products[0], created=today, paid=today, total_fen=12_800,
               room_id=1, title="明前龙井", quantity=2)
    seed.order(merchant, b, skus[1], products[1], created=today, paid=None, total_fen=5_600)
    seed.order(merchant, b, skus[1], products[1], created=three_days_ago, paid=three_days_ago,
               total_fen=5_600, refunded_fen=600, share_id=1, title="普洱茶饼")

    page = pages.page()
    sign_in(page, console_url, "owner")
    today_card = page.locator(".stat-group[data-span=today]")
    period_card = page.locator(".stat-group[data-span=period]")
    expect(today_card.locator("[data-stat=gmv] .stat-value")).to_have_text("128.00")
    expect(today_card.locator("[data-stat=orders] .stat-value")).to_have_text("1")
    expect(today_card.locator("[data-stat=paying_buyers] .stat-value")).to_have_text("1")
    expect(today_card.locator("[data-stat=conversion] .stat-value")).to_have_text("50.00%")
    expect(period_card.locator(".el-card__header")).to_have_text("近 30 天")
    expect(period_card.locator("[data-stat=gmv] .stat-value")).to_have_text("178.00")
    expect(period_card.locator("[data-stat=orders] .stat-value")).to_have_text("2")
    expect(period_card.locator("[data-stat=conversion] .stat-value")).to_have_text("100.00%")
    rows = page.locator("[data-testid=top-products] .el-table__body tr")
    expect(rows).to_have_count(2)
    # top products sum line amounts, before refunds
    assert [rows.nth(i).locator("td").all_inner_texts() for i in range(2)] == [
        ["1", "明前龙井", "2", "128.00"], ["2", "普洱茶饼", "1", "56.00"]]
    expect(page.locator("[data-testid=trend-chart] canvas")).to_have_count(1)
    expect(page.locator("[data-testid=source-chart] canvas")).to_have_count(1)

    page.get_by_test_id("days").get_by_text("7 天").click()
    expect(period_card.locator(".el-card__header")).to_have_text("近 7 天")
    expect(period_card.locator("[data-stat=gmv] .stat-value")).to_have_text("178.00")
    screenshots.keep(page, request.node.name)


def test_english_then_back_to_chinese_remembered(pages, console_url, make, request):
    make.merchant("owner", name="West Lake Tea")
    staff(make, "owner")
    page = pages.page()
    sign_in(page, console_url, "owner")
    expect(page.get_by_test_id("page-title")).to_have_text("数据概况")

    page.get_by_test_id("language").click()
    page.locator(".el-dropdown-menu__item[data-lang=en]").click()
    expect(page.get_by_test_id("page-title")).to_have_text("Dashboard")
    assert menu_groups(page)[:3] == ["Overview", "Catalogue", "Orders"]
    expect(page.locator(".stat-group[data-span=today] .el-card__header")).to_have_text("Today")
    page.reload()
    expect(page.get_by_test_id("page-title")).to_have_text("Dashboard")
    assert page.evaluate("document.documentElement.lang") == "en"
    screenshots.keep(page, request.node.name, "english")

    page.get_by_test_id("language").click()
    page.locator(".el-dropdown-menu__item[data-lang=zh-CN]").click()
    expect(page.get_by_test_id("page-title")).to_have_text("数据概况")
    assert menu_groups(page)[:3] == ["概况", "商品", "订单"]
    screenshots.keep(page, request.node.name, "chinese")
