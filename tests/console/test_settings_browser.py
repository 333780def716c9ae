"""The console's settings in Debian's chromium through the real server: the
owner creates a freight template (by piece, a region group with its own
fees and free-shipping threshold, a region not delivered to) and the stored
rules are exactly those. Screenshots kept."""

from __future__ import annotations

from playwright.sync_api import expect
from sqlalchemy import select

from app.db import transaction
from app.freight.models import FreightGroup, FreightRegion, FreightTemplate
from tests import screenshots
from tests.console.helpers import sign_in, staff


def _field(scope, testid: str):
    """An Element Plus input by its test id (on the input itself or its wrapper)."""
    return scope.locator(f"input[data-testid={testid}], [data-testid={testid}] input")


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
    sign_in(page, console_url, "owner")
    page.locator("[data-testid=menu] .el-menu-item[data-path='/freight-templates']").click()
    expect(page.get_by_test_id("page-title")).to_have_text("运费模板")

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
    _field(group, "more-units").fill("2")
    group.get_by_test_id("more-fee").fill("3.5")
    group.get_by_test_id("free-over").fill("99")
    _pick_regions(page, editor.get_by_test_id("not-delivered"), ["新疆维吾尔自治区"])
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
