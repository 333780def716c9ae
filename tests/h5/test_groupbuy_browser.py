"""A group-buy from a share link to a review, on phones through the real
server: the leader (paid) invites from the group page, whose poster and link
are the server's share; a new buyer opens the link, lands on the group page
in /h5/, signs in, joins, gives an address and pays in the sandbox; the
group completes; the merchant ships; the carrier's signed push arrives; she
sees the package's timeline, writes a review with stars, words and a
photo, and the product page shows it."""

from __future__ import annotations

import io
from datetime import timedelta

from PIL import Image
from playwright.sync_api import expect
from sqlalchemy import select

from app import clock
from app.auth.models import User
from app.db import transaction
from app.orders.models import Order
from app.payments.setup import provider
from app.reviews.models import Review
from groupbuy.models import Group
from tests.conftest import drain_events
from tests.h5.steps import fill_address, sign_in
from tests.payments.conftest import NOTIFY, run_jobs
from tests.screenshots import keep
from tests.tracking.conftest import post_push

TRACKING_NO = "SF3000000000001"
HANGZHOU_XIHU = ("浙江省", "杭州市", "西湖区")
SIGNED = "快件已签收，签收人：本人"
COLLECTED = "快件已由【深圳南山科技园营业点】揽收"
SHOT = "h5_groupbuy"


def _paid(client, sandbox, order_id: int, headers: dict) -> None:
    prepay = client.post(f"/mp/v1/orders/{order_id}/pay", headers=headers)
    assert prepay.status_code == 200, prepay.json
    h, body = sandbox.notice(sandbox.pay(prepay.json["out_trade_no"], clock.now()), clock.now())
    assert client.post(NOTIFY, data=body, headers=h).status_code == 204


def _group_activity(client, shop) -> int:
    resp = client.post(f"/api/v1/merchants/{shop.merchant_id}/group-activities",
                       headers=shop.staff, json={
                           "title": "两人成团", "group_size": 2,
                           "skus": [{"sku_id": shop.skus[0], "group_price_fen": 800}],
                           "starts_at": (clock.now() - timedelta(hours=1)).isoformat(),
                           "ends_at": (clock.now() + timedelta(days=3)).isoformat()})
    assert resp.status_code == 201, resp.json
    return resp.json["id"]


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 120, 40)).save(out, "PNG")
    return out.getvalue()


