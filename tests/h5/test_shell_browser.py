"""The buyer app's shell: served at /h5/ with the page policy plus Vue's
template compiler, every library from the app (Vant pinned as the vendor
script pins it, its icon font local), Chinese by default and English on
request, Vant's own words included."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from app.h5 import assets
from app.h5.views import H5_CSP
from app.headers import PAGE_CSP
from tests.h5.steps import demo_shop, sign_in
from tests.screenshots import keep

ROOT = Path(__file__).resolve().parents[2]


def test_only_the_policy_exception_is_the_template_compiler(client):
    assert H5_CSP.replace(" 'unsafe-eval'", "").replace(" data: blob:", " data:") == (
        PAGE_CSP + "; media-src 'self' blob:")
    page = client.get("/h5/")
    assert (page.status_code, page.headers["Content-Security-Policy"]) == (200, H5_CSP)
    assert page.headers["Cache-Control"] == "no-cache"
    script = client.get("/h5/static/app.js")
    assert script.status_code == 200
    assert script.headers["Content-Security-Policy"].startswith("default-src 'none'")
    moved = client.get("/h5")
    assert (moved.status_code, moved.headers["Location"]) == (308, "/h5/")


def test_every_library_is_served_from_the_app_at_the_pinned_version(client):
    for path in (*assets.STYLES, *assets.SCRIPTS, assets.VANT_ENGLISH, assets.REGIONS):
        assert client.get(f"/static/{path}").status_code == 200, path
    script = (ROOT / "scripts" / "vendor_h5.sh").read_text()
    assert f"vant-{re.search(r'^VANT=(.+)$', script, re.M).group(1)}" == assets.VANT
    css = client.get(f"/static/vendor/{assets.VANT}/index.css").get_data(as_text=True)
    assert re.findall(r"url\(([^)]*)\)", css) == ["vant-icon.woff2"]
    assert client.get(f"/static/vendor/{assets.VANT}/vant-icon.woff2").data[:4] == b"wOF2"


def test_a_buyer_reads_the_app_in_english(app, phone, h5_url, base_url, monkeypatch):
    demo_shop(app, monkeypatch, base_url)
    page = phone.page()
    page.goto(h5_url)
    expect(page.get_by_test_id("tabbar")).to_have_text("首页购物车我的")
    page.get_by_test_id("tabbar").get_by_text("我的").click()
    sign_in(page, "erin")
    page.get_by_test_id("language").get_by_text("English").click()
    expect(page.get_by_test_id("tabbar")).to_have_text("HomeCartMe")
    expect(page.get_by_test_id("sign-out")).to_have_text("Sign out")
    keep(page, "h5_english", "me")

    page.reload()  # the choice is remembered
    expect(page.get_by_test_id("tabbar")).to_have_text("HomeCartMe")
    page.get_by_test_id("tabbar").get_by_text("Home").click()
    page.get_by_test_id("products").locator(".product-card").first.click()
    page.get_by_test_id("buy-now").click()
    page.get_by_test_id("sku-sheet").get_by_role("button", name="50 g tin").click()
    page.get_by_test_id("sku-confirm").click()
    form = page.locator(".van-address-edit")  # no address yet: the form opens at once
    expect(form.locator(".van-field__label")).to_have_text(
        ["Name", "Phone", "Area", "Address"])  # Vant's own words, in English too
    keep(page, "h5_english", "address")


KEY_PATHS = """async () => {
  const paths = (node, prefix) => Object.entries(node).flatMap(([key, value]) =>
    value && typeof value === "object" ? paths(value, prefix + key + ".") : [prefix + key]);
  const zh = (await import("/h5/static/locales/zh-CN.js")).default;
  const en = (await import("/h5/static/locales/en.js")).default;
  return { zh: paths(zh, "").sort(), en: paths(en, "").sort() };
}"""
STATIC = ROOT / "app" / "h5" / "static"


def test_both_languages_have_every_word_the_pages_use(phone, h5_url):
    page = phone.page()
    page.goto(h5_url)
    keys = page.evaluate(KEY_PATHS)
    assert keys["zh"] == keys["en"]
    used = {key for path in STATIC.rglob("*.js") if path.name != "i18n.js"  # its example
            for key in re.findall(r"""\$?t\(\s*['"]([a-z_]+(?:\.[a-z_]+)+)['"]""",
                                  path.read_text())}
    assert used and sorted(used - set(keys["zh"])) == []
