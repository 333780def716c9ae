"""A bargain on phones through the real server: the starter shares it from
the bargain page (poster and link); a second buyer opens the link, lands on
the bargain page in /h5/, signs in, taps "帮TA砍一刀" and sees the cut the
server made, the new price and the helpers with their cuts; the starter's
own page offers no help; once it has run out the page says so in words."""

from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import expect
from sqlalchemy import select

from app import clock
from app.auth.models import User
from app.db import transaction
from app.money import yuan
from groupbuy.models import Bargain, BargainHelp
from tests.h5.steps import sign_in
from tests.screenshots import keep

SHOT = "h5_bargain"


def _price(fen: int) -> str:
    return f"¥{yuan(fen)}"


def _bargain_activity(client, shop) -> int:
    """Start 10.00, floor 1.00, five helpers; risky helps (new accounts on
    one address, as here) count in full."""
    resp = client.post(f"/api/v1/merchants/{shop.merchant_id}/bargain-activities",
                       headers=shop.staff, json={
                           "title": "砍一刀", "sku_id": shop.skus[0], "start_price_fen": 1000,
                           "floor_price_fen": 100, "helpers_needed": 5,
                           "risky_cut_bps": 10_000,
                           "starts_at": (clock.now() - timedelta(hours=1)).isoformat(),
                           "ends_at": (clock.now() + timedelta(days=3)).isoformat()})
    assert resp.status_code == 201, resp.json
    return resp.json["id"]


def _nickname(name: str, make) -> str:
    user_id = make.user(name)
    with transaction() as s:
        return s.get(User, user_id).nickname


def test_a_friend_helps_a_bargain_from_a_share_link(app, client, make, phone, h5_url, base_url,
                                                    monkeypatch, shop):
    monkeypatch.setattr(app.extensions["mall.settings"], "public_base_url", base_url)
    activity_id = _bargain_activity(client, shop)
    sam, hank = make.login("sam"), make.login("hank")
    started = client.post(f"/mp/v1/bargain-activities/{activity_id}/bargains", headers=sam)
    assert started.status_code == 201, started.json
    bargain_id = started.json["id"]
    first = client.post(f"/mp/v1/bargains/{bargain_id}/helps", headers=hank)
    assert first.status_code == 201, first.json
    first_cut = first.json["cut_fen"]

    # the starter shares from the bargain page: poster and link
    starter = phone.page()
    starter.goto(h5_url + "#/signin?next=" + f"/bargain/{bargain_id}")
    sign_in(starter, "sam")
    expect(starter.get_by_test_id("bargain-price")).to_have_text(_price(1000 - first_cut))
    expect(starter.get_by_test_id("bargain-help")).to_have_count(0)  # not on her own
    expect(starter.get_by_test_id("bargain-buy")).to_have_count(0)  # above the floor
    with starter.expect_response(lambda r: r.url.endswith("/mp/v1/shares")) as made:
        starter.get_by_test_id("bargain-share").click()
    share = made.value.json()
    assert (share["kind"], share["target_id"]) == ("bargain", bargain_id)
    link = starter.get_by_test_id("share-link")
    expect(link).to_have_text(f"{base_url}/s/{share['scene']}")
    poster = starter.get_by_test_id("share-poster")
    expect(poster).to_have_js_property("complete", True)
    assert poster.evaluate("img => img.naturalWidth") > 300
    keep(starter, SHOT, "share")

    # a second buyer opens the link and helps
    page = phone.page()
    page.goto(link.inner_text())
    page.get_by_test_id("open-in-h5").click()
    expect(page.get_by_test_id("bargain-product")).to_have_text("Tea")
    expect(page.get_by_test_id("bargain-price")).to_have_text(_price(1000 - first_cut))
    expect(page.get_by_test_id("bargain-floor")).to_have_text("¥1.00")
    expect(page.get_by_test_id("bargain-count")).to_have_text("已有 1/5 位好友帮砍")
    expect(page.get_by_test_id("bargain-countdown")).to_contain_text("23:59:")
    expect(page.get_by_test_id("bargain-helper")).to_have_count(1)
    keep(page, SHOT, "landed")
    page.get_by_test_id("bargain-help").click()
    sign_in(page, "tina")
    with page.expect_response(lambda r: r.url.endswith("/helps")) as helped:
        page.get_by_test_id("bargain-help").click()
    assert helped.value.status == 201
    cut = helped.value.json()["cut_fen"]
    assert cut > 0
    expect(page.get_by_test_id("bargain-my-cut")).to_have_text(f"你帮TA砍掉了 {_price(cut)}")
    expect(page.get_by_test_id("bargain-price")).to_have_text(_price(1000 - first_cut - cut))
    expect(page.get_by_test_id("bargain-count")).to_have_text("已有 2/5 位好友帮砍")
    helpers = page.get_by_test_id("bargain-helper")
    expect(helpers).to_have_count(2)
    expect(helpers.nth(0)).to_have_text(f"{_nickname('hank', make)}砍掉 {_price(first_cut)}")
    expect(helpers.nth(1)).to_have_text(f"{_nickname('tina', make)}砍掉 {_price(cut)}")
    expect(page.get_by_test_id("bargain-help")).to_have_count(0)
    keep(page, SHOT, "helped")
    with transaction() as s:
        assert s.get(Bargain, bargain_id).price_fen == 1000 - first_cut - cut
        assert [h.cut_fen for h in s.scalars(select(BargainHelp).where(
            BargainHelp.bargain_id == bargain_id).order_by(BargainHelp.id))] == [first_cut, cut]

    starter.goto(h5_url + "#/me")
    starter.get_by_test_id("me-bargains").click()
    mine = starter.get_by_test_id(f"my-bargain-{bargain_id}")
    expect(mine).to_contain_text("已有 2/5 位好友帮砍")
    expect(mine.locator(".price")).to_have_text(_price(1000 - first_cut - cut))
    expect(mine.locator(".van-tag")).to_have_text("砍价中")
    keep(starter, SHOT, "mine")
    starter.get_by_test_id(f"my-bargain-{bargain_id}").click()
    expect(starter.get_by_test_id("bargain-helper")).to_have_count(2)

    # run out: the page says so, and offers neither help nor sharing
    clock.advance(timedelta(hours=24, seconds=1))
    page.reload()
    expect(page.get_by_test_id("bargain-state")).to_have_text("砍价已结束")
    starter.reload()
    expect(starter.get_by_test_id("bargain-state")).to_have_text("砍价已结束")
    expect(starter.get_by_test_id("bargain-share")).to_have_count(0)
    keep(page, SHOT, "ended")