def test_a_new_buyer_joins_from_a_share_link_pays_is_shipped_and_reviews(
        app, client, make, phone, h5_url, base_url, monkeypatch, shop, sandbox, tracker):
    monkeypatch.setattr(app.extensions["mall.settings"], "public_base_url", base_url)
    monkeypatch.setattr(provider(), "notify_url", base_url + NOTIFY)
    activity_id = _group_activity(client, shop)
    leo = make.login("leo")
    seat = client.post(f"/mp/v1/group-activities/{activity_id}/groups", headers=leo,
                       json={"sku_id": shop.skus[0]})
    assert seat.status_code == 201, seat.json
    group_id = seat.json["group"]["id"]
    _paid(client, sandbox, seat.json["order"]["id"], leo)
    drain_events()

    # the leader invites: the page makes the share and shows its poster and link
    leader = phone.page()
    leader.goto(h5_url + f"#/group/{group_id}")
    expect(leader.get_by_test_id("group-progress")).to_have_text("已有 1/2 人参团")
    leader.get_by_test_id("group-action").click()  # signed out: join asks to sign in
    sign_in(leader, "leo")
    expect(leader.get_by_test_id("group-in")).to_have_text("你已参团，邀请好友一起拼吧")
    with leader.expect_response(lambda r: r.url.endswith("/mp/v1/shares")) as made:
        leader.get_by_test_id("group-action").click()
    share = made.value.json()
    assert (share["kind"], share["target_id"]) == ("group", group_id)
    link = leader.get_by_test_id("share-link")
    expect(link).to_have_text(f"{base_url}/s/{share['scene']}")
    poster = leader.get_by_test_id("share-poster")
    expect(poster).to_have_js_property("complete", True)
    assert poster.evaluate("img => img.naturalWidth") > 300
    keep(leader, SHOT, "invite")

    # a new buyer opens the link: the landing leads to the group page in /h5/
    page = phone.page()
    page.goto(link.inner_text())
    expect(page.locator("h1")).to_have_text("两人成团")
    keep(page, SHOT, "landing")
    page.get_by_test_id("open-in-h5").click()
    expect(page.get_by_test_id("group-product")).to_have_text("Tea")
    expect(page.get_by_test_id("group-price")).to_have_text("¥8.00")
    expect(page.get_by_test_id("group-member")).to_have_count(1)
    leo_name = client.get("/mp/v1/me", headers=leo).json["nickname"]
    expect(page.get_by_test_id("group-member")).to_have_text(f"团长{leo_name}")
    expect(page.get_by_test_id("group-progress")).to_have_text("已有 1/2 人参团")
    expect(page.get_by_test_id("group-countdown")).to_contain_text("23:59:")
    expect(page.get_by_test_id("group-action")).to_have_text("立即参团 ¥8.00")
    keep(page, SHOT, "group")

    page.get_by_test_id("group-action").click()
    sign_in(page, "bea")
    expect(page.get_by_test_id("group-action")).to_have_text("立即参团 ¥8.00")
    page.get_by_test_id("group-action").click()
    # she has no address: the seat's address form opens at once
    expect(page.get_by_test_id("address-popup")).to_contain_text("新增收货地址")
    fill_address(page, "贝雅", "13812345678", HANGZHOU_XIHU, "文三路 90 号")
    page.locator(".van-address-edit").get_by_role("button", name="保存并使用").click()
    expect(page.get_by_test_id("group-address")).to_contain_text("浙江省杭州市西湖区 文三路 90 号")
    keep(page, SHOT, "seat")
    page.get_by_test_id("group-action").click()
    expect(page.get_by_test_id("pay-amount")).to_have_text("¥8.00")
    with page.expect_response(lambda r: "/sandbox/orders/" in r.url) as paid:
        page.get_by_test_id("pay-confirm").click()
    assert paid.value.status == 202
    assert run_jobs(app, "payments") == 1
    expect(page.get_by_test_id("order-status")).to_have_text("待发货")
    drain_events()
    bea_id = make.user("bea")
    with transaction() as s:
        group = s.get(Group, group_id)
        assert (group.status, group.paid_count) == ("completed", 2)
        order = s.scalars(select(Order).where(Order.buyer_id == bea_id)).one()
        assert (order.status, order.total_fen) == ("to_ship", 800)

    page.goto(h5_url + f"#/group/{group_id}")
    expect(page.get_by_test_id("group-state")).to_have_text("拼团成功")
    expect(page.get_by_test_id("group-member")).to_have_count(2)
    expect(page.get_by_test_id("group-progress")).to_have_text("已有 2/2 人参团")
    expect(page.get_by_test_id("group-action")).to_have_text("已成团")
    keep(page, SHOT, "complete")
    landing = client.get(f"/s/{share['scene']}")  # the link now says so instead of inviting
    assert "This group is complete: it takes no more members." in landing.text
    assert 'data-testid="open-in-h5"' not in landing.text
    page.goto(h5_url + "#/me")
    page.get_by_test_id("me-groups").click()
    mine = page.get_by_test_id(f"my-group-{group_id}")
    expect(mine).to_contain_text("已有 2/2 人参团")
    expect(mine.locator(".van-tag")).to_have_text("已成团")
    expect(mine.locator(".price")).to_have_text("¥8.00")
    keep(page, SHOT, "mine")

    # the merchant ships; the carrier pushes the signed-for timeline
    assert shop.ship(order.id, TRACKING_NO).status_code == 200
    drain_events()
    assert post_push(client, *tracker.advance("SF", TRACKING_NO, clock.now(), to="signed")) \
        .status_code == 200
    drain_events()
    page.goto(h5_url + f"#/orders/{order.id}")
    expect(page.get_by_test_id("order-status")).to_have_text("已收货")
    steps = page.get_by_test_id("package").locator(".van-step")
    expect(steps).to_have_count(4)
    expect(steps.nth(0)).to_contain_text(SIGNED)
    expect(steps.nth(3)).to_contain_text(COLLECTED)
    keep(page, SHOT, "tracking")

    page.get_by_test_id("order-review").click()
    awaiting = page.locator("[data-testid^=awaiting-]")
    expect(awaiting).to_have_count(1)
    awaiting.get_by_role("button", name="去评价").click()
    expect(page.get_by_test_id("review-product")).to_have_text("Tea")
    page.get_by_test_id("review-rating").locator(".van-rate__item").nth(3).click()
    page.get_by_test_id("review-content").locator("textarea").fill("茶香浓郁，拼团很划算")
    with page.expect_response(lambda r: r.url.endswith("/mp/v1/uploads")) as uploaded:
        page.locator(".van-uploader__input").set_input_files(
            {"name": "tea.png", "mimeType": "image/png", "buffer": _png()})
    assert uploaded.value.status == 201
    expect(page.get_by_test_id("review-photo")).to_have_count(1)
    expect(page.get_by_test_id("review-photo").locator("img")).to_have_js_property(
        "complete", True)
    keep(page, SHOT, "review")
    page.get_by_test_id("review-submit").click()

    expect(page.get_by_test_id("product-title")).to_have_text("Tea")
    reviews = page.get_by_test_id("reviews")
    expect(reviews).to_contain_text("商品评价（1）")
    expect(reviews.locator(".review")).to_have_count(1)
    with transaction() as s:
        bea_name = s.get(User, bea_id).nickname
    expect(reviews.locator(".review-head")).to_have_text(bea_name)
    expect(reviews.locator(".review-text")).to_have_text("茶香浓郁，拼团很划算")
    expect(reviews.locator(".van-rate__icon--full")).to_have_count(4)
    keep(page, SHOT, "product")
    with transaction() as s:
        review = s.scalars(select(Review)).one()
        assert (review.rating, review.content, len(review.images)) == (4, "茶香浓郁，拼团很划算", 1)


