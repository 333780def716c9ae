"""The storefront page and the API docs in a real browser: the test app served
by werkzeug in a thread, Debian's chromium (both once per run) driven by Playwright (never a
downloaded browser). The browser has no internet, so every asset must come
from the app itself."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from tests import screenshots
from tests.browser import TIMEOUT_MS
from tests.web import csp


@pytest.fixture
def base_url(app_url):
    return app_url


@pytest.fixture
def browser(chromium):
    """The run's chromium (tests/conftest.py)."""
    return chromium


@pytest.fixture
def violations() -> list[str]:
    return []


@pytest.fixture
def page(browser: Browser, base_url, violations):
    """A page whose Content-Security-Policy violations fail the test (the
    pages keep every script and style in files)."""
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    csp.watch(page, violations)
    try:
        yield page
    finally:
        context.close()
    assert violations == [], violations


@pytest.fixture
def requested(page: Page) -> list[str]:
    """Every URL the page asks for, in order."""
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


def test_storefront_shows_products_prices_and_sold_out(page: Page, requested, base_url, make,
                                                       request):
    merchant = make.merchant("owner", name="Tea House")
    in_stock, sold_out = make.product(merchant, skus=((1000, 7), (2550, 0)),
                                      title="Longjing green tea")

    response = page.goto(base_url + "/")
    assert response is not None and response.status == 200
    assert page.title() == "Storefront"
    assert page.get_by_test_id("product-count").inner_text() == "1 product on sale"
    assert page.locator("li.product h2").all_inner_texts() == ["Longjing green tea"]

    first = page.locator(f"tr[data-sku-id='{in_stock}']")
    assert first.locator("td.price").inner_text() == "10.00"
    assert first.locator("td.stock").inner_text() == "7"
    second = page.locator(f"tr[data-sku-id='{sold_out}']")
    assert second.locator("td.price").inner_text() == "25.50"
    stock = second.locator("td.stock")
    assert stock.inner_text() == "sold out"
    assert stock.get_attribute("class").split() == ["stock", "sold-out"]

    screenshots.keep(page, request.node.name)
    assert all(url.startswith(base_url) for url in requested), requested


def test_storefront_without_products_says_so(page: Page, base_url):
    page.goto(base_url + "/")
    assert page.get_by_test_id("product-count").inner_text() == "0 products on sale"
    assert page.locator("li.empty").inner_text() == "Nothing on sale yet."


def test_docs_render_swagger_ui_from_local_assets(page: Page, requested, base_url):
    response = page.goto(base_url + "/docs")
    assert response is not None and response.status == 200

    title = page.locator(".information-container .info h2.title")
    title.wait_for()
    # the h2 holds the title, then version badges: read its first text node
    assert title.evaluate("h => h.firstChild.textContent.trim()") == "Live & social commerce API"

    login = page.locator(".opblock-summary-path[data-path='/mp/v1/auth/login']")
    login.wait_for()
    assert login.inner_text().replace("\u200b", "") == "/mp/v1/auth/login"
    assert page.locator(".opblock").count() > 1

    assert any(url.startswith(base_url + "/static/swagger-ui/") for url in requested)
    assert all(url.startswith(base_url) for url in requested), requested


def test_the_policy_blocks_inline_code_in_a_real_browser(browser: Browser, base_url):
    """The watcher hears chromium enforce the header: a script injected
    inline does not run, and is reported."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        seen = csp.watch(page, [])
        page.goto(base_url + "/")
        ran = page.evaluate("""() => {
            const s = document.createElement("script");
            s.textContent = "window.injected = true";
            document.body.appendChild(s);
            return window.injected === true; }""")
        for _ in range(100):  # the report arrives on its own
            if seen:
                break
            page.wait_for_timeout(20)
    finally:
        context.close()
    assert ran is False
    assert any("script-src" in v for v in seen), seen
