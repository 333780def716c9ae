"""A distributor's centre in the buyer app: she joins (the terms first, as
the server insists), makes her invite poster; a new buyer opens its link,
signs in and accepts, so she becomes his referrer; his orders (through the
API: one completed past the after-sale window, one just paid) show as her
exact balances, earnings and team; a withdrawal below the minimum or above
the available balance is refused in words, and one she may make appears in
her list with its fee and state."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.h5.steps import sign_in
from tests.referral.conftest import Shop
from tests.screenshots import keep

TEA_FEN, CUP_FEN = 12345, 5000  # 10% to the referrer: 1234 (rounded down) and 500


def withdraw(page, yuan: str) -> None:
    page.get_by_test_id("withdraw-amount").locator("input").fill(yuan)
    page.get_by_test_id("withdraw-submit").click()


def test_a_distributor_sees_exact_balances_and_requests_a_withdrawal(
        app, client, make, sandbox, phone, h5_url, base_url, monkeypatch, request):
    monkeypatch.setattr(app.extensions["mall.settings"], "public_base_url", base_url)
    shop = Shop(app, client, make, sandbox)
    shop.set_rules(level_bps=[1000, 500], withdraw_min_fen=100, withdraw_fee_bps=30)
    for name in ("dora", "nick"):  # made before their first sign-in: nicknamed by name
        make.user(name)
    _, tea = shop.product(TEA_FEN, title="安溪铁观音")
    _, cup = shop.product(CUP_FEN, title="白瓷茶杯")

    page = phone.page()
    page.goto(h5_url + "#/me")
    sign_in(page, "dora")
    page.get_by_test_id("me-distributor").click()
    page.get_by_test_id("dist-join-submit").click()
    expect(page.locator(".van-toast")).to_contain_text("请先阅读并同意分销协议")
    page.get_by_test_id("dist-terms").click()
    page.get_by_test_id("dist-join-submit").click()
    expect(page.get_by_test_id("balance-available")).to_contain_text("¥0.00")
    page.get_by_test_id("dist-tabs").get_by_role("tab", name="邀请海报").click()
    page.get_by_test_id("make-poster").click()
    poster = page.get_by_test_id("poster-image")
    expect(poster).to_be_visible()
    page.wait_for_function("() => document.querySelector('[data-testid=poster-image]')"
                           ".naturalWidth > 0")
    assert poster.bounding_box()["width"] <= 390
    link = page.get_by_test_id("share-link").inner_text()
    assert link.startswith(f"{base_url}/s/i")  # an invite share's link
    expect(page.locator(".van-toast")).to_be_hidden()  # the refusal's toast has gone
    keep(page, request.node.name, "poster")

    newcomer = phone.page()
    newcomer.goto(link)  # the share's own link (its QR code holds it) leads into the app
    newcomer.locator("a.open-app").click()
    sign_in(newcomer, "nick")
    expect(newcomer.get_by_test_id("join-title")).to_have_text("dora 邀请你加入 TA 的团队")
    newcomer.get_by_test_id("join-accept").click()
    expect(newcomer.get_by_test_id("join-done")).to_be_visible()
    keep(newcomer, request.node.name, "invite-accepted")
    assert shop.mp("GET", "/me", "nick").json["referrer_id"] == make.user("dora")

    first = shop.order("nick", [(tea, 1)])
    shop.complete(first, "nick")  # past the after-sale window: settled
    assert shop.run_referral_jobs() == 1
    shop.order("nick", [(cup, 1)])  # paid: pending
    assert shop.balances("dora") == {"pending": 500, "available": 1234, "withdrawing": 0,
                                     "clearing": 0, "paid": 0}

    page.reload()
    expect(page.get_by_test_id("balance-available")).to_contain_text("¥12.34")
    expect(page.get_by_test_id("balance-pending")).to_contain_text("¥5.00")
    expect(page.get_by_test_id("balance-withdrawing")).to_contain_text("¥0.00")
    expect(page.get_by_test_id("balance-paid")).to_contain_text("¥0.00")
    expect(page.get_by_test_id("earnings-total")).to_have_text("近 30 天佣金 ¥17.34")
    expect(page.get_by_test_id("earnings-chart").locator("canvas")).to_have_count(1)
    keep(page, request.node.name, "balances")
    page.get_by_test_id("dist-tabs").get_by_role("tab", name="团队").click()
    expect(page.get_by_test_id("team")).to_contain_text("nick")
    expect(page.get_by_test_id("team")).to_contain_text("分享链接")
    keep(page, request.node.name, "team")

    page.get_by_test_id("dist-tabs").get_by_role("tab", name="提现").click()
    expect(page.get_by_test_id("withdraw-terms")).to_contain_text("最低提现 ¥1.00，手续费 0.3%")
    withdraw(page, "1.234")  # not an amount in fen: nothing is sent
    expect(page.get_by_test_id("withdraw-problem")).to_have_text("请输入金额，最多两位小数")
    withdraw(page, "0.5")
    expect(page.get_by_test_id("withdraw-problem")).to_have_text("提现金额不能低于 ¥1.00")
    withdraw(page, "20")
    expect(page.get_by_test_id("withdraw-problem")).to_have_text(
        "可提现余额不足（可提现 ¥12.34）")
    keep(page, request.node.name, "refused")
    withdraw(page, "10")
    listed = page.get_by_test_id("withdrawals").locator(".van-cell")
    expect(listed).to_have_count(1)
    expect(listed).to_contain_text("¥10.00")
    expect(listed).to_contain_text("审核中")
    expect(listed).to_contain_text("手续费 ¥0.03，到账 ¥9.97")
    expect(page.get_by_test_id("withdraw-problem")).to_have_count(0)
    expect(page.get_by_test_id("balance-available")).to_contain_text("¥2.34")
    expect(page.get_by_test_id("balance-withdrawing")).to_contain_text("¥10.00")
    keep(page, request.node.name, "withdrawal")
    assert shop.balances("dora") == {"pending": 500, "available": 234, "withdrawing": 1000,
                                     "clearing": 0, "paid": 0}


def test_the_team_list_pages_as_it_scrolls_and_by_level(
        app, client, make, sandbox, phone, h5_url, request):
    """23 buyers bound to dora: the team tab shows the first 20, scrolling
    loads the other 3 and says there are no more; level 2 lists the one
    buyer bound under the first of them."""
    shop = Shop(app, client, make, sandbox)
    shop.set_rules(level_bps=[1000, 500])
    shop.product(1000, title="安溪铁观音")  # the app finds the shop by its products
    shop.join("dora")
    members = [f"m{i:02d}" for i in range(23)]
    for name in (*members, "g2"):  # made before their first sign-in: nicknamed by name
        make.user(name)
    for name in members:
        assert shop.bind(name, "dora").status_code == 200
    shop.join("m00")
    assert shop.bind("g2", "m00").status_code == 200

    page = phone.page()
    page.goto(h5_url + "#/me")
    sign_in(page, "dora")
    page.get_by_test_id("me-distributor").click()
    page.get_by_test_id("dist-tabs").get_by_role("tab", name="团队").click()
    listed = page.get_by_test_id("team").locator(".van-cell")
    expect(listed).to_have_count(20)
    expect(page.get_by_text("没有更多了")).to_have_count(0)
    keep(page, request.node.name, "first-page")
    listed.last.scroll_into_view_if_needed()
    expect(listed).to_have_count(23)
    expect(page.get_by_text("没有更多了")).to_be_visible()
    shown = {page.get_by_test_id(f"member-{shop.ids[name]}").count() for name in members}
    assert shown == {1}  # each member once, none twice
    keep(page, request.node.name, "all")
    page.locator(".dist-levels").get_by_role("tab", name="2 级").click()
    expect(listed).to_have_count(1)
    expect(listed).to_contain_text("g2")
    expect(listed).to_contain_text("邀请码")
    keep(page, request.node.name, "level-2")
