"""The console's flash sale and coupon pages in Debian's chromium through
the real server: a flash sale made and published in the browser whose live
view follows real grabs, an upcoming sale edited, and coupons made in the
browser listed with their exact terms. Screenshots kept."""

from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import expect
from sqlalchemy import select

from app.catalog.models import Sku
from app.coupons.models import Coupon
from app.db import transaction
from flashsale.models import FlashActivity
from tests import screenshots
from tests.conftest import T0, stock_of
from tests.console.helpers import sign_in, staff
from tests.console.marketing_steps import china, open_page, pick, product, type_moment
from tests.flashsale.conftest import users


def test_a_flash_sale_made_in_the_browser_shows_grabs_live(pages, console_url, make, client,
                                                           app, request):
    merchant = make.merchant("owner", name="西湖茶庄")
    staff(make, "owner")
    product(merchant, "普洱茶饼", [("357g", 19_800, 50)])
    sku = product(merchant, "明前龙井", [("250g", 12_800, 100), ("500g", 24_000, 30)])[0]

    page = pages.page()
    sign_in(page, console_url, "owner")
    open_page(page, "/flash-sales", "秒杀活动")
    page.get_by_test_id("flash-create-open").click()
    pick(page, "flash-sku", "龙井", "明前龙井 · 250g")
    expect(page.get_by_test_id("flash-form")).to_contain_text("原价 ¥128.00")
    page.get_by_test_id("flash-title").fill("龙井限时秒杀")
    page.get_by_test_id("flash-price").locator("input").fill("138")  # above the list price
    page.get_by_test_id("flash-quota").locator("input").fill("20")
    page.get_by_test_id("flash-per-user").locator("input").fill("3")
    page.get_by_test_id("flash-per-order").locator("input").fill("3")
    type_moment(page, "flash-starts", china(T0 - timedelta(minutes=10)))
    type_moment(page, "flash-ends", china(T0 + timedelta(hours=2)))
    page.get_by_test_id("flash-add-slot").click()  # open daily 09:00-12:00 China time
    for end, text in (("from", "09:00"), ("to", "12:00")):
        page.get_by_test_id("flash-slot-0").locator(f"[data-slot={end}] .el-select").click()
        page.locator(".el-select-dropdown__item:visible", has_text=text).click()
        expect(page.locator(".el-select-dropdown:visible")).to_have_count(0)
    page.get_by_test_id("flash-create").click()
    expect(page.locator(".el-message--error")).to_have_text("秒杀价须在 0.01 元与原价之间")
    with transaction() as s:
        assert s.scalars(select(FlashActivity)).all() == []
    page.get_by_test_id("flash-price").locator("input").fill("99.90")
    screenshots.keep(page, request.node.name, "form")
    page.get_by_test_id("flash-create").click()

    rows = page.locator("[data-testid=flash-table] .el-table__body tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("龙井限时秒杀")
    expect(rows.first).to_contain_text("明前龙井 · 250g")
    expect(rows.first).to_contain_text("99.90")
    expect(rows.first.locator("[data-col=phase]")).to_have_text("草稿")
    expect(rows.first.locator("[data-col=slots]")).to_have_text("每日 09:00-12:00")
    with transaction() as s:
        sale = s.scalars(select(FlashActivity)).one()
        assert (sale.sku_id, sale.price_fen, sale.quota, sale.per_user_limit,
                sale.per_order_limit, sale.status) == (sku, 9_990, 20, 3, 3, "draft")
        assert (sale.starts_at, sale.ends_at, sale.slots) == (
            T0 - timedelta(minutes=10), T0 + timedelta(hours=2), "09:00-12:00")

    rows.first.locator("[data-action=publish]").click()
    page.locator(".el-message-box").get_by_role("button", name="确定").click()
    expect(rows.first.locator("[data-col=phase]")).to_have_text("进行中")
    expect(rows.first.locator("[data-col=remaining]")).to_have_text("20")
    rows.first.locator("[data-action=live]").click()
    sold, left = page.get_by_test_id("live-sold"), page.get_by_test_id("live-remaining")
    expect(sold).to_have_text("0")
    expect(left).to_have_text("20")

    # buyers grab through the mini-program API: 3 + 2 + 1 + 1 units
    url = f"/mp/v1/flashsales/{sale.id}"
    for (uid, headers), quantity in zip(users(app, 4), (3, 2, 1, 1), strict=True):
        token = client.post(url + "/token", headers=headers).json["token"]
        resp = client.post(url + "/grab", headers=headers,
                           json={"token": token, "quantity": quantity})
        assert resp.status_code == 201, (uid, resp.json)
    expect(sold).to_have_text("7")
    expect(left).to_have_text("13")
    expect(page.get_by_test_id("flash-live").locator(".el-progress__text")).to_have_text("35%")
    screenshots.keep(page, request.node.name, "live")
    page.get_by_test_id("flash-live").locator(".el-drawer__close-btn").click()
    expect(rows.first.locator("[data-col=sold]")).to_have_text("7")
    expect(rows.first.locator("[data-col=remaining]")).to_have_text("13")
    expect(page.locator("[data-testid=flash-table] .el-loading-mask")).to_be_hidden()
    screenshots.keep(page, request.node.name, "list")
    with transaction() as s:
        assert s.get(FlashActivity, sale.id).sold == 7


def test_an_upcoming_flash_sale_is_edited_in_the_browser(pages, console_url, make, client,
                                                         request):
    merchant = make.merchant("owner", name="西湖茶庄")
    staff(make, "owner")
    sku = product(merchant, "明前龙井", [("250g", 12_800, 100)])[0]
    starts, ends = T0 + timedelta(days=1), T0 + timedelta(days=1, hours=2)
    base = f"/api/v1/merchants/{merchant}/flashsales"
    owner = make.login("owner")
    made = client.post(base, headers=owner, json={
        "sku_id": sku, "title": "明日秒杀", "price_fen": 9_900, "quota": 50,
        "per_user_limit": 2, "per_order_limit": 1, "starts_at": starts.isoformat(),
        "ends_at": ends.isoformat()}).json
    assert client.post(f"{base}/{made['id']}/publish", headers=owner).status_code == 200

    page = pages.page()
    sign_in(page, console_url, "owner")
    open_page(page, "/flash-sales", "秒杀活动")
    row = page.locator("[data-testid=flash-table] .el-table__body tr").first
    expect(row.locator("[data-col=phase]")).to_have_text("未开始")
    row.locator("[data-action=edit]").click()
    expect(page.get_by_test_id("flash-starts").locator("input")).to_have_value(china(starts))
    expect(page.get_by_test_id("flash-price").locator("input")).to_have_value("99.00")
    page.get_by_test_id("flash-price").locator("input").fill("88")
    page.get_by_test_id("flash-quota").locator("input").fill("60")
    screenshots.keep(page, request.node.name, "edit")
    page.get_by_test_id("flash-create").click()
    expect(row).to_contain_text("88.00")
    expect(row.locator("[data-col=remaining]")).to_have_text("60")
    with transaction() as s:
        sale = s.get(FlashActivity, made["id"])
        assert (sale.price_fen, sale.quota, sale.starts_at, sale.ends_at, sale.status) == (
            8_800, 60, starts, ends, "published")
    assert stock_of(sku) == 40  # ten more units left the SKU for the sale

    row.locator("[data-action=stop]").click()
    page.locator(".el-message-box").get_by_role("button", name="确定").click()
    expect(row.locator("[data-col=phase]")).to_have_text("已停止")
    expect(row.locator("[data-action=edit]")).to_have_count(0)
    with transaction() as s:
        assert s.get(FlashActivity, made["id"]).status == "stopped"
    assert stock_of(sku) == 100  # the unsold quota went back


def coupon_row(coupon: Coupon) -> tuple:
    return (coupon.name, coupon.kind, coupon.amount_fen, coupon.min_spend_fen,
            coupon.percent_bps, coupon.cap_fen, coupon.scope, coupon.product_ids, coupon.total,
            coupon.per_user_limit, coupon.valid_from, coupon.valid_until, coupon.valid_days,
            coupon.public, coupon.status)


def test_coupons_made_in_the_browser_list_with_their_exact_terms(pages, console_url, make,
                                                                 client, request):
    merchant = make.merchant("owner", name="西湖茶庄")
    staff(make, "owner")
    product(merchant, "明前龙井", [("250g", 12_800, 100)])
    tea = product(merchant, "普洱茶饼", [("357g", 19_800, 50)])[0]
    with transaction() as s:
        puer = s.get(Sku, tea).product_id

    page = pages.page()
    sign_in(page, console_url, "owner")
    open_page(page, "/coupons", "优惠券")
    page.get_by_test_id("coupon-create-open").click()
    page.get_by_test_id("coupon-name").fill("满100减20")
    page.get_by_test_id("coupon-min").locator("input").fill("100")
    page.get_by_test_id("coupon-amount").locator("input").fill("20")
    page.get_by_test_id("coupon-total").locator("input").fill("500")
    page.get_by_test_id("coupon-per-user").locator("input").fill("2")
    type_moment(page, "coupon-from", china(T0))
    type_moment(page, "coupon-until", china(T0 + timedelta(days=7)))
    screenshots.keep(page, request.node.name, "amount-off")
    page.get_by_test_id("coupon-create").click()
    rows = page.locator("[data-testid=coupon-table] .el-table__body tr")
    expect(rows).to_have_count(1)

    page.get_by_test_id("coupon-create-open").click()
    page.get_by_test_id("coupon-name").fill("普洱 8.5 折")
    page.get_by_test_id("coupon-kind").get_by_text("折扣券").click()
    page.get_by_test_id("coupon-zhe").locator("input").fill("8.5")
    page.get_by_test_id("coupon-cap").locator("input").fill("30")
    page.get_by_test_id("coupon-scope").get_by_text("指定商品").click()
    pick(page, "coupon-products", "普洱", "普洱茶饼")
    page.get_by_test_id("coupon-validity").get_by_text("领取后天数").click()
    page.get_by_test_id("coupon-days").locator("input").fill("15")
    page.get_by_test_id("coupon-public").click()
    screenshots.keep(page, request.node.name, "percent-off")
    page.get_by_test_id("coupon-create").click()

    expect(rows).to_have_count(2)
    expect(rows.nth(0).locator("[data-col=terms]")).to_have_text("8.5 折，最多减 30.00")
    expect(rows.nth(0)).to_contain_text("1 件商品")
    expect(rows.nth(0).locator("[data-col=validity]")).to_have_text("领取后 15 天内有效")
    expect(rows.nth(1).locator("[data-col=terms]")).to_have_text("满 100.00 减 20.00")
    expect(rows.nth(1).locator("[data-col=claimed]")).to_have_text("0 / 500")
    window = f"{china(T0)[5:]} ~ {china(T0 + timedelta(days=7))[5:]}"
    expect(rows.nth(1).locator("[data-col=validity]")).to_have_text(window)
    rows.nth(1).locator("[data-action=activate]").click()
    expect(rows.nth(1).locator("[data-col=status]")).to_have_text("进行中")
    expect(rows.nth(0).locator("[data-col=status]")).to_have_text("未启用")
    rows.nth(0).locator("[data-action=stop]").click()
    page.locator(".el-message-box").get_by_role("button", name="确定").click()
    expect(rows.nth(0).locator("[data-col=status]")).to_have_text("已停止")
    screenshots.keep(page, request.node.name, "list")

    # two buyers claim the active coupon in the mini-program; its figures follow
    with transaction() as s:
        active = s.scalars(select(Coupon.id).where(Coupon.status == "active")).one()
    for name in ("alice", "bob"):
        resp = client.post(f"/mp/v1/coupons/{active}/claim", headers=make.login(name))
        assert resp.status_code == 201, resp.json
    rows.nth(1).locator("[data-action=stats]").click()
    figures = page.get_by_test_id("coupon-stats")
    expect(figures.locator("[data-figure=claimed]")).to_have_text("2")
    expect(figures.locator("[data-figure=left]")).to_have_text("498")
    expect(figures.locator("[data-figure=unused]")).to_have_text("2")
    expect(figures.locator("[data-figure=used]")).to_have_text("0")
    expect(figures.locator("[data-figure=discount]")).to_have_text("0.00")
    screenshots.keep(page, request.node.name, "figures")
    figures.locator(".el-drawer__close-btn").click()
    expect(rows.nth(1).locator("[data-col=claimed]")).to_have_text("2 / 500")
    page.get_by_test_id("language").click()
    page.locator(".el-dropdown-menu__item[data-lang=en]").click()
    expect(rows.nth(0).locator("[data-col=terms]")).to_have_text("15% off, up to 30.00")
    expect(rows.nth(1).locator("[data-col=terms]")).to_have_text("20.00 off orders from 100.00")
    expect(rows.nth(1).locator("[data-col=status]")).to_have_text("Active")
    screenshots.keep(page, request.node.name, "english")

    with transaction() as s:
        made = [coupon_row(c) for c in s.scalars(select(Coupon).order_by(Coupon.id))]
    assert made == [
        ("满100减20", "amount_off", 2_000, 10_000, 0, 0, "all", [], 500, 2, T0,
         T0 + timedelta(days=7), None, True, "active"),
        ("普洱 8.5 折", "percent_off", 0, 0, 1_500, 3_000, "products", [puer], 100, 1, None,
         None, 15, False, "stopped"),
    ]
