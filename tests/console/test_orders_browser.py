"""The console's orders page, the merchant switcher and signing out, in
Debian's chromium through the real server. Each test keeps screenshots."""

from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import expect

from app.catalog.models import Sku
from app.db import transaction
from tests import screenshots
from tests.conftest import T0
from tests.console.helpers import sign_in, staff
from tests.dashboard import seed


def _product(make, merchant, title):
    sku = make.product(merchant, title=title)[0]
    with transaction() as s:
        return sku, s.get(Sku, sku).product_id


def test_orders_by_status_and_one_orders_detail(pages, console_url, make, request):
    merchant = make.merchant("owner", name="西湖茶庄")
    staff(make, "owner")
    sku, product = _product(make, merchant, "明前龙井")
    buyer, other = make.user("阿梅"), make.user("小周")
    paid_at = T0 - timedelta(hours=2)
    paid = seed.order(merchant, buyer, sku, product, created=paid_at - timedelta(minutes=5),
                      paid=paid_at, total_fen=25_600, quantity=2, title="明前龙井",
                      status="to_ship", ship_to_name="王阿梅", ship_to_phone="13812341234",
                      ship_to_province="浙江省", ship_to_city="杭州市",
                      ship_to_district="西湖区", ship_to_region_code="330106",
                      ship_to_detail="龙井路 1 号")
    seed.order(merchant, other, sku, product, created=T0 - timedelta(hours=1), paid=None,
               total_fen=12_800, title="明前龙井")

    page = pages.page()
    sign_in(page, console_url, "owner")
    page.locator("[data-testid=menu] .el-menu-item[data-path='/orders']").click()
    rows = page.locator("[data-testid=orders-table] .el-table__body tr")
    expect(rows).to_have_count(2)
    page.get_by_test_id("order-status").click()
    page.locator(".el-select-dropdown__item", has_text="待发货").click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("阿梅")
    expect(rows.first).to_contain_text("256.00")
    expect(rows.first).to_contain_text("待发货")
    screenshots.keep(page, request.node.name, "list")

    rows.first.get_by_role("button", name="详情").click()
    drawer = page.locator(".el-drawer")
    expect(drawer.locator(".el-drawer__title")).to_have_text(f"订单号 {paid}")
    expect(drawer).to_contain_text("王阿梅 13812341234")
    expect(drawer).to_contain_text("浙江省杭州市西湖区龙井路 1 号")
    expect(drawer.locator(".el-timeline-item__content")).to_have_text(["下单", "支付"])
    screenshots.keep(page, request.node.name, "detail")


def test_the_merchant_switcher_shows_the_other_shops_figures(pages, console_url, make, request):
    tea = make.merchant("owner", name="西湖茶庄")
    cake = make.merchant("owner", name="桂花糕点铺")
    staff(make, "owner")
    buyer = make.user("阿梅")
    at = T0 - timedelta(hours=1)
    for merchant, total in ((tea, 1_000), (cake, 2_500)):
        sku, product = _product(make, merchant, "礼盒")
        seed.order(merchant, buyer, sku, product, created=at, paid=at, total_fen=total)

    page = pages.page()
    sign_in(page, console_url, "owner")
    gmv = page.locator(".stat-group[data-span=today] [data-stat=gmv] .stat-value")
    expect(page.get_by_test_id("merchant-switch")).to_contain_text("西湖茶庄")
    expect(gmv).to_have_text("10.00")
    page.get_by_test_id("merchant-switch").click()
    page.locator(".el-select-dropdown__item", has_text="桂花糕点铺").click()
    expect(gmv).to_have_text("25.00")
    page.reload()  # the choice is remembered
    expect(page.get_by_test_id("merchant-switch")).to_contain_text("桂花糕点铺")
    expect(gmv).to_have_text("25.00")
    screenshots.keep(page, request.node.name)


def test_signing_out_and_signing_out_everywhere(pages, console_url, make, request):
    make.merchant("owner", name="西湖茶庄")
    staff(make, "owner")
    first, second = pages.page(), pages.page()
    for page in (first, second):
        sign_in(page, console_url, "owner")
        expect(page.get_by_test_id("page-title")).to_have_text("数据概况")

    first.get_by_test_id("user-menu").click()
    first.locator(".el-dropdown-menu__item[data-command=signout]").click()
    expect(first.locator(".signin-head h1")).to_have_text("商家后台登录")
    first.reload()
    expect(first.locator(".signin-head h1")).to_have_text("商家后台登录")
    expect(second.get_by_test_id("page-title")).to_have_text("数据概况")

    sign_in(first, console_url, "owner")
    expect(first.get_by_test_id("page-title")).to_have_text("数据概况")
    first.get_by_test_id("user-menu").click()
    first.locator(".el-dropdown-menu__item[data-command=everywhere]").click()
    expect(first.locator(".signin-head h1")).to_have_text("商家后台登录")
    second.reload()
    expect(second.locator(".signin-head h1")).to_have_text("商家后台登录")
    screenshots.keep(second, request.node.name)
