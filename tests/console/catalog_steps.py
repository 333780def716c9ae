"""Steps the catalogue and settings browser tests share: an Element Plus
input found by its test id, opening a page from the menu."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

from tests.console.helpers import sign_in


def field(scope: Page | Locator, testid: str) -> Locator:
    """An Element Plus input by its test id: el-input puts the id on the
    input itself, el-input-number on its wrapper."""
    return scope.locator(f"input[data-testid={testid}], [data-testid={testid}] input")


def open_page(page: Page, console_url: str, path: str, title: str, login: str = "owner"):
    """Sign in and open `path` from the sidebar; its title shows."""
    sign_in(page, console_url, login)
    page.locator(f"[data-testid=menu] .el-menu-item[data-path='{path}']").click()
    expect(page.get_by_test_id("page-title")).to_have_text(title)
