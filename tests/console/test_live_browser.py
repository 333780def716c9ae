"""The console's live pages in Debian's chromium. The host console runs
against a real `python -m app.serve` process (its sockets: see
tests/live/servers.py) with a viewer on a python-socketio client over
loopback: the owner pins a product, drops a coupon picked by name, draws a
lottery won by the viewer's nickname, and mutes the viewer from the chat
line; the viewer hears each and its next message is refused. Scheduling a
room picks its shelf by product name and its start in China time."""

from __future__ import annotations

import queue
import re
import time
from datetime import datetime

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.catalog.models import Sku
from app.db import transaction
from live import signing
from live.models import LiveRoom, Moderation, ShelfItem
from tests import screenshots
from tests.browser import Watched
from tests.conftest import iso
from tests.console.helpers import menu_items, sign_in, staff
from tests.live.conftest import token_of
from tests.live.servers import serve, socket_client

ROOMS = "/api/v1/merchants/{}/live/rooms"


class Viewer:
    """A viewer on /live over the network, keeping the events it hears."""

    HEARD = ("pinned", "sale", "coupon", "lottery", "muted", "shelf")

    def __init__(self, url: str, token: str):
        self.heard: queue.Queue = queue.Queue()
        self.client = socket_client(reconnection=False)
        for name in self.HEARD:
            self.client.on(name, lambda data, name=name: self.heard.put((name, data)),
                           namespace="/live")
        self.client.connect(url, namespaces=["/live"], transports=["websocket"],
                            auth={"token": token}, wait_timeout=10)

    def call(self, event: str, data: dict):
        return self.client.call(event, data, namespace="/live", timeout=10)

    def next(self, name: str, timeout: float = 10):
        while True:
            got, data = self.heard.get(timeout=timeout)
            if got == name:
                return data


@pytest.fixture
def server(app, tmp_path):
    with serve(app, tmp_path) as running:
        yield running


def _shop(client, make):
    shop = make.merchant("owner", name="西湖茶庄")
    staff(make, "owner")
    skus = make.product(shop, skus=((12_800, 30), (25_600, 10)), title="明前龙井")
    skus += make.product(shop, skus=((9_900, 20),), title="普洱茶饼")
    with transaction() as s:
        products = list(dict.fromkeys(s.get(Sku, i).product_id for i in skus))
    return shop, products, skus


