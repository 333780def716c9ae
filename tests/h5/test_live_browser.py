"""The live room as a buyer knows it, on a phone in Debian's chromium,
against a real `python -m app.serve` (its sockets: see tests/live/servers.py)
with the host on a python-socketio client: the room's video plays the demo
stream from its signed pull URL (the development CDN checks the signature),
the pinned product and the chat show over it; the host starts an in-room
flash sale and the buyer grabs it and pays without leaving the room; the
host drops a coupon she claims and opens a lottery she enters and wins.
The live rooms list leads to the room."""

from __future__ import annotations

import queue
import re

from playwright.sync_api import expect
from sqlalchemy import select

from app.catalog.models import Sku
from app.coupons.models import UserCoupon
from app.db import transaction
from app.orders.models import Order
from app.payments.setup import provider
from live.models import CouponClaim
from tests.browser import watching
from tests.h5.conftest import PHONE
from tests.h5.steps import sign_in
from tests.live.conftest import token_of
from tests.live.servers import serve, viewer
from tests.payments.conftest import run_jobs
from tests.screenshots import keep

ROOMS = "/api/v1/merchants/{}/live/rooms"
NAME = "h5_live_room"
PLAYED_PAST = "(t) => (document.querySelector('[data-testid=live-video]') || {}).currentTime > t"


def _video_time(page) -> float:
    return page.evaluate("() => document.querySelector('[data-testid=live-video]').currentTime")


def _room(client, make) -> tuple[int, int, list[int]]:
    shop = make.merchant("host", name="西湖茶庄")
    skus = make.product(shop, skus=((12_800, 30),), title="明前龙井 特级")
    skus += make.product(shop, skus=((9_900, 20),), title="云南普洱茶饼")
    with transaction() as s:
        products = [s.get(Sku, sku).product_id for sku in skus]
    host = make.login("host")
    room = client.post(ROOMS.format(shop), headers=host, json={
        "title": "明前龙井开采节", "shelf": products}).json["id"]
    assert client.post(f"{ROOMS.format(shop)}/{room}/state", headers=host,
                       json={"state": "live"}).status_code == 200
    return room, skus[0], products


