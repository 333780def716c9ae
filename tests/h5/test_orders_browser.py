"""A buyer follows an order shipped in two packages on her phone: the list
by state, the order's packages each with its tracking timeline (newest
first, as the carrier pushed it), and confirming receipt."""

from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import expect

from app import clock
from app.db import transaction
from app.orders.models import Order
from tests.conftest import drain_events
from tests.h5.steps import sign_in
from tests.screenshots import keep
from tests.tracking.conftest import post_push

N1, N2 = "SF2000000000001", "SF2000000000002"
COLLECTED = "快件已由【深圳南山科技园营业点】揽收"
IN_TRANSIT = "快件已到达【上海转运中心】，正发往【上海浦东营业点】"


def test_a_buyer_follows_two_packages_and_confirms_receipt(client, phone, h5_url, shop, buy,
                                                           tracker):
    b = buy(2, 1)  # 2 x 10 yuan, 1 x 20 yuan, shipped free
    assert shop.ship(b.order_id, N1, lines=[(b.lines[0], 2)]).status_code == 200
    clock.advance(timedelta(hours=1))
    assert shop.ship(b.order_id, N2, lines=[(b.lines[1], 1)]).status_code == 200
    drain_events()  # the packages subscribe to tracking
    assert post_push(client, *tracker.advance("SF", N1, clock.now(), to="in_transit")) \
        .status_code == 200
    assert post_push(client, *tracker.advance("SF", N2, clock.now())).status_code == 200

    page = phone.page()
    page.goto(h5_url + "#/orders?status=shipped")
    sign_in(page, "alice")
    expect(page.get_by_test_id(f"order-status-{b.order_id}")).to_have_text("待收货")
    expect(page.get_by_test_id(f"order-total-{b.order_id}")).to_have_text("¥40.00")
    keep(page, "h5_orders", "list")

    page.get_by_test_id(f"order-{b.order_id}").click()
    expect(page.get_by_test_id("order-status")).to_have_text("待收货")
    packages = page.get_by_test_id("package")
    expect(packages).to_have_count(2)
    first, second = packages.nth(0), packages.nth(1)
    expect(first.locator(".shop-name")).to_have_text(f"顺丰速运 {N1}")
    expect(first.locator(".package-lines")).to_have_text("Tea × 2")
    expect(first.locator(".van-step")).to_have_count(2)
    expect(first.locator(".van-step").nth(0)).to_contain_text(IN_TRANSIT)  # newest first
    expect(first.locator(".van-step").nth(1)).to_contain_text(COLLECTED)
    expect(second.locator(".shop-name")).to_have_text(f"顺丰速运 {N2}")
    expect(second.locator(".van-step")).to_have_count(1)
    expect(second.locator(".van-step")).to_contain_text(COLLECTED)
    keep(page, "h5_orders", "packages")

    page.get_by_role("button", name="确认收货").click()
    page.locator(".van-dialog").get_by_role("button", name="确认").click()
    expect(page.get_by_test_id("order-status")).to_have_text("已收货")
    with transaction() as s:
        assert s.get(Order, b.order_id).status == "received"
    expect(page.get_by_role("button", name="确认收货")).to_have_count(0)