def test_the_host_console_pins_drops_draws_and_mutes(browser, server, app, client, make,
                                                     request):
    shop, products, skus = _shop(client, make)
    owner = make.login("owner")
    room = client.post(ROOMS.format(shop), headers=owner, json={
        "title": "龙井开采节", "scheduled_at": iso(hours=12), "shelf": products}).json["id"]
    assert client.post(f"{ROOMS.format(shop)}/{room}/state", headers=owner,
                       json={"state": "live"}).status_code == 200
    coupons = f"/api/v1/merchants/{shop}/coupons"
    coupon = client.post(coupons, headers=owner, json={
        "name": "直播专享券", "kind": "amount_off", "amount_fen": 500, "min_spend_fen": 5000,
        "total": 100, "valid_from": iso(), "valid_until": iso(days=6)}).json["id"]
    assert client.post(f"{coupons}/{coupon}/activate", headers=owner).status_code == 200
    alice = make.user("阿梅")
    viewer = Viewer(server.url, token_of(app, alice))
    watched = Watched(browser, server.url)
    try:
        assert viewer.call("join", {"room_id": room})["ok"]
        page = watched.page()
        sign_in(page, server.url + "/console/", "owner")
        page.locator("[data-testid=menu] .el-menu-item[data-path='/live-rooms']").click()
        rows = page.locator("[data-testid=rooms-table] .el-table__body tr")
        expect(rows).to_have_count(1)
        expect(rows.first).to_contain_text("龙井开采节")
        expect(rows.first).to_contain_text("直播中")
        rows.first.locator("[data-action=console]").click()

        expect(page.get_by_test_id("room-name")).to_have_text("龙井开采节")
        expect(page.get_by_test_id("socket-status")).to_have_text("已连接")
        push = _field(page, "push-url")
        expect(push).to_have_value(re.compile(
            rf"^rtmp://127\.0\.0\.1:1935/live/room{room}\?txSecret=[0-9a-f]{{32}}&txTime=[0-9A-F]+$"))
        _check_signed(app, push.input_value(), f"room{room}")
        expect(page.locator("[data-stat=online] .stat-value")).to_have_text("2")
        shelf = page.locator("[data-testid=shelf-table] .el-table__body tr")
        expect(shelf).to_have_count(2)
        expect(shelf.nth(0)).to_contain_text("128.00")
        shelf.nth(1).locator("[data-action=pin]").click()
        expect(shelf.nth(1).get_by_test_id("explaining")).to_have_text("讲解中")
        pinned = viewer.next("pinned")
        assert (pinned["product"]["product_id"], pinned["product"]["title"]) == \
            (products[1], "普洱茶饼")

        shelf.nth(0).locator("[data-action=sale]").click()
        sale_dialog = page.locator(".el-dialog", has_text="直播间秒杀：明前龙井")
        _field(sale_dialog, "sale-price").fill("88")
        _field(sale_dialog, "sale-price").press("Tab")
        sale_dialog.get_by_test_id("sale-submit").click()
        sale = viewer.next("sale")["sale"]
        assert (sale["title"], sale["sku_id"], sale["price_fen"], sale["quota"]) == \
            ("明前龙井", skus[0], 8_800, 10)
        expect(page.get_by_test_id("sales")).to_contain_text("明前龙井 · ¥88.00")

        page.locator("#tab-coupon").click()
        page.get_by_test_id("drop-coupon").click()
        page.locator(".el-select-dropdown__item", has_text="直播专享券").click()
        _field(page, "drop-quantity").fill("3")
        _field(page, "drop-quantity").press("Tab")
        page.get_by_test_id("drop-submit").click()
        drop = viewer.next("coupon")["drop"]
        assert {k: drop[k] for k in ("coupon_id", "name", "amount_fen", "min_spend_fen",
                                     "quantity", "left")} == {
            "coupon_id": coupon, "name": "直播专享券", "amount_fen": 500,
            "min_spend_fen": 5000, "quantity": 3, "left": 3}
        expect(page.get_by_test_id("drops")).to_contain_text("直播专享券 · 满 50.00 减 5.00 元")
        expect(page.get_by_test_id("drops")).to_contain_text("剩余 3 / 3")

        assert viewer.call("like", {"room_id": room, "count": 3})["ok"]
        expect(page.locator("[data-stat=likes] .stat-value")).to_have_text("3")
        page.locator("#tab-lottery").click()
        _field(page, "lottery-prize").fill("紫砂壶")
        page.get_by_test_id("lottery-open").click()
        expect(page.get_by_test_id("lottery-result")).to_contain_text("紫砂壶 · 抽奖已发起")
        page.get_by_test_id("lottery-draw").click()
        expect(page.get_by_test_id("winner")).to_have_text(["阿梅"])
        assert viewer.next("lottery")["lottery"]["winner_names"] == \
            [{"user_id": alice, "nickname": "阿梅"}]
        _keep(page, request, "console")

        page.locator("#tab-chat").click()
        assert viewer.call("chat", {"room_id": room, "text": "这款龙井多少钱？"})["ok"]
        line = page.get_by_test_id("chat-line").last
        expect(line.locator(".chat-name")).to_have_text("阿梅")
        expect(line).to_contain_text("这款龙井多少钱？")
        expect(page.locator("[data-stat=messages] .stat-value")).to_have_text("1")
        line.click()
        dialog = page.locator(".el-dialog", has_text="管理观众：阿梅")
        expect(dialog).to_be_visible()
        _keep(page, request, "viewer-actions")
        dialog.get_by_test_id("viewer-mute").click()
        expect(page.locator(".el-message--success").last).to_have_text("已禁言 阿梅")
        expect(line.get_by_test_id("chat-mark")).to_have_text("已禁言")
        muted = viewer.next("muted")
        assert (muted["room_id"], muted["user_id"]) == (room, alice)
        refused = viewer.call("chat", {"room_id": room, "text": "还在吗？"})
        assert refused["error"]["code"] == "muted"
        _keep(page, request, "muted")

        page.get_by_test_id("shelf-edit").click()
        shelf_dialog = page.locator(".el-dialog", has_text="编辑商品")
        shelf_dialog.locator(".el-tag", has_text="明前龙井").locator(".el-tag__close").click()
        shelf_dialog.get_by_test_id("shelf-save").click()
        assert [p["title"] for p in viewer.next("shelf")["shelf"]] == ["普洱茶饼"]
        expect(shelf).to_have_count(1)
        expect(shelf.first.get_by_test_id("explaining")).to_have_text("讲解中")
        _keep(page, request, "shelf")
    finally:
        viewer.client.disconnect()
        watched.close()
    watched.check()
    with transaction() as s:
        rows = s.execute(select(Moderation.room_id, Moderation.user_id, Moderation.action,
                                Moderation.by_id)).all()
        owner_id = s.get(LiveRoom, room).host_id
    assert [tuple(r) for r in rows] == [(room, alice, "mute", owner_id)]


