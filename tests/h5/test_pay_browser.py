"""Paying after the deadline: the server refuses the prepay and the pay page
says so, with the way to the order, which is still as the server keeps it."""

from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import expect

from app import clock
from tests.h5.steps import sign_in


def test_a_late_payment_is_refused_as_the_server_says(client, make, phone, h5_url):
    merchant = make.merchant("owner")
    sku = make.product(merchant)[0]
    hal = make.login("hal")
    order = client.post("/mp/v1/orders", headers=hal, json={
        "lines": [{"sku_id": sku, "quantity": 1}], "address_id": make.address("hal")})
    assert order.status_code == 201, order.json
    clock.advance(timedelta(minutes=16))  # past the 15-minute deadline, not yet swept

    page = phone.page()
    page.goto(h5_url + f"#/pay/{order.json['id']}")
    sign_in(page, "hal")
    refused = page.get_by_test_id("pay-refused")
    expect(refused).to_contain_text("这个订单现在不能支付")
    refused.get_by_role("button", name="查看订单").click()
    expect(page.get_by_test_id("order-status")).to_have_text("待付款")
    expect(page.get_by_test_id("order-total")).to_contain_text("¥10.00")