def test_a_buyer_watches_grabs_in_the_room_pays_claims_and_wins(
        browser, app, client, make, tmp_path, demo_stream, monkeypatch):
    room, sku, products = _room(client, make)
    alice = make.user("alice")  # her nickname is "alice"
    make.address("alice")  # the grab's order is sent there
    (tmp_path / "server-a").mkdir()
    (tmp_path / "server-a" / "live-demo").symlink_to(demo_stream)
    with serve(app, tmp_path) as server, watching(browser, server.url, **PHONE) as phone:
        heard: queue.Queue = queue.Queue()
        host = viewer(server.url, token_of(app, make.user("host")))
        host.on("chat", lambda m: heard.put(m), namespace="/live")

        def call(event, **data):
            answer = host.call(event, {"room_id": room, **data}, namespace="/live", timeout=10)
            assert "error" not in answer, answer
            return answer
        call("join")
        call("pin", product_id=products[0])
        call("chat", text="欢迎来到直播间，今天试喝明前龙井")

        page = phone.page()
        page.goto(server.url + "/h5/#/signin?next=/live")
        sign_in(page, "alice")
        card = page.get_by_test_id(f"live-room-{room}")
        expect(card).to_contain_text("明前龙井开采节")
        expect(card).to_contain_text("直播中")
        keep(page, NAME, "list")
        card.click()
        expect(page.get_by_test_id("live-host")).to_contain_text("host")

        # the video plays the demo stream: its time goes on
        page.wait_for_function(PLAYED_PAST, arg=0.2, timeout=30_000)
        before = _video_time(page)
        page.wait_for_function(PLAYED_PAST, arg=before + 1.0, timeout=15_000)
        assert _video_time(page) > before + 1.0
        assert page.evaluate("() => document.querySelector('[data-testid=live-video]').src")\
            .startswith("blob:")  # hls.js over Media Source
        expect(page.get_by_test_id("live-pinned")).to_contain_text("明前龙井 特级")
        expect(page.get_by_test_id("live-pinned")).to_contain_text("讲解中")
        expect(page.get_by_test_id("live-pinned")).to_contain_text("¥128.00")
        chat = page.get_by_test_id("live-chat")
        expect(chat).to_contain_text("host：欢迎来到直播间，今天试喝明前龙井")
        expect(page.get_by_test_id("live-online")).to_contain_text("人在看")

        page.get_by_test_id("live-input").fill("想要一罐")
        page.get_by_test_id("live-send").click()
        expect(chat).to_contain_text("alice：想要一罐")
        assert heard.get(timeout=10)["text"] == "欢迎来到直播间，今天试喝明前龙井"
        assert heard.get(timeout=10)["text"] == "想要一罐"  # the host hears her
        page.get_by_test_id("live-like").click()
        expect(page.get_by_test_id("live-heart").first).to_be_attached()
        keep(page, NAME, "watching")

        page.get_by_test_id("live-shelf-open").click()
        shelf = page.get_by_test_id("live-shelf")
        expect(shelf).to_contain_text("本场商品（2）")
        expect(shelf).to_contain_text("云南普洱茶饼")
        keep(page, NAME, "shelf")
        page.locator(".van-overlay").last.click()
        expect(shelf).to_be_hidden()

        # the host starts an in-room flash sale: the buyer grabs and pays in place
        sale = call("sale_start", sku_id=sku, price_fen=9_900, quota=5, minutes=10)["sale"]
        box = page.get_by_test_id("live-sale")
        expect(box).to_contain_text("直播秒杀")
        expect(page.get_by_test_id("live-sale-price")).to_have_text("¥99.00")
        expect(page.get_by_test_id("live-sale-left")).to_have_text("剩 5 件")
        expect(page.get_by_test_id("live-sale-countdown")).to_have_text(
            re.compile(r"0[89]:\d\d|10:00"))
        keep(page, NAME, "flash-sale")
        page.get_by_test_id("live-grab").click()
        sheet = page.get_by_test_id("live-pay")
        expect(sheet).to_contain_text("抢到了！请支付")
        expect(page.get_by_test_id("live-pay-amount")).to_have_text("¥99.00")
        expect(page.get_by_test_id("live-sale-left")).to_have_text("剩 4 件")
        expect(page.get_by_test_id("live-pay-address")).to_contain_text(
            "alice recipient 13812341234")
        keep(page, NAME, "grabbed")
        with app.app_context():
            monkeypatch.setattr(provider(), "notify_url", server.url + "/pay/notify/wechat")
        with page.expect_response(lambda r: "/sandbox/orders/" in r.url) as paid:
            page.get_by_test_id("live-pay-confirm").click()
        assert paid.value.status == 202
        assert run_jobs(app, "payments") == 1  # the sandbox's notice, posted to the server
        expect(page.get_by_test_id("live-paid")).to_contain_text("已付款")
        expect(sheet).to_contain_text("支付成功")
        expect(page.get_by_test_id("live-pay-amount")).to_have_text("¥99.00")
        keep(page, NAME, "paid")
        with transaction() as s:
            order = s.scalars(select(Order).where(Order.buyer_id == alice)).one()
            assert (order.status, order.total_fen, order.room_id, order.ship_to_name) == (
                "to_ship", 9_900, room, "alice recipient")
            assert sale["price_fen"] == 9_900
        page.locator(".van-popup__close-icon").click()
        expect(sheet).to_be_hidden()

        # a coupon drop to claim, a lottery to enter
        drop = call("coupon_drop", amount_fen=500, quantity=10)["drop"]
        coupon = page.get_by_test_id(f"live-coupon-{drop['id']}")
        expect(coupon).to_contain_text("¥5.00")
        expect(coupon).to_contain_text("剩 10 张")
        coupon.get_by_test_id("live-claim").click()
        expect(coupon).to_contain_text("已领取")
        expect(coupon).to_contain_text("剩 9 张")
        lottery = call("lottery_open", prize="明前龙井一罐", winners=1, qualify="keyword",
                       keyword="龙井")["lottery"]
        box = page.get_by_test_id("live-lottery")
        expect(box).to_contain_text("发送口令「龙井」参与")
        keep(page, NAME, "coupon-and-lottery")
        box.get_by_test_id("live-lottery-enter").click()
        expect(box).to_contain_text("已参与")
        expect(chat).to_contain_text("alice：龙井")
        call("lottery_draw", lottery_id=lottery["id"])
        expect(page.get_by_test_id("live-lottery-result")).to_contain_text(
            "恭喜你抽中 明前龙井一罐！")
        keep(page, NAME, "won")
        with transaction() as s:
            claims = s.scalars(select(CouponClaim).where(CouponClaim.drop_id == drop["id"])).all()
            assert [c.user_id for c in claims] == [alice]
            assert s.get(UserCoupon, claims[0].coupon_id).user_id == alice
        host.disconnect()


def test_a_guest_watches_the_flv_pull_url_with_mpegts(browser, app, client, make, tmp_path,
                                                      demo_stream):
    room, _, _ = _room(client, make)
    (tmp_path / "server-a").mkdir()
    (tmp_path / "server-a" / "live-demo").symlink_to(demo_stream)
    with serve(app, tmp_path, extra_env={"LIVE_PULL_FORMAT": "flv"}) as server, \
            watching(browser, server.url, **PHONE) as phone:
        page = phone.page()
        with page.expect_response(lambda r: f"/cdn/live/room{room}.flv?txSecret=" in r.url) \
                as asked:
            page.goto(server.url + f"/h5/#/live/{room}")
        assert asked.value.status == 200
        expect(page.get_by_test_id("live-host")).to_contain_text("host")
        page.wait_for_function(PLAYED_PAST, arg=1.0, timeout=30_000)
        assert page.evaluate("() => typeof window.mpegts") == "object"
        expect(page.get_by_test_id("live-send")).to_be_visible()
        keep(page, "h5_live_room_flv", "guest")
