"""The console's settings in Debian's chromium through the real server: the
owner creates a freight template (by piece, a region group with its own
fees and free-shipping threshold, a region not delivered to) and the stored
rules are exactly those; edits one in use (and cannot delete it); sets the
after-sale return address, reasons and deadlines. Screenshots kept."""

from __future__ import annotations

import re

from playwright.sync_api import expect
from sqlalchemy import select

from app.aftersales.models import AfterSaleSettings
from app.catalog.models import Product, Sku
from app.db import transaction
from app.freight import templates as freight
from app.freight.models import FreightGroup, FreightRegion, FreightTemplate
from tests import screenshots
from tests.conftest import T0
from tests.console.catalog_steps import field, open_page
from tests.console.helpers import staff


def _pick_regions(page, picker, names: list[str]) -> None:
    """Tick provinces in a region tree-select, finding each by typing its name."""
    picker.click()
    dropdown = page.locator(".el-tree-select__popper:visible")
    for name in names:
        picker.locator("input").fill(name[:2])
        node = dropdown.locator(".el-tree-node__content", has_text=name).first
        node.locator(".el-checkbox").click()
    page.locator(".el-dialog__title").click()  # closes the dropdown
    expect(dropdown).to_have_count(0)


def _fees(group: FreightGroup) -> tuple:
    return (group.first_units, group.first_fee_fen, group.additional_units,
            group.additional_fee_fen, group.free_over_fen, group.free_over_count)


def test_the_owner_creates_a_freight_template_with_a_region_group(pages, console_url, make,
                                                                  request):
    merchant = make.merchant("owner", name="西湖茶庄")
    staff(make, "owner")
    page = pages.page()
    open_page(page, console_url, "/freight-templates", "运费模板")

    page.get_by_test_id("freight-create").click()
    editor = page.get_by_test_id("freight-editor")
    editor.get_by_test_id("freight-name").fill("江浙沪包邮")
    rows = editor.locator("[data-testid=freight-rows] .el-table__body tr")
    default = rows.nth(0)
    default.get_by_test_id("first-fee").fill("10")
    default.get_by_test_id("more-fee").fill("5")
    editor.get_by_test_id("freight-add-group").click()
    expect(rows).to_have_count(2)
    group = rows.nth(1)
    _pick_regions(page, group.get_by_test_id("group-regions"), ["浙江省", "上海市"])
    group.get_by_test_id("first-fee").fill("6")
    field(group, "more-units").fill("2")
    group.get_by_test_id("more-fee").fill("3.5")
    group.get_by_test_id("free-over").fill("99")
    not_delivered = editor.get_by_test_id("not-delivered")
    _pick_regions(page, not_delivered, ["上海市"])
    editor.get_by_test_id("freight-save").click()
    expect(page.locator(".el-message--error")).to_have_text("同一地区只能设置一次：上海市")
    not_delivered.locator(".el-tag", has_text="上海市").locator(".el-tag__close").click()
    _pick_regions(page, not_delivered, ["新疆维吾尔自治区"])
    screenshots.keep(page, request.node.name, "editor")
    editor.get_by_test_id("freight-save").click()

    listed = page.locator("[data-testid=freight-table] .el-table__body tr")
    expect(listed).to_have_count(1)
    expect(listed.first).to_contain_text("江浙沪包邮")
    expect(listed.first).to_contain_text("1 件内 10.00 元，每增加 1 件加 5.00 元")
    expect(listed.first).to_contain_text(
        "上海市、浙江省：1 件内 6.00 元，每增加 2 件加 3.50 元；满 99.00 元包邮")
    expect(listed.first).to_contain_text("新疆维吾尔自治区")
    screenshots.keep(page, request.node.name, "list")

    with transaction() as s:
        template = s.scalars(select(FreightTemplate)).one()
        assert (template.merchant_id, template.name, template.method) == (
            merchant, "江浙沪包邮", "piece")
        groups = s.scalars(select(FreightGroup).where(FreightGroup.template_id == template.id)
                           .order_by(FreightGroup.position)).all()
        assert [(g.position, *_fees(g)) for g in groups] == [
            (0, 1, 1_000, 1, 500, None, None), (1, 1, 600, 2, 350, 9_900, None)]
        regions = s.execute(select(FreightRegion.region_code, FreightRegion.group_id)
                            .where(FreightRegion.template_id == template.id)
                            .order_by(FreightRegion.region_code)).all()
        assert regions == [("310000", groups[1].id), ("330000", groups[1].id),
                           ("650000", None)]


