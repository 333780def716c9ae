"""The console's shell in chromium: Chinese by default, every library from
the app, and its one policy exception (Vue's template compiler)."""

from __future__ import annotations

from playwright.sync_api import expect

from app.console.views import CONSOLE_CSP
from app.headers import PAGE_CSP
from tests import screenshots


def test_a_visitor_gets_the_sign_in_page_in_chinese(pages, console_url, request):
    page = pages.page()
    response = page.goto(console_url)
    assert response is not None and response.status == 200
    assert response.headers["content-security-policy"] == CONSOLE_CSP
    expect(page.locator(".signin-head h1")).to_have_text("商家后台登录")
    assert "#/signin" in page.url
    expect(page.get_by_role("tab")).to_have_text(["密码登录", "扫码登录"])
    screenshots.keep(page, request.node.name)
    assert any("/static/vendor/element-plus-2.14.8/" in url for url in pages.requested)


def test_only_the_console_page_may_evaluate_strings(client):
    assert "'unsafe-eval'" in CONSOLE_CSP and "'unsafe-eval'" not in PAGE_CSP
    assert CONSOLE_CSP.replace(" 'unsafe-eval'", "") == PAGE_CSP
    page = client.get("/console/")
    assert page.headers["Content-Security-Policy"] == CONSOLE_CSP
    script = client.get("/console/static/app.js")
    assert script.status_code == 200
    assert script.headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert client.get("/").headers["Content-Security-Policy"] == PAGE_CSP
    assert client.get("/console").status_code == 308
