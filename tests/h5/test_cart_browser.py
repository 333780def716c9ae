"""The cart on a phone: lines by shop as the server keeps them; changing a
quantity, unselecting and removing a line go to the server, and the bar's
sum is the server's preview of the selected lines to the default address."""

from __future__ import annotations

from playwright.sync_api import expect
from sqlalchemy import select

from app.cart.models import CartLine
from app.db import transaction
from tests.h5.steps import sign_in
from tests.screenshots import keep


def lines_of(buyer_id: int) -> list[tuple[int, int, bool]]:
    with transaction() as s:
        rows = s.scalars(select(CartLine).where(CartLine.buyer_id == buyer_id)
                         .order_by(CartLine.sku_id))
        return [(row.sku_id, row.quantity, row.selected) for row in rows]


def test_a_buyer_changes_her_cart_and_the_server_sums_it(client, make, phone, h5_url):
    merchant = make.merchant("owner", name="茶铺")
    tea, cup = make.product(merchant, skus=((1000, 50), (3000, 50)))
    gus = make.login("gus")
    make.address("gus")  # free postage: the products name no freight template
    for sku in (tea, cup):
        assert client.post("/mp/v1/cart/lines", headers=gus,
                           json={"sku_id": sku, "quantity": 1}).status_code == 201
    buyer = make.user("gus")

    page = phone.page()
    page.goto(h5_url + "#/cart")
    sign_in(page, "gus")
    bar = page.get_by_test_id("cart-submit")
    expect(page.get_by_test_id("cart-shop")).to_contain_text("茶铺")
    expect(bar).to_contain_text("¥40.00")
    expect(bar).to_contain_text("结算(2)")

    page.get_by_test_id(f"cart-line-{tea}").locator(".van-stepper__plus").click()
    expect(bar).to_contain_text("¥50.00")
    assert lines_of(buyer) == [(tea, 2, True), (cup, 1, True)]

    page.get_by_test_id(f"cart-line-{cup}").locator(".van-checkbox").click()
    expect(bar).to_contain_text("¥20.00")
    expect(bar).to_contain_text("结算(1)")
    assert lines_of(buyer) == [(tea, 2, True), (cup, 1, False)]
    keep(page, "h5_cart")

    page.get_by_test_id(f"cart-line-{tea}").locator(".line-remove").click()
    expect(page.locator(".cart-line")).to_have_count(1)
    expect(bar).to_contain_text("结算(0)")
    assert lines_of(buyer) == [(cup, 1, False)]