def test_a_buyer_opens_a_group_from_the_product_page_and_pays(
        app, client, make, phone, h5_url, base_url, monkeypatch, shop):
    """"发起拼团" on the product page: a seat, an address, the sandbox payment;
    the group page then shows her as its leader with the invitation, and,
    once the group's time has run out unfilled, says so instead of inviting,
    as the share's landing page does."""
    monkeypatch.setattr(app.extensions["mall.settings"], "public_base_url", base_url)
    monkeypatch.setattr(provider(), "notify_url", base_url + NOTIFY)
    activity_id = _group_activity(client, shop)
    make.address("ivy")
    listed = client.get("/mp/v1/group-activities").json["items"]
    (product_id,) = {a["product_id"] for a in listed if a["id"] == activity_id}

    page = phone.page()
    page.goto(h5_url + "#/signin?next=" + f"/product/{product_id}")
    sign_in(page, "ivy")
    banner = page.get_by_test_id(f"product-group-{activity_id}")
    expect(banner.locator(".promo-banner-title")).to_have_text("2人拼团价")
    expect(banner.locator(".promo-banner-price")).to_have_text("¥8.00")
    expect(banner.locator(".promo-banner-was")).to_have_text("¥10.00")
    keep(page, SHOT + "_open", "product")
    banner.get_by_test_id(f"open-group-{shop.skus[0]}").click()
    expect(page.get_by_test_id("group-address")).to_contain_text("浙江省杭州市西湖区")
    expect(page.get_by_test_id("group-progress")).to_have_text("已有 0/2 人参团")
    # back later without the seat in the address: her held seat is found, to pay, not join
    seat_url = page.url
    page.goto(seat_url.split("?")[0])
    page.reload()  # a fresh page: the seat comes from the server's list of hers
    assert "order=" not in page.url
    expect(page.get_by_test_id("group-action")).to_have_text("去支付")
    expect(page.get_by_test_id("group-address")).to_contain_text("浙江省杭州市西湖区")
    page.get_by_test_id("group-action").click()
    expect(page.get_by_test_id("pay-amount")).to_have_text("¥8.00")
    with page.expect_response(lambda r: "/sandbox/orders/" in r.url) as paid:
        page.get_by_test_id("pay-confirm").click()
    assert paid.value.status == 202
    assert run_jobs(app, "payments") == 1
    expect(page.get_by_test_id("order-status")).to_have_text("拼团中")

    ivy_id = make.user("ivy")
    with transaction() as s:
        group = s.scalars(select(Group)).one()
        assert (group.leader_id, group.paid_count, group.status) == (ivy_id, 1, "open")
        group_id = group.id
    page.goto(h5_url + f"#/group/{group_id}")
    expect(page.get_by_test_id("group-in")).to_have_text("你已参团，邀请好友一起拼吧")
    expect(page.get_by_test_id("group-action")).to_have_text("邀请好友参团")
    expect(page.get_by_test_id("group-member")).to_have_count(1)
    keep(page, SHOT + "_open", "leader")

    share = client.post("/mp/v1/shares", headers=make.login("ivy"), json={
        "kind": "group", "target_id": group_id, "channel": "wechat_chat"}).json
    clock.advance(timedelta(hours=24, seconds=1))
    page.reload()
    expect(page.get_by_test_id("group-state")).to_have_text("拼团已结束（未成团）")
    expect(page.get_by_test_id("group-action")).to_have_text("已结束")
    expect(page.get_by_test_id("group-countdown")).to_have_count(0)
    keep(page, SHOT + "_open", "expired")
    landing = client.get(f"/s/{share['scene']}")  # the share ran out with the group
    assert landing.status_code == 410
    assert "This share has expired" in landing.text
    assert 'data-testid="open-in-h5"' not in landing.text