def test_a_template_in_use_is_edited_to_flat_and_not_deleted(pages, console_url, make,
                                                             request):
    merchant = make.merchant("owner", name="西湖茶庄")
    staff(make, "owner")
    (sku,) = make.product(merchant, title="明前龙井")
    with transaction() as s:
        template = freight.create(s, merchant, {
            "name": "普通快递", "method": "weight", "not_delivered": [],
            "default": {"first_units": 1000, "first_fee_fen": 1_200, "additional_units": 500,
                        "additional_fee_fen": 300, "free_over_fen": None,
                        "free_over_count": None},
            "groups": [{"regions": ["330000"], "first_units": 1000, "first_fee_fen": 800,
                        "additional_units": 500, "additional_fee_fen": 200,
                        "free_over_fen": None, "free_over_count": None}]}, T0)
        s.get(Product, s.get(Sku, sku).product_id).freight_template_id = template.id
        template_id = template.id

    page = pages.page()
    open_page(page, console_url, "/freight-templates", "运费模板")
    listed = page.locator("[data-testid=freight-table] .el-table__body tr")
    expect(listed.first).to_contain_text("1000 克内 12.00 元，每增加 500 克加 3.00 元")
    listed.first.get_by_test_id("freight-delete").click()
    page.locator(".el-message-box").get_by_role("button", name="确定").click()
    expect(page.locator(".el-message--error")).to_have_text("有商品正在使用该模板，不能删除")

    listed.first.get_by_test_id("freight-edit").click()
    editor = page.get_by_test_id("freight-editor")
    expect(editor.get_by_test_id("freight-name")).to_have_value("普通快递")
    editor.get_by_test_id("freight-method").get_by_text("统一运费").click()
    rows = editor.locator("[data-testid=freight-rows] .el-table__body tr")
    expect(rows.nth(1).get_by_test_id("more-fee")).to_have_count(0)
    rows.nth(0).get_by_test_id("first-fee").fill("15")
    rows.nth(1).get_by_test_id("first-fee").fill("abc")
    editor.get_by_test_id("freight-save").click()
    expect(editor.locator(".el-form-item__error")).to_have_text(
        "请输入正确的金额（最多两位小数）")
    screenshots.keep(page, request.node.name, "refused")
    rows.nth(1).get_by_test_id("first-fee").fill("0")
    field(rows.nth(1), "free-count").fill("3")
    expect(editor.locator(".el-form-item__error")).to_have_count(0)
    screenshots.keep(page, request.node.name, "editor")
    editor.get_by_test_id("freight-save").click()
    expect(listed.first).to_contain_text("每单 15.00 元")
    expect(listed.first).to_contain_text("浙江省：每单 0.00 元；满 3 件包邮")
    screenshots.keep(page, request.node.name, "list")

    with transaction() as s:
        stored = s.get(FreightTemplate, template_id)
        assert stored.method == "flat"
        groups = s.scalars(select(FreightGroup).where(FreightGroup.template_id == template_id)
                           .order_by(FreightGroup.position)).all()
        assert [(g.position, *_fees(g)) for g in groups] == [
            (0, 1, 1_500, 1, 0, None, None), (1, 1, 0, 1, 0, None, 3)]


def test_the_owner_sets_the_return_address_reasons_and_deadlines(pages, console_url, make,
                                                                request):
    merchant = make.merchant("owner", name="西湖茶庄")
    staff(make, "owner")
    page = pages.page()
    open_page(page, console_url, "/after-sale-settings", "售后设置")
    form = page.get_by_test_id("aftersale-settings")
    reasons = form.locator("[data-testid=reason-table] .el-table__body tr")
    expect(reasons).to_have_count(7)
    expect(reasons.nth(6).get_by_test_id("reason-label")).to_have_value(
        "不想要了 / Changed my mind")

    form.get_by_test_id("return-recipient").fill("王店长")
    form.get_by_test_id("return-phone").fill("0571-88886666")
    form.get_by_test_id("return-address").fill("浙江省杭州市西湖区龙井路 1 号 茶庄仓库")
    field(form, "review-hours").fill("24")
    reasons.nth(6).get_by_test_id("reason-remove").click()
    expect(reasons).to_have_count(6)
    form.get_by_test_id("reason-add").click()
    form.get_by_test_id("aftersale-save").click()
    expect(form.locator(".el-form-item__error")).to_have_text("请填写原因")
    reasons.nth(6).get_by_test_id("reason-label").fill("包装破损")
    form.get_by_test_id("aftersale-save").click()
    expect(page.locator(".el-message--success")).to_have_text("售后设置已保存")
    page.evaluate("window.scrollTo(0, 0)")
    screenshots.keep(page, request.node.name)

    with transaction() as s:
        row = s.get(AfterSaleSettings, merchant)
        assert (row.return_recipient, row.return_phone, row.return_address) == (
            "王店长", "0571-88886666", "浙江省杭州市西湖区龙井路 1 号 茶庄仓库")
        assert (row.review_hours, row.ship_days, row.confirm_days) == (24, 7, 10)
        lines = [line.split("\t") for line in row.reasons.split("\n")]
        assert [code for code, _ in lines[:6]] == [
            "no_reason", "quality", "not_as_described", "wrong_item", "damaged", "not_received"]
        assert lines[6][1] == "包装破损" and re.fullmatch(r"custom_[a-z0-9]+", lines[6][0])
