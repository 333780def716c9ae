"""The viewer page and the host console in Debian's chromium (Playwright),
served by a real `python -m app.serve` process (gevent, websockets) on the
test database and Redis: the host goes live, pins, starts a sale, drops a
coupon and draws a lottery; the viewer sees the pin, chats, likes, grabs and
claims; the console's online-viewers chart is drawn. Every asset comes from
the app. A refused connection shows its code (err.data.code)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.db import transaction
from app.orders.models import Order
from tests.live.conftest import token_of
from tests.live.servers import serve
from tests.web import csp
from tests.web.test_storefront_browser import TIMEOUT_MS, browser  # noqa: F401


@pytest.fixture
def server(app, tmp_path):
    with serve(app, tmp_path) as running:
        yield running


VIOLATIONS: list[str] = []  # Content-Security-Policy reports of this module's pages


def _page(browser, url):  # noqa: F811
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    asked: list[str] = []
    page.on("request", lambda req: asked.append(req.url))
    page.on("websocket", lambda ws: asked.append(ws.url))
    csp.watch(page, VIOLATIONS)
    page.goto(url)
    assert "#" not in page.url  # the token's fragment is dropped once read
    return context, page, asked


def test_host_console_and_viewer_page_over_a_real_server(browser, server, app,  # noqa: F811
                                                         room, make):
    r = room(live=False)
    alice = make.user("alice")
    base = server.url
    console_ctx, console, console_asked = _page(
        browser, f"{base}/live/{r.id}/console#token={token_of(app, r.host_id)}")
    viewer_ctx, page, asked = _page(browser, f"{base}/live/{r.id}#token={token_of(app, alice)}")
    try:
        expect(console.locator("#state")).to_have_text("scheduled")
        expect(console.locator("#shelf li")).to_have_count(2)  # joined: the snapshot is in
        console.click("#go-live")
        expect(console.locator("#state")).to_have_text("live")
        expect(page.locator("#state")).to_have_text("live")
        expect(page.locator("#shelf li")).to_have_count(2)
        expect(console.locator("#online")).to_have_text("2")

        console.locator(f"#shelf li[data-product-id='{r.product_ids[1]}'] button").click()
        expect(page.locator("#pinned")).to_have_text("Pu'er")
        expect(page.locator(f"#shelf li[data-product-id='{r.product_ids[1]}']")) \
            .to_have_class("pinned")

        page.fill("#text", "how fresh is it?")
        page.click("#send")
        expect(console.locator("#messages li").last).to_have_text("alice: how fresh is it?")
        page.click("#like")
        expect(page.locator("#likes")).to_have_text("1")
        expect(console.locator("#likes")).to_have_text("1")
        expect(console.locator("#msgs")).to_have_text("1")
        # the chart: one point per statistics push; the newest is 2 online of a max of 2
        expect(console.locator("#line")).to_have_attribute("points", re.compile(r"\S+,10$"))
        # (a flat line has no height, so it is the chart that must be on screen)
        expect(console.locator("#chart")).to_be_visible()

        console.fill("#sale-sku", str(r.sku_ids[0]))
        console.fill("#sale-price", "600")
        console.fill("#sale-quota", "3")
        console.click("#sale-start")
        sale = page.locator("#sale-list li")
        expect(sale).to_have_count(1)
        expect(sale.locator(".price")).to_have_text("6.00")
        expect(sale.locator(".left")).to_have_text("3")
        expect(sale.locator(".countdown")).to_have_text(re.compile(r"^(59\d|600)$"))
        sale.locator(".grab").click()
        expect(page.locator("#status")).to_have_text(re.compile(r"^order \d+$"))
        placed = int(page.locator("#status").inner_text().split()[1])
        expect(sale.locator(".left")).to_have_text("2")  # pushed on /flashsale

        console.fill("#coupon-amount", "500")
        console.fill("#coupon-n", "1")
        console.click("#coupon-drop")
        coupon = page.locator("#coupon-list li")
        expect(coupon.locator(".terms")).to_have_text("¥5.00 off")
        expect(coupon.locator(".left")).to_have_text("1")
        coupon.locator("button").click()
        expect(coupon.locator(".left")).to_have_text("0")

        console.fill("#prize", "Tea set")
        console.fill("#keyword", "fresh")
        console.click("#lottery-open")
        expect(console.locator("#winners-list")).to_have_text("open")
        page.wait_for_timeout(2100)  # one chat message per 2 s
        page.fill("#text", "so fresh!")  # keyword senders count from the opening
        page.click("#send")
        expect(console.locator("#messages li").last).to_have_text("alice: so fresh!")
        console.click("#draw")
        expect(console.locator("#winners-list")).to_have_text(str(alice))
        expect(page.locator("#messages li").last).to_have_text(f"📣 Lottery winners: {alice}")
    finally:
        console_ctx.close()
        viewer_ctx.close()
    assert VIOLATIONS == [], VIOLATIONS  # live.css, live.js: nothing inline

    with transaction() as s:
        orders = s.scalars(select(Order).where(Order.buyer_id == alice)).all()
        assert [(o.id, o.room_id, o.host_id, o.total_fen) for o in orders] == \
            [(placed, r.id, r.host_id, 600)]
    ws_base = base.replace("http://", "ws://")
    for urls in (asked, console_asked):
        assert any(u.endswith("/static/live/socket.io.min.js") for u in urls)
        assert all(u.startswith((base, ws_base)) for u in urls), urls
        # the sockets upgraded to websockets, as under production's server
        assert any(u.startswith(f"{ws_base}/socket.io/?EIO=4&transport=websocket")
                   for u in urls), urls


def test_the_js_client_of_a_refused_connection_gets_err_data_code(browser, server, app,  # noqa: F811
                                                                  room):
    """The vendored socket.io-client: connect_error's err.data is {code,
    message} and err.message the message; the viewer page shows the code."""
    r = room(live=False)
    ctx, page, _asked = _page(browser, f"{server.url}/live/{r.id}#token=forged")
    try:
        expect(page.locator("#status")).to_have_text("invalid_token")
        seen = page.evaluate("""() => new Promise((resolve) => {
            const s = io("/live", { auth: { token: "forged" }, forceNew: true });
            s.on("connect_error", (err) => resolve({ message: err.message, data: err.data }));
        })""")
    finally:
        ctx.close()
    message = "The token is not valid."
    assert seen == {"message": message, "data": {"code": "invalid_token", "message": message}}
