"""The home page as a phone shows it: flash sales open now and coming, each
with its price, units left and a countdown to the time the server gave
(the browser's clock is set to the app's, so the countdown is exact), the
entries the discovery lists will fill, and the products on sale; a sale's
product page shows it too."""

from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import expect

from tests.conftest import T0
from tests.screenshots import keep


def flash_sale(client, staff: dict, merchant_id: int, sku_id: int, title: str,
               starts_in: timedelta, lasts: timedelta) -> int:
    url = f"/api/v1/merchants/{merchant_id}/flashsales"
    made = client.post(url, headers=staff, json={
        "sku_id": sku_id, "title": title, "price_fen": 500, "quota": 10, "per_user_limit": 1,
        "per_order_limit": 1, "starts_at": (T0 + starts_in).isoformat(),
        "ends_at": (T0 + starts_in + lasts).isoformat()})
    assert made.status_code == 201, made.json
    assert client.post(f"{url}/{made.json['id']}/publish", headers=staff).status_code == 200
    return made.json["id"]


def test_home_counts_down_to_the_sales_the_server_lists(client, make, phone, h5_url):
    merchant = make.merchant("owner")
    small, large = make.product(merchant, skus=((1000, 50), (3000, 50)))  # one product
    staff = make.login("owner")
    on_now = flash_sale(client, staff, merchant, small, "早鸟茶", -timedelta(minutes=1),
                        timedelta(hours=1, minutes=1))
    coming = flash_sale(client, staff, merchant, large, "午间杯", timedelta(hours=2),
                        timedelta(hours=1))

    page = phone.page()
    page.clock.set_fixed_time(T0)  # the browser's "now" is the app's frozen clock
    page.goto(h5_url)
    now, later = page.get_by_test_id(f"flash-{on_now}"), page.get_by_test_id(f"flash-{coming}")
    expect(now).to_contain_text("早鸟茶")
    expect(now).to_contain_text("¥5.00")
    expect(now).to_contain_text("剩 10 件")
    expect(now.locator(".flash-when")).to_have_text("距结束 01:00:00")
    expect(later.locator(".flash-when")).to_have_text("距开始 02:00:00")
    expect(page.get_by_test_id("entries")).to_have_text("拼团砍价直播分类")
    expect(page.get_by_test_id("products").locator(".product-card")).to_have_text(
        ["Tea¥10.00起"])
    keep(page, "h5_home")

    now.click()
    expect(page.get_by_test_id("product-title")).to_have_text("Tea")
    banner = page.get_by_test_id(f"product-flash-{on_now}")
    expect(banner).to_have_text("限时秒杀¥5.00距结束 01:00:00马上抢")
    # both sales are of this product's SKUs
    expect(page.get_by_test_id(f"product-flash-{coming}")).to_have_text(
        "限时秒杀¥5.00距开始 02:00:00")
    keep(page, "h5_home", "product")
