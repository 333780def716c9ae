"""Steps the marketing pages' browser tests share: products with SKUs,
China wall-clock times as the pickers take them, opening a page from the
menu, picking from a searchable select, typing into a date picker."""

from __future__ import annotations

from playwright.sync_api import expect

from app import clock
from app.catalog import service as catalog
from app.catalog.models import Merchant
from app.clock import CHINA
from app.db import transaction


def china(moment) -> str:
    """A moment as the console's pickers take it: China wall-clock time."""
    return moment.astimezone(CHINA).strftime("%Y-%m-%d %H:%M")


def product(merchant_id: int, title: str, skus: list[tuple[str, int, int]]) -> list[int]:
    """A product with SKUs (spec, price in fen, stock); their ids."""
    with transaction() as s:
        owner = s.get(Merchant, merchant_id).owner_id
        made = catalog.create_product(s, staff_id=owner, merchant_id=merchant_id,
                                      now=clock.now(), data={
                                          "title": title, "status": "on_sale",
                                          "skus": [{"spec": spec, "price_fen": price,
                                                    "stock": stock}
                                                   for spec, price, stock in skus]})
        return [sku.id for sku in made.skus]


def open_page(page, path: str, title: str) -> None:
    page.locator(f"[data-testid=menu] .el-menu-item[data-path='{path}']").click()
    expect(page.get_by_test_id("page-title")).to_have_text(title)


def pick(page, testid: str, search: str, option: str) -> None:
    """Type into a searchable select and click the option that shows up."""
    page.get_by_test_id(testid).click()
    page.get_by_test_id(testid).locator("input").fill(search)
    page.locator(".el-select-dropdown__item:visible", has_text=option).click()


def type_moment(page, testid: str, text: str) -> None:
    """Type a China time into a date picker and confirm it."""
    field = page.get_by_test_id(testid).locator("input")
    field.fill(text)
    field.press("Enter")
