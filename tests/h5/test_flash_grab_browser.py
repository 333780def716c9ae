"""A flash sale on now is grabbed from its product page and paid: the grab
button signs the buyer in first, the server's win is a pending order at the
flash price, and the pay page gives that order the buyer's default address
before the sandbox pays it."""

from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import expect
from sqlalchemy import select

from app.db import transaction
from app.orders.models import Order
from app.payments.setup import provider
from tests.conftest import T0
from tests.h5.steps import sign_in
from tests.h5.test_home_browser import flash_sale
from tests.payments.conftest import NOTIFY, run_jobs
from tests.screenshots import keep


def test_a_flash_sale_is_grabbed_on_its_product_page_and_paid(app, client, make, phone, h5_url,
                                                             base_url, monkeypatch):
    merchant = make.merchant("owner")
    (sku,) = make.product(merchant, skus=((1000, 50),))
    sale = flash_sale(client, make.login("owner"), merchant, sku, "早鸟茶",
                      -timedelta(minutes=1), timedelta(hours=1, minutes=1))
    make.address("ivy")
    monkeypatch.setattr(provider(), "notify_url", base_url + NOTIFY)

    page = phone.page()
    page.clock.set_fixed_time(T0)
    page.goto(h5_url)
    page.get_by_test_id(f"flash-{sale}").click()
    banner = page.get_by_test_id(f"product-flash-{sale}")
    expect(banner).to_have_text("限时秒杀¥5.00距结束 01:00:00马上抢")
    keep(page, "h5_flash_grab", "product")
    page.get_by_test_id(f"grab-{sale}").click()
    sign_in(page, "ivy")  # and back to the product page
    page.get_by_test_id(f"grab-{sale}").click()

    expect(page.get_by_test_id("pay-amount")).to_have_text("¥5.00")
    expect(page.get_by_test_id("pay-address")).to_contain_text("ivy recipient 13812341234")
    keep(page, "h5_flash_grab", "pay")
    with page.expect_response(lambda r: "/sandbox/orders/" in r.url) as paid:
        page.get_by_test_id("pay-confirm").click()
    assert paid.value.status == 202
    assert run_jobs(app, "payments") == 1  # the sandbox's notice, posted to the server
    expect(page.get_by_test_id("order-status")).to_have_text("待发货")
    expect(page.get_by_test_id("order-total")).to_contain_text("¥5.00")
    keep(page, "h5_flash_grab", "paid")

    with transaction() as s:
        order = s.scalars(select(Order)).one()
        assert (order.status, order.total_fen, order.ship_to_name) == (
            "to_ship", 500, "ivy recipient")
    assert client.get(f"/mp/v1/flashsales/{sale}").json["remaining"] == 9