def _keep(page, request, step: str) -> None:
    """A screenshot from the top of the page (the sticky bars stay in place)."""
    page.evaluate("window.scrollTo(0, 0)")
    screenshots.keep(page, request.node.name, step)


def _field(scope, test_id: str):
    """The input of a form field (Element Plus puts the test id on the input
    of some fields, on the wrapper of others)."""
    return scope.locator(f"input[data-testid={test_id}], [data-testid={test_id}] input")


def _check_signed(app, url: str, stream: str) -> None:
    """Signed with the push key the server derives from its secret, for a day."""
    query = dict(part.split("=") for part in url.split("?", 1)[1].split("&"))
    key = app.extensions["mall.settings"].live_push_key
    signing.verify(key, stream, query["txSecret"], query["txTime"], int(time.time()))
    assert int(query["txTime"], 16) > time.time() + 23 * 3600


def test_scheduling_a_room_with_products_picked_by_name(pages, console_url, client, make,
                                                       request):
    shop, products, _ = _shop(client, make)
    host = staff(make, "小美", "merchant_operator", shop)
    page = pages.page()
    sign_in(page, console_url, "owner")
    page.locator("[data-testid=menu] .el-menu-item[data-path='/live-rooms']").click()
    expect(page.get_by_test_id("page-title")).to_have_text("直播间")
    page.get_by_test_id("schedule-open").click()
    dialog = page.locator(".el-dialog", has_text="创建直播间")
    dialog.get_by_test_id("schedule-submit").click()
    expect(dialog.locator(".el-form-item__error")).to_have_text(["请输入直播标题",
                                                                 "请选择开播时间"])
    _field(dialog, "room-title").fill("春茶上新夜")
    start = dialog.locator(".el-date-editor input")
    start.fill("2031-04-01 20:00")
    start.press("Enter")
    dialog.get_by_test_id("room-host").click()
    page.locator(".el-select-dropdown__item:visible", has_text="小美").click()
    picker = dialog.get_by_test_id("room-shelf")
    picker.click()
    picker.locator("input").fill("普洱")
    options = page.locator(".el-select-dropdown__item:visible")
    expect(options).to_have_count(1)
    options.first.click()
    picker.locator("input").fill("龙井")
    page.locator(".el-select-dropdown__item:visible", has_text="明前龙井").click()
    _keep(page, request, "form")
    dialog.get_by_test_id("schedule-submit").click()
    rows = page.locator("[data-testid=rooms-table] .el-table__body tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("春茶上新夜")
    expect(rows.first).to_contain_text("未开播")
    expect(rows.first).to_contain_text("2031-04-01 20:00")
    expect(rows.first).to_contain_text("小美")
    with transaction() as s:
        made = s.scalars(select(LiveRoom)).one()
        shelf = list(s.scalars(select(ShelfItem.product_id).where(ShelfItem.room_id == made.id)
                               .order_by(ShelfItem.position)))
    assert (made.title, made.state, made.host_id, made.scheduled_at, shelf) == (
        "春茶上新夜", "scheduled", host, datetime.fromisoformat("2031-04-01T12:00:00+00:00"),
        [products[1], products[0]])

    rows.first.locator("[data-action=start]").click()
    expect(rows.first).to_contain_text("直播中")
    rows.first.locator("[data-action=end]").click()
    page.locator(".el-message-box").get_by_role("button", name="确定").click()
    expect(rows.first).to_contain_text("已结束")
    expect(page.locator("[data-testid=rooms-table] .el-loading-mask")).to_have_count(0)
    _keep(page, request, "list")
    with transaction() as s:
        assert s.get(LiveRoom, made.id).state == "ended"


def test_a_host_sees_only_their_own_room(pages, console_url, client, make, request):
    shop, _, _ = _shop(client, make)
    owner = make.login("owner")
    mine, other = (client.post(ROOMS.format(shop), headers=owner, json={
        "title": title, "scheduled_at": iso(hours=12)}).json["id"]
        for title in ("龙井开采节", "普洱专场"))
    staff(make, "xiaomei", "live_host", mine)
    page = pages.page()
    sign_in(page, console_url, "xiaomei")
    expect(page.get_by_test_id("page-title")).to_have_text("直播间")
    assert menu_items(page) == ["直播间"]
    rows = page.locator("[data-testid=rooms-table] .el-table__body tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("龙井开采节")
    expect(page.get_by_test_id("schedule-open")).to_have_count(0)
    _keep(page, request, "list")
    page.goto(f"{console_url}#/live-rooms?room={other}")
    expect(page.locator(".el-message--error")).to_have_text("没有权限执行此操作")
