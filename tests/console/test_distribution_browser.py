"""The console's distribution pages in Debian's chromium through the real
server: finance staff approve a withdrawal earned through a real paid,
completed order (the ledger moves and still sums to zero), the payable
report, an operator who sees no withdrawals (and whose API call is refused)
but reads a distributor's ledger, and an application approved. Each test
keeps screenshots."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.auth.models import User
from app.db import transaction
from referral import ledger, payout
from referral.models import Distributor, LedgerEntry, LedgerTxn, RefSettings, Tier, Withdrawal
from tests import screenshots
from tests.console.helpers import menu_items, sign_in, staff
from tests.referral.conftest import Shop, ledger_ok


@pytest.fixture
def shop(app, client, make):
    from app.payments.setup import provider

    old = payout.use(payout.SandboxPayout())
    yield Shop(app, client, make, provider())
    payout.use(old)


def _rename(uid: int, nickname: str) -> None:
    with transaction() as s:
        s.get(User, uid).nickname = nickname


@pytest.fixture
def earned(shop):
    """小林 (B) earned 10.00 yuan on 阿梅's (D) completed 100.00 order and
    asks for 8.00 of it; the fee is 0.3%, rounded down: 0.02."""
    shop.set_rules(level_bps=[1000], withdraw_fee_bps=30)
    shop.distributor("B")
    assert shop.bind("D", "B").status_code == 200
    _, sku = shop.product(10000, title="明前龙井")
    shop.complete(shop.order("D", [(sku, 1)]), "D")
    assert shop.run_referral_jobs() == 1
    _rename(shop.ids["B"], "小林")
    resp = shop.withdraw("B", 800)
    assert resp.status_code == 201, resp.json
    shop.withdrawal_id = resp.json["id"]
    return shop


def _rows(page, testid):
    return page.locator(f"[data-testid={testid}] .el-table__body tr")


def test_finance_staff_approve_a_withdrawal_and_the_ledger_balances(pages, console_url, make,
                                                                    earned, request):
    mid, wid, b = earned.merchant_id, earned.withdrawal_id, earned.ids["B"]
    cashier = staff(make, "cashier", "merchant_finance", mid)
    page = pages.page()
    sign_in(page, console_url, "cashier")
    expect(page.get_by_test_id("page-title")).to_have_text("提现审核")
    assert menu_items(page) == ["提现审核", "佣金应付"]
    rows = _rows(page, "withdrawals-table")
    expect(rows).to_have_count(1)
    assert rows.first.locator("td").all_inner_texts()[:6] == [
        str(wid), f"小林 #{b}", "8.00", "0.02", "7.98", "待审核"]
    screenshots.keep(page, request.node.name, "to-review")

    rows.first.get_by_test_id("withdrawal-approve").click()
    box = page.locator(".el-message-box")
    expect(box).to_contain_text("确定通过 小林 的提现 ¥8.00（到账 ¥7.98）吗？")
    box.get_by_role("button", name="确定").click()
    expect(page.locator(".el-message--success")).to_have_text("已通过，正在打款")
    expect(page.locator("[data-testid=withdrawals-table] .el-table__empty-text")).to_be_visible()

    with transaction() as s:
        wd = s.get(Withdrawal, wid)
        assert (wd.status, wd.reviewed_by, wd.fee_fen, wd.net_fen) == ("approved", cashier, 2, 798)
        approve = s.scalar(select(LedgerTxn).filter_by(key=f"wd-approve-{wid}"))
        assert sorted(s.scalars(select(LedgerEntry.amount_fen).filter_by(txn_id=approve.id))) \
            == [-800, 2, 798]
        assert ledger.balances(s, mid, b) == {"pending": 0, "available": 200, "withdrawing": 0,
                                              "clearing": 798, "paid": 0}
        assert (ledger.balance(s, mid, "fee"), ledger.balance(s, mid, "expense")) == (2, -1000)
    assert ledger_ok() == ([], 0)

    page.get_by_test_id("withdrawal-status").click()
    page.locator(".el-select-dropdown__item", has_text="已通过，打款中").click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("已通过，打款中")
    screenshots.keep(page, request.node.name, "approved")

    page.locator("[data-testid=menu] .el-menu-item[data-path='/distribution/payable']").click()
    def stat(name):
        return page.locator(f"[data-stat={name}] .stat-value")
    expect(stat("owed")).to_have_text("9.98")
    expect(stat("expense")).to_have_text("10.00")
    expect(stat("fees")).to_have_text("0.02")
    expect(page.get_by_test_id("ledger-check")).to_contain_text("账目平衡：全部分录合计 0.00 元")
    payable = _rows(page, "payable-table")
    expect(payable).to_have_count(2)
    assert payable.first.locator("td").all_inner_texts() == [
        f"小林 #{b}", "0.00", "2.00", "0.00", "7.98", "0.00"]
    screenshots.keep(page, request.node.name, "payable")

    second = earned.withdraw("B", 150, key="w2").json["id"]  # rejected: the funds come back
    page.locator("[data-testid=menu] .el-menu-item[data-path='/distribution/withdrawals']").click()
    expect(rows).to_have_count(1)
    expect(rows.first.locator("td").first).to_have_text(str(second))
    rows.first.get_by_test_id("withdrawal-reject").click()
    box.get_by_role("button", name="驳回").click()  # no reason: the box says so
    expect(box.locator(".el-message-box__errormsg")).to_have_text("请填写 1-80 字的驳回原因")
    box.locator("input").fill("银行卡信息有误")
    box.get_by_role("button", name="驳回").click()
    expect(page.locator(".el-message--success", has_text="已驳回")).to_have_text(
        "已驳回，资金已退回")
    with transaction() as s:
        wd = s.get(Withdrawal, second)
        assert (wd.status, wd.reason, wd.reviewed_by) == ("rejected", "银行卡信息有误", cashier)
        assert ledger.balances(s, mid, b)["available"] == 200
    assert ledger_ok() == ([], 0)

    staff(make, "owner")  # the owner sees distributors and, with finance, exports a ledger
    page = pages.page()
    sign_in(page, console_url, "owner")
    page.locator("[data-testid=menu] .el-menu-item[data-path='/promoters']").click()
    _rows(page, "distributors-table").first.get_by_test_id("distributor-ledger").click()
    page.get_by_test_id("ledger-export").click()
    export = page.locator("[data-testid=exports-table] .el-table__body tr").first
    expect(export).to_contain_text("分销流水")
    expect(export).to_contain_text(f"分销员: {b}")


def test_an_operator_sees_no_withdrawals_but_reads_a_distributors_ledger(
        pages, console_url, make, earned, request):
    mid = earned.merchant_id
    staff(make, "op", "merchant_operator", mid)
    page = pages.page()
    sign_in(page, console_url, "op")
    expect(page.get_by_test_id("page-title")).to_have_text("数据概况")
    items = menu_items(page)
    assert "分销员" in items and "分销设置" in items
    assert "提现审核" not in items and "佣金应付" not in items
    resp = page.request.get(f"{console_url[:-len('/console/')]}"
                            f"/api/v1/merchants/{mid}/referral/withdrawals")
    assert (resp.status, resp.json()["error"]["code"]) == (403, "forbidden")

    page.locator("[data-testid=menu] .el-menu-item[data-path='/promoters']").click()
    rows = _rows(page, "distributors-table")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("小林")
    rows.first.get_by_test_id("distributor-ledger").click()
    drawer = page.get_by_test_id("ledger-drawer")
    expect(drawer.locator(".el-drawer__title")).to_have_text("小林 的资金明细")
    expect(drawer.get_by_test_id("ledger-export")).to_have_count(0)  # no finance role
    expect(drawer.locator("[data-balance=available]")).to_have_text("2.00")
    expect(drawer.locator("[data-balance=withdrawing]")).to_have_text("8.00")
    entries = drawer.locator("[data-testid=ledger-table] .el-table__body tr")
    expect(entries).to_have_count(5)
    assert [entries.nth(i).locator("td").all_inner_texts()[1:4] for i in range(5)] == [
        ["申请提现", "提现中", "+8.00"], ["申请提现", "可提现", "-8.00"],
        ["佣金结算", "可提现", "+10.00"], ["佣金结算", "待结算", "-10.00"],
        ["订单佣金", "待结算", "+10.00"]]
    screenshots.keep(page, request.node.name, "ledger")


def test_the_owner_approves_a_distributor_application(pages, console_url, make, shop,
                                                       request):
    shop.set_rules(join_policy="application")
    shop.join("C")
    _rename(shop.ids["C"], "王小二")
    staff(make, "owner")
    page = pages.page()
    sign_in(page, console_url, "owner")
    page.locator("[data-testid=menu] .el-menu-item[data-path='/promoters']").click()
    page.get_by_test_id("distributor-tabs").get_by_text("待审核").click()
    rows = _rows(page, "distributors-table")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("王小二")
    screenshots.keep(page, request.node.name, "application")
    rows.first.get_by_test_id("distributor-approve").click()
    page.locator(".el-message-box").get_by_role("button", name="通过").click()
    expect(page.locator(".el-message--success")).to_have_text("已通过申请")
    expect(page.locator("[data-testid=distributors-table] .el-table__empty-text")).to_be_visible()
    with transaction() as s:
        row = s.scalar(select(Distributor).filter_by(merchant_id=shop.merchant_id,
                                                     user_id=shop.ids["C"]))
        assert (row.status, row.joined_at is not None) == ("active", True)
    page.get_by_test_id("distributor-tabs").get_by_text("已通过").click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("王小二")
    screenshots.keep(page, request.node.name, "approved")


def _number(page, testid, value, shown):
    """Type into a number box; it takes the value once it shows it formatted."""
    box = page.locator(f"[data-testid={testid}] input")
    box.fill(value)
    box.press("Enter")
    expect(box).to_have_value(shown)


def test_the_owner_sets_commission_rules_and_a_tier(pages, console_url, make, request):
    mid = make.merchant("owner", name="西湖茶庄")
    staff(make, "owner")
    page = pages.page()
    sign_in(page, console_url, "owner")
    page.locator("[data-testid=menu] .el-menu-item[data-path='/distribution/settings']").click()
    expect(page.get_by_test_id("rules-form")).to_have_attribute("data-loaded", "true")
    expect(page.locator("[data-testid=level-2] input")).to_have_value("5.00")
    _number(page, "level-1", "90", "90.00")
    _number(page, "level-2", "20", "20.00")
    page.get_by_test_id("rules-save").click()  # over 100%: the server refuses
    expect(page.locator(".el-message--error")).to_have_text("佣金比例合计不能超过 100%")

    _number(page, "level-1", "12", "12.00")
    _number(page, "level-2", "6", "6.00")
    page.get_by_test_id("add-level").click()
    _number(page, "level-3", "2.5", "2.50")
    _number(page, "withdraw-fee", "0.6", "0.60")
    page.get_by_test_id("rules-save").click()
    expect(page.locator(".el-message--success")).to_have_text("规则已保存")

    page.get_by_test_id("tier-add").click()
    page.get_by_test_id("tier-name").fill("金牌分销员")
    _number(page, "tier-min-sales", "5000", "5000.00")
    page.get_by_test_id("tier-keep").click()
    page.get_by_test_id("tiers-save").click()
    expect(page.locator(".el-message--success", has_text="等级已保存")).to_be_visible()
    rows = _rows(page, "tiers-table")
    assert rows.first.locator("td").all_inner_texts()[:4] == [
        "1", "金牌分销员", "12.00% / 6.00% / 2.50%", "5,000.00"]
    with transaction() as s:
        saved = s.get(RefSettings, mid)
        assert (saved.level_bps, saved.withdraw_fee_bps) == ("1200,600,250", 60)
        tier = s.scalar(select(Tier).filter_by(merchant_id=mid))
        assert (tier.rank, tier.name, tier.level_bps, tier.min_sales_fen) == (
            1, "金牌分销员", "1200,600,250", 500_000)
    screenshots.keep(page, request.node.name)
