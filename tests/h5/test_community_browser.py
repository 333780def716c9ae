"""A new buyer opens a community's invite link, signs in, joins, reads the
announcement its owner posts and shows the pickup code of her order there
as a QR code that decodes to the code the server keeps."""

from __future__ import annotations

from io import BytesIO

import zxingcpp
from PIL import Image
from playwright.sync_api import expect

from tests.community.conftest import Hood
from tests.h5.steps import sign_in
from tests.screenshots import keep


def decoded(png: bytes) -> list[str]:
    return [code.text for code in zxingcpp.read_barcodes(Image.open(BytesIO(png)))]


def test_a_new_buyer_joins_by_invite_link_and_reads_the_news_and_her_pickup_code(
        app, client, make, sandbox, phone, h5_url, base_url, monkeypatch, request):
    monkeypatch.setattr(app.extensions["mall.settings"], "public_base_url", base_url)
    hood = Hood(app, client, make, sandbox)
    make.user("olga")  # made before her first sign-in: her nickname is her name
    community = hood.community(owner="olga", name="枫林社区")
    point = hood.leader("lily", community, point="3 号门自提点")
    _, sku = hood.product(1990, title="有机青菜")
    share = hood.mp_as("olga", "POST", "/shares", json={
        "kind": "community", "target_id": community["id"], "channel": "wechat_chat"})
    assert share.status_code == 201, share.json

    page = phone.page()
    page.goto(f"{h5_url}#/join/{share.json['scene']}")
    sign_in(page, "nina")
    expect(page.get_by_test_id("join-title")).to_have_text("枫林社区")
    expect(page.get_by_test_id("join-card")).to_contain_text("olga 分享给你")
    expect(page.get_by_test_id("join-card")).to_contain_text("2 位成员")  # owner and leader
    keep(page, request.node.name, "invited")
    page.get_by_test_id("join-accept").click()
    expect(page.get_by_test_id("community-head")).to_contain_text("3 位成员")
    expect(page.get_by_test_id("community-head")).to_contain_text("成员")
    expect(page.get_by_test_id("community-leave")).to_be_visible()

    posted = hood.mp_as("olga", "POST", f"/communities/{community['id']}/announcements",
                        json={"title": "周六到货",
                              "body": "有机青菜周六上午到 3 号门，请带取货码。"})
    assert posted.status_code == 201, posted.json
    order_id = hood.pickup_order("nina", [(sku, 2)], point)
    code = hood.code_of("nina", order_id)

    page.reload()
    news = page.get_by_test_id(f"announcement-{posted.json['id']}")
    expect(news).to_contain_text("周六到货")
    expect(news).to_contain_text("有机青菜周六上午到 3 号门，请带取货码。")
    keep(page, request.node.name, "announcement")
    assert hood.mp_as("nina", "GET", "/inbox").json["unread"] == 0  # shown: read

    page.get_by_test_id("community-tabs").get_by_role("tab", name="自提").click()
    expect(page.get_by_test_id(f"pickup-{order_id}")).to_contain_text("待取货")
    expect(page.get_by_test_id("pickup-points")).to_contain_text("3 号门自提点")
    keep(page, request.node.name, "pickups")
    page.get_by_test_id(f"pickup-{order_id}").click()
    expect(page.get_by_test_id("pickup-code")).to_have_text(code)
    expect(page.get_by_test_id("pickup")).to_contain_text("3 号门自提点")
    expect(page.get_by_test_id("pickup")).to_contain_text("09:00-21:00")
    qr = page.get_by_test_id("pickup-qr")
    expect(qr).to_be_visible()
    page.wait_for_function("() => document.querySelector('[data-testid=pickup-qr]')"
                           ".getContext('2d').getImageData(240, 240, 1, 1).data[3] === 255")
    assert decoded(qr.screenshot()) == [code]
    keep(page, request.node.name, "pickup-code")


def test_a_buyer_joins_by_invite_code_sees_her_communities_and_leaves(
        app, client, make, sandbox, phone, h5_url, request):
    hood = Hood(app, client, make, sandbox)
    community = hood.community(owner="olga", name="枫林社区")

    page = phone.page()
    page.goto(h5_url + "#/me")
    sign_in(page, "tess")
    page.get_by_test_id("me-communities").click()
    expect(page.get_by_text("还没有加入社群")).to_be_visible()
    page.get_by_test_id("invite-code-input").locator("input").fill("NOSUCHCODE")
    page.get_by_test_id("invite-code-join").click()
    expect(page.locator(".van-toast")).to_contain_text("邀请码无效")
    keep(page, request.node.name, "wrong-code")
    page.get_by_test_id("invite-code-input").locator("input").fill(community["invite_code"])
    page.get_by_test_id("invite-code-join").click()
    expect(page.get_by_test_id("community-head")).to_contain_text("2 位成员")
    expect(page.get_by_test_id("community-head")).not_to_contain_text("邀请码")  # owners' only
    page.get_by_test_id("community-tabs").get_by_role("tab", name="自提").click()
    expect(page.get_by_test_id("my-pickups")).to_contain_text("没有自提订单")
    page.get_by_test_id("community-invite").click()
    expect(page.get_by_test_id("community-share")).to_contain_text(f"{h5_url}#/join/c")
    page.get_by_test_id("community-leave").click()
    page.locator(".van-dialog__confirm").click()
    expect(page.get_by_text("还没有加入社群")).to_be_visible()
    keep(page, request.node.name, "left")
    assert hood.mp_as("tess", "GET", "/communities").json["items"] == []
