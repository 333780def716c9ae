"""A new buyer on a phone buys from the demo shop through /h5/: signs in,
opens a product, picks a SKU, adds it to the cart, checks out to a new
address (postage as the server priced it), pays in the sandbox, and sees the
order waiting to ship with the exact amount; the database agrees."""

from __future__ import annotations

from playwright.sync_api import expect
from sqlalchemy import select

from app.addresses.models import Address
from app.auth.models import User
from app.auth.wechat import DevResolver
from app.cart.models import CartLine
from app.db import transaction
from app.orders.models import Order
from app.payments.setup import provider
from tests.h5.steps import demo_shop, fill_address, sign_in
from tests.payments.conftest import NOTIFY, run_jobs
from tests.screenshots import keep

COFFEE = "Yunnan single-origin coffee beans"
URUMQI_TIANSHAN = ("新疆维吾尔自治区", "乌鲁木齐市", "天山区")
# the demo template: Xinjiang 20 yuan for the first piece (default 8 yuan)
GOODS_FEN, POSTAGE_FEN = 5900, 2000
TOTAL_FEN = GOODS_FEN + POSTAGE_FEN


def test_a_new_buyer_buys_from_the_cart_and_pays_in_the_sandbox(app, phone, h5_url,
                                                                base_url, monkeypatch):
    demo_shop(app, monkeypatch, base_url)
    monkeypatch.setattr(provider(), "notify_url", base_url + NOTIFY)
    page = phone.page()
    page.goto(h5_url)
    expect(page.get_by_test_id("tabbar")).to_contain_text("首页购物车我的")
    card = page.get_by_test_id("products").locator(".product-card", has_text=COFFEE)
    expect(card).to_contain_text("¥59.00起")
    keep(page, "h5_buying", "home")

    card.click()
    expect(page.get_by_test_id("product-title")).to_have_text(COFFEE)
    expect(page.get_by_test_id("product-price")).to_have_text("¥59.00 - ¥99.00")
    expect(page.get_by_test_id("reviews")).to_contain_text("暂无评价")
    expect(page.locator(".gallery-image img")).to_have_js_property("complete", True)
    page.get_by_test_id("add-to-cart").click()
    sign_in(page, "dora")  # a new buyer: the resolver makes her on first sign-in
    expect(page.get_by_test_id("product-title")).to_have_text(COFFEE)

    page.get_by_test_id("add-to-cart").click()
    sheet = page.get_by_test_id("sku-sheet")
    sheet.get_by_role("button", name="250 g").click()
    expect(page.get_by_test_id("sku-price")).to_have_text("¥59.00")
    keep(page, "h5_buying", "sku")
    page.get_by_test_id("sku-confirm").click()
    toast = page.locator(".van-toast")
    expect(toast).to_contain_text("已加入购物车")
    expect(toast).to_be_hidden()

    page.locator(".van-action-bar-icon", has_text="购物车").click()
    expect(page.locator(".cart-line")).to_have_count(1)
    expect(page.locator(".cart-line")).to_contain_text("250 g")
    submit = page.get_by_test_id("cart-submit")
    expect(submit).to_contain_text("运费按收货地址计算")  # no address yet: no sum
    keep(page, "h5_buying", "cart")
    submit.get_by_role("button", name="结算(1)").click()

    # she has no address: checkout opens the form at once
    expect(page.get_by_test_id("address-popup")).to_contain_text("新增收货地址")
    fill_address(page, "多拉", "13912345678", URUMQI_TIANSHAN, "光明路 8 号 2 单元 301")
    keep(page, "h5_buying", "address")
    page.locator(".van-address-edit").get_by_role("button", name="保存并使用").click()
    expect(page.get_by_test_id("checkout-address")).to_contain_text(
        "新疆维吾尔自治区乌鲁木齐市天山区 光明路 8 号 2 单元 301")
    expect(page.get_by_test_id("checkout-postage")).to_contain_text("¥20.00")
    expect(page.get_by_test_id("checkout-problem")).to_have_count(0)
    checkout_submit = page.get_by_test_id("checkout-submit")
    expect(checkout_submit).to_contain_text("¥79.00")
    keep(page, "h5_buying", "checkout")
    checkout_submit.get_by_role("button", name="提交订单").click()

    expect(page.get_by_test_id("pay-amount")).to_have_text("¥79.00")
    keep(page, "h5_buying", "pay")
    with page.expect_response(lambda r: "/sandbox/orders/" in r.url) as paid:
        page.get_by_test_id("pay-confirm").click()
    assert paid.value.status == 202
    assert run_jobs(app, "payments") == 1  # the sandbox's notice, posted to the server

    expect(page.get_by_test_id("order-status")).to_have_text("待发货")
    expect(page.get_by_test_id("order-postage")).to_contain_text("¥20.00")
    expect(page.get_by_test_id("order-total")).to_contain_text("¥79.00")
    expect(page.get_by_test_id("order-address")).to_contain_text("多拉 13912345678")
    expect(toast).to_contain_text("支付成功")
    expect(toast).to_be_hidden()
    keep(page, "h5_buying", "order")

    with transaction() as s:
        buyer = s.scalar(select(User).where(User.openid == DevResolver().resolve("dora").openid))
        order = s.scalars(select(Order).where(Order.buyer_id == buyer.id)).one()
        assert order.status == "to_ship"
        assert (order.goods_fen, order.postage_fen, order.discount_fen, order.total_fen) == \
            (GOODS_FEN, POSTAGE_FEN, 0, TOTAL_FEN)
        assert order.ship_to == {"recipient": "多拉", "phone": "13912345678",
                                 "province": "新疆维吾尔自治区", "city": "乌鲁木齐市",
                                 "district": "天山区", "region_code": "650102",
                                 "detail": "光明路 8 号 2 单元 301"}
        assert [(ln.title, ln.spec, ln.quantity) for ln in order.lines] == \
            [(COFFEE, "250 g", 1)]
        assert s.scalars(select(CartLine).where(CartLine.buyer_id == buyer.id)).all() == []
        # one address: the save refused before a region was picked wrote nothing
        assert [a.region_code for a in s.scalars(
            select(Address).where(Address.user_id == buyer.id))] == ["650102"]

    page.locator(".van-nav-bar__left").click()
    row = page.get_by_test_id(f"order-{order.id}")
    expect(page.get_by_test_id(f"order-status-{order.id}")).to_have_text("待发货")
    expect(page.get_by_test_id(f"order-total-{order.id}")).to_have_text("¥79.00")
    expect(row).to_contain_text("250 g")
    keep(page, "h5_buying", "orders")
