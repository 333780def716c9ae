"""Steps the console's browser tests share: staff with a password, signing
in through the form, reading the sidebar."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from app import clock
from app.console_auth.signin import set_credentials
from app.db import transaction

PASSWORD = "demo-pass-2026"


def staff(make, name: str, role: str | None = None, scope_id: int = 0) -> int:
    """The factory user `name` (granted `role` if given) with web login `name`."""
    if role:
        make.grant(name, role, scope_id)
    uid = make.user(name)
    with transaction() as s:
        set_credentials(s, user_id=uid, login=name, password=PASSWORD, now=clock.now())
    return uid


def sign_in(page: Page, console_url: str, login: str, password: str = PASSWORD) -> None:
    """Open the console and sign in through the password form."""
    page.goto(console_url)
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill(password)
    page.get_by_test_id("signin-submit").click()


def menu_groups(page: Page) -> list[str]:
    expect(page.get_by_test_id("menu")).to_be_visible()
    return page.locator("[data-testid=menu] > .el-sub-menu > .el-sub-menu__title > span") \
        .all_inner_texts()


def menu_items(page: Page) -> list[str]:
    return page.locator("[data-testid=menu] .el-menu-item").all_inner_texts()
