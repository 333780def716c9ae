"""The viewer page in Debian's chromium (Playwright), served by a real
`python -m app.serve` process (gevent, websockets) on the test database and
Redis: the host (over its own socket) goes live, pins, starts a sale, drops
a coupon and draws a lottery; the viewer sees the pin, chats, likes, grabs
and claims. Every asset comes from the app. A refused connection shows its
code (err.data.code). The old host console address leads to the console."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.db import transaction
from app.orders.models import Order
from tests.live.conftest import token_of
from tests.live.servers import serve, viewer
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


def test_the_viewer_page_over_a_real_server(browser, server, app, room, make):  # noqa: F811
    """The host acts over its own socket (the host console is the merchant
    console's page: tests/console/test_live_browser.py)."""
    r = room(live=False)
    alice = make.user("alice")
    base = server.url
    host = viewer(base, token_of(app, r.host_id))
    viewer_ctx, page, asked = _page(browser, f"{base}/live/{r.id}#token={token_of(app, alice)}")

    def act(event, **data):
        answer = host.call(event, {"room_id": r.id, **data}, namespace="/live", timeout=10)
        assert answer["ok"], (event, answer)
        return answer
    try:
        act("join")
        expect(page.locator("#state")).to_have_text("scheduled")
        expect(page.locator("#shelf li")).to_have_count(2)  # joined: the snapshot is in
        act("set_state", state="live")
        expect(page.locator("#state")).to_have_text("live")

        act("pin", product_id=r.product_ids[1])
        expect(page.locator("#pinned")).to_have_text("Pu'er")
        expect(page.locator(f"#shelf li[data-product-id='{r.product_ids[1]}']")) \
            .to_have_class("pinned")

        page.fill("#text", "how fresh is it?")
        page.click("#send")
        expect(page.locator("#messages li").last).to_have_text("alice: how fresh is it?")
        page.click("#like")
        expect(page.locator("#likes")).to_have_text("1")

        act("sale_start", sku_id=r.sku_ids[0], price_fen=600, quota=3, minutes=10)
        sale = page.locator("#sale-list li")
        expect(sale).to_have_count(1)
        expect(sale.locator(".price")).to_have_text("6.00")
        expect(sale.locator(".left")).to_have_text("3")
        expect(sale.locator(".countdown")).to_have_text(re.compile(r"^(59\d|600)$"))
        sale.locator(".grab").click()
        expect(page.locator("#status")).to_have_text(re.compile(r"^order \d+$"))
        placed = int(page.locator("#status").inner_text().split()[1])
        expect(sale.locator(".left")).to_have_text("2")  # pushed on /flashsale

        act("coupon_drop", amount_fen=500, quantity=1)
        coupon = page.locator("#coupon-list li")
        expect(coupon.locator(".terms")).to_have_text("¥5.00 off")
        expect(coupon.locator(".left")).to_have_text("1")
        coupon.locator("button").click()
        expect(coupon.locator(".left")).to_have_text("0")

        lottery = act("lottery_open", prize="Tea set", winners=1, qualify="keyword",
                      keyword="fresh")["lottery"]
        page.wait_for_timeout(2100)  # one chat message per 2 s
        page.fill("#text", "so fresh!")  # keyword senders count from the opening
        page.click("#send")
        expect(page.locator("#messages li").last).to_have_text("alice: so fresh!")
        drawn = act("lottery_draw", lottery_id=lottery["id"])["lottery"]
        assert drawn["winner_names"] == [{"user_id": alice, "nickname": "alice"}]
        expect(page.locator("#messages li").last).to_have_text(f"📣 Lottery winners: {alice}")
    finally:
        viewer_ctx.close()
        host.disconnect()
    assert VIOLATIONS == [], VIOLATIONS  # live.css, live.js: nothing inline

    with transaction() as s:
        orders = s.scalars(select(Order).where(Order.buyer_id == alice)).all()
        assert [(o.id, o.room_id, o.host_id, o.total_fen) for o in orders] == \
            [(placed, r.id, r.host_id, 600)]
    ws_base = base.replace("http://", "ws://")
    assert any(u.endswith("/static/live/socket.io.min.js") for u in asked)
    assert all(u.startswith((base, ws_base)) for u in asked), asked
    # the socket upgraded to websockets, as under production's server
    assert any(u.startswith(f"{ws_base}/socket.io/?EIO=4&transport=websocket") for u in asked), \
        asked


def test_the_old_host_console_address_leads_to_the_console(client, room):
    r = room(live=False)
    resp = client.get(f"/live/{r.id}/console")
    assert (resp.status_code, resp.headers["Location"]) == \
        (302, f"/console/#/live-rooms?room={r.id}&merchant={r.merchant_id}")
    assert client.get("/live/999/console").status_code == 404


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