def test_a_refused_help_is_shown_in_words_and_the_starter_buys_at_the_floor(
        app, client, make, phone, h5_url, shop):
    """A help the server refuses (here: the bargain reached its floor) shows
    the refusal's words and the bargain as the server now keeps it; the
    starter then buys at the floor and pays what the server asks."""
    activity_id = _bargain_activity(client, shop)
    started = client.post(f"/mp/v1/bargain-activities/{activity_id}/bargains",
                          headers=make.login("sam"))
    bargain_id = started.json["id"]
    page = phone.page()
    page.goto(h5_url + "#/signin?next=" + f"/bargain/{bargain_id}")
    sign_in(page, "tina")
    expect(page.get_by_test_id("bargain-price")).to_have_text("¥10.00")
    for name in ("h1", "h2", "h3", "h4", "h5"):  # the five helpers it needs, meanwhile
        assert client.post(f"/mp/v1/bargains/{bargain_id}/helps",
                           headers=make.login(name)).status_code == 201
    page.get_by_test_id("bargain-help").click()
    expect(page.locator(".van-toast")).to_contain_text("已砍到底价，无需再砍")
    expect(page.get_by_test_id("bargain-price")).to_have_text("¥1.00")
    expect(page.get_by_test_id("bargain-state")).to_have_text("已砍到底价")
    expect(page.get_by_test_id("bargain-help")).to_have_count(0)
    keep(page, SHOT, "refused")

    # at the floor the starter may buy: to her default address, then pay
    make.address("sam")
    starter = phone.page()
    starter.goto(h5_url + "#/signin?next=" + f"/bargain/{bargain_id}")
    sign_in(starter, "sam")
    buy = starter.get_by_test_id("bargain-buy")
    expect(buy).to_have_text("以 ¥1.00 购买")
    buy.click()
    expect(starter.get_by_test_id("pay-amount")).to_have_text("¥1.00")
    expect(starter.get_by_test_id("pay-address")).to_contain_text("sam recipient 13812341234")
    with transaction() as s:
        bargain = s.get(Bargain, bargain_id)
        assert (bargain.status, bargain.order_id is not None) == ("bought", True)
