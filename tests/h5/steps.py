"""Steps the buyer app's browser tests share: a demo shop whose pictures
are served by the test server, signing in, and filling Vant's address form."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from app import clock, demo
from app.db import transaction
from app.uploads.demo_pictures import Pictures


def demo_shop(app, monkeypatch, base_url: str) -> None:
    """The demo data (one shop, its freight template, product pictures),
    with every media address on the test server's origin."""
    monkeypatch.setattr(app.extensions["mall.settings"], "public_base_url", base_url)
    with transaction() as s:
        assert demo.seed(s, clock.now(), Pictures(app.extensions["uploads.storage"], base_url))


def sign_in(page: Page, name: str) -> None:
    """On the sign-in page: the development resolver's name, then submit."""
    expect(page.get_by_test_id("signin-submit")).to_be_visible()
    page.locator("input[name=name]").fill(name)
    page.get_by_test_id("signin-submit").click()


def field(page: Page, label: str):
    return page.locator(".van-address-edit .van-field").filter(has_text=label) \
        .locator("input, textarea").first


def pick_region(page: Page, *names: str) -> None:
    """In the open Area picker: tap the province, city and district by name
    (a tap on an option selects it, wherever the column has scrolled), then confirm."""
    columns = page.locator(".van-area .van-picker-column")
    for index, name in enumerate(names):
        option = columns.nth(index).locator(".van-picker-column__item", has_text=name)
        option.dispatch_event("click")
        expect(option).to_have_class("van-picker-column__item van-picker-column__item--selected")
    page.locator(".van-area .van-picker__confirm").click()


def fill_address(page: Page, recipient: str, phone: str, region: tuple[str, ...],
                 detail: str) -> None:
    """Vant's address form; its Area picker starts on no region, so saving
    before one is picked is refused in the form."""
    field(page, "姓名").fill(recipient)
    field(page, "电话").fill(phone)
    field(page, "详细地址").fill(detail)
    expect(field(page, "地区")).to_have_value("")
    page.locator(".van-address-edit").get_by_role("button").last.click()
    expect(page.locator(".van-address-edit")).to_contain_text("请选择地区")
    field(page, "地区").click()
    pick_region(page, *region)
