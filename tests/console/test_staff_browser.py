"""The console's staff pages in Debian's chromium through the real server:
an owner invites an operator and the link is accepted in a second browser;
the operation log shows that write; a platform admin onboards and suspends a
merchant; a phone confirms the QR sign-in. Each test keeps screenshots."""

from __future__ import annotations

from playwright.sync_api import expect

from tests import screenshots
from tests.console.helpers import menu_groups, sign_in, staff


def test_an_owner_invites_an_operator_who_accepts_in_another_browser(pages, console_url, make,
                                                                      base_url, request):
    merchant = make.merchant("owner", name="西湖茶庄")
    staff(make, "owner")
    owner = pages.page()
    sign_in(owner, console_url, "owner")
    expect(owner.get_by_test_id("page-title")).to_have_text("数据概况")
    owner.locator("[data-testid=menu] .el-menu-item[data-path='/staff']").click()
    expect(owner.get_by_test_id("page-title")).to_have_text("员工与角色")
    expect(owner.locator("[data-testid=staff-table] .el-table__body tr")).to_have_count(1)

    owner.get_by_test_id("invite-open").click()
    owner.get_by_test_id("invite-note").fill("前台小李")
    owner.get_by_test_id("invite-create").click()
    link = owner.get_by_test_id("invite-link")
    expect(link).not_to_have_value("")
    url = link.input_value()
    assert url.startswith(f"{base_url}/console/#/invite/")
    screenshots.keep(owner, request.node.name, "link")

    newcomer = pages.page()
    newcomer.goto(url)
    expect(newcomer.get_by_test_id("invite-intro")).to_have_text("西湖茶庄 邀请你成为「运营」")
    newcomer.locator("input[name=nickname]").fill("小李")
    newcomer.locator("input[name=login]").fill("xiaoli")
    newcomer.locator("input[name=password]").fill("1234567")
    newcomer.get_by_test_id("invite-accept").click()
    expect(newcomer.locator(".el-form-item__error")).to_have_text("密码至少 8 位，且不能全是数字")
    screenshots.keep(newcomer, request.node.name, "accept")
    newcomer.locator("input[name=password]").fill("tea-and-cake-8")
    newcomer.get_by_test_id("invite-accept").click()
    expect(newcomer.get_by_test_id("page-title")).to_have_text("数据概况")
    expect(newcomer.get_by_test_id("user-menu")).to_contain_text("小李")
    assert "平台" not in menu_groups(newcomer)
    screenshots.keep(newcomer, request.node.name, "joined")

    owner.keyboard.press("Escape")
    owner.reload()
    rows = owner.locator("[data-testid=staff-table] .el-table__body tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="小李")).to_contain_text("运营")

    owner.locator("[data-testid=menu] .el-menu-item[data-path='/operation-log']").click()
    logged = owner.locator("[data-testid=oplog-table] .el-table__body tr")
    invite_row = logged.filter(has_text=f"/api/v1/merchants/{merchant}/staff-invites")
    expect(invite_row).to_have_count(1)
    expect(invite_row).to_contain_text("owner")
    expect(invite_row).to_contain_text("POST")
    screenshots.keep(owner, request.node.name, "log")


def test_an_admin_onboards_a_merchant_and_suspends_it(pages, console_url, make, base_url,
                                                      request):
    staff(make, "admin", "platform_admin")
    page = pages.page()
    sign_in(page, console_url, "admin")
    expect(page.get_by_test_id("user-menu")).to_contain_text("admin")
    page.locator("[data-testid=menu] .el-menu-item[data-path='/platform/merchants']").click()
    expect(page.get_by_test_id("page-title")).to_have_text("商户管理")

    page.get_by_test_id("merchant-create-open").click()
    page.get_by_test_id("merchant-create").click()
    expect(page.locator(".el-form-item__error")).to_have_text("请输入商户名称")
    page.get_by_test_id("merchant-name").fill("桂花糕点铺")
    page.get_by_test_id("merchant-create").click()
    invite = page.get_by_test_id("owner-invite-link")
    expect(invite).not_to_have_value("")
    assert invite.input_value().startswith(f"{base_url}/console/#/invite/")
    screenshots.keep(page, request.node.name, "created")
    page.keyboard.press("Escape")

    row = page.locator("[data-testid=merchants-table] .el-table__body tr",
                       has_text="桂花糕点铺")
    expect(row).to_contain_text("正常")
    row.locator("[data-action=suspend]").click()
    page.locator(".el-message-box input").fill("资质过期")
    page.locator(".el-message-box .el-button--primary").click()
    expect(row).to_contain_text("已停用")
    expect(row).to_contain_text("资质过期")
    screenshots.keep(page, request.node.name, "suspended")


def test_a_phone_confirms_the_qr_code_and_the_console_enters(pages, console_url, make, client,
                                                              request):
    make.merchant("owner", name="西湖茶庄")
    staff(make, "owner")
    phone = make.login("owner")
    page = pages.page()
    page.goto(console_url)
    with page.expect_response("**/api/v1/console/login-tickets") as made:
        page.get_by_role("tab", name="扫码登录").click()
    ticket = made.value.json()["ticket"]
    expect(page.locator(".qr-image")).to_be_visible()
    expect(page.locator(".qr-status")).to_have_text("请使用已绑定的微信扫码，并在手机上确认登录")
    screenshots.keep(page, request.node.name, "qr")

    scanned = client.post(f"/mp/v1/console-login/{ticket}/scan", headers=phone)
    assert scanned.status_code == 200, scanned.json
    expect(page.locator(".qr-status")).to_have_text("已扫码，请在手机上确认")
    confirmed = client.post(f"/mp/v1/console-login/{ticket}/confirm", headers=phone)
    assert confirmed.status_code == 200, confirmed.json
    expect(page.get_by_test_id("page-title")).to_have_text("数据概况")
    expect(page.get_by_test_id("user-menu")).to_contain_text("owner")
    screenshots.keep(page, request.node.name, "entered")
