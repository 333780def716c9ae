"""Fulfilment in the console, in Debian's chromium through the real server:
batch shipping selected orders, shipping one order from its drawer, and an
order export whose job runs for real and whose file is downloaded. Each test
keeps screenshots."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect
from sqlalchemy import select

from app.auth.models import User
from app.db import transaction
from app.orders.models import Order
from app.shipping.models import Package
from tests import screenshots
from tests.console.helpers import sign_in, staff
from tests.payments.conftest import run_jobs
from tests.shipping.conftest import buy, sandbox, shop  # noqa: F401 - fixtures

TRACKING = ["SF1234567890121", "SF1234567890122", "SF1234567890123"]


BUYERS = {"amei": "阿梅", "xiaozhou": "小周", "laoli": "老李"}


def _bought(buying, buyer, *quantities):
    """A paid order (the buy fixture) of `buyer`, shown with a Chinese nickname and recipient."""
    order_id = buying(*quantities, buyer=buyer).order_id
    with transaction() as s:
        order = s.get(Order, order_id)
        s.get(User, order.buyer_id).nickname = BUYERS[buyer]
        order.ship_to_name = f"王{BUYERS[buyer]}"
    return order_id


def _packages(order_ids):
    with transaction() as s:
        return [(p.order_id, p.carrier, p.tracking_no) for p in s.scalars(
            select(Package).where(Package.order_id.in_(order_ids))
            .order_by(Package.order_id, Package.id))]


def _statuses(order_ids):
    with transaction() as s:
        return [s.get(Order, i).status for i in order_ids]


def _open_orders(page, console_url):
    sign_in(page, console_url, "owner")
    page.locator("[data-testid=menu] .el-menu-item[data-path='/orders']").click()
    return page.locator("[data-testid=orders-table] .el-table__body tr")


@pytest.mark.usefixtures("shop")
def test_a_batch_of_three_selected_orders_ships_in_the_browser(
        pages, console_url, make, buy, request):  # noqa: F811 - the shipping fixture
    staff(make, "owner")
    orders = [_bought(buy, name, 1, 0) for name in BUYERS]
    left = _bought(buy, "amei", 0, 1)  # not selected: stays to ship

    page = pages.page()
    rows = _open_orders(page, console_url)
    expect(rows).to_have_count(4)
    for order_id in orders:
        page.locator(f"tr.order-{order_id}").locator(".el-checkbox").click()
    page.get_by_test_id("batch-ship-open").click()
    dialog = page.get_by_test_id("batch-dialog")
    expect(dialog.locator("[data-testid=batch-rows] .el-table__body tr")).to_have_count(3)
    dialog.get_by_test_id("batch-carrier-all").click()
    page.locator(".el-select-dropdown__item:visible", has_text="顺丰速运").click()
    for order_id, number in zip(orders, TRACKING, strict=True):
        dialog.locator(f"[data-testid=batch-tracking][data-order='{order_id}']").fill(number)
    screenshots.keep(page, request.node.name, "filled")
    dialog.get_by_test_id("batch-submit").click()

    expect(dialog.get_by_test_id("batch-summary")).to_have_text("发货 3 单，失败 0 单")
    expect(dialog.locator("[data-testid=batch-results] .el-table__body tr")).to_have_text(
        [f"{row}{order_id}已发货" for row, order_id in enumerate(orders, start=2)])
    screenshots.keep(page, request.node.name, "answered")
    assert _packages(orders + [left]) == [(o, "SF", n) for o, n in zip(orders, TRACKING,
                                                                      strict=True)]
    assert _statuses(orders + [left]) == ["shipped", "shipped", "shipped", "to_ship"]

    dialog.locator(".el-dialog__footer button", has_text="确定").click()
    expect(rows.filter(has_text="已发货")).to_have_count(3)
    page.locator(f"tr.order-{orders[0]}").get_by_role("button", name="详情").click()
    drawer = page.get_by_test_id("order-drawer")
    expect(drawer.get_by_test_id("package-tracking")).to_have_text([TRACKING[0]])
    expect(drawer.get_by_test_id("package")).to_contain_text("顺丰速运")
    screenshots.keep(page, request.node.name, "drawer")


@pytest.mark.usefixtures("shop")
def test_one_order_ships_in_two_packages_from_its_drawer(
        pages, console_url, make, buy, request):  # noqa: F811 - the shipping fixture
    staff(make, "owner")
    order_id = _bought(buy, "amei", 2, 1)
    with transaction() as s:
        first, second = [line.id for line in s.get(Order, order_id).lines]

    page = pages.page()
    rows = _open_orders(page, console_url)
    rows.first.get_by_role("button", name="详情").click()
    drawer = page.get_by_test_id("order-drawer")
    expect(drawer).to_contain_text("待发货 3 件")
    drawer.get_by_test_id("ship-open").click()
    drawer.get_by_test_id("ship-carrier").click()
    page.locator(".el-select-dropdown__item:visible", has_text="中通快递").click()
    drawer.locator("[data-testid=ship-tracking]").fill("12")
    drawer.locator(f"[data-testid=ship-quantity][data-line='{first}'] input").fill("1")
    drawer.locator(f"[data-testid=ship-quantity][data-line='{second}'] input").fill("0")
    drawer.get_by_test_id("ship-submit").click()
    expect(page.locator(".el-message--error")).to_have_text("快递单号格式不正确")
    assert _packages([order_id]) == []
    screenshots.keep(page, request.node.name, "refused")

    drawer.locator("[data-testid=ship-tracking]").fill("731234567890123")
    drawer.get_by_test_id("ship-submit").click()
    expect(drawer.get_by_test_id("package-tracking")).to_have_text(["731234567890123"])
    expect(drawer).to_contain_text("待发货 2 件")
    expect(drawer.locator(".el-descriptions")).to_contain_text("部分发货")
    assert _statuses([order_id]) == ["partially_shipped"]

    drawer.get_by_test_id("ship-open").click()  # the rest: SF this time
    drawer.get_by_test_id("ship-carrier").click()
    page.locator(".el-select-dropdown__item:visible", has_text="顺丰速运").click()
    drawer.locator("[data-testid=ship-tracking]").fill("SF1234567890129")
    drawer.get_by_test_id("ship-submit").click()
    expect(drawer.get_by_test_id("package-tracking")).to_have_text(
        ["731234567890123", "SF1234567890129"])
    expect(drawer.get_by_test_id("ship-open")).to_have_count(0)
    expect(drawer.locator(".el-descriptions")).to_contain_text("已发货")
    screenshots.keep(page, request.node.name, "shipped")
    assert _packages([order_id]) == [(order_id, "ZTO", "731234567890123"),
                                     (order_id, "SF", "SF1234567890129")]
    with transaction() as s:
        assert [[(pl.order_line_id, pl.quantity) for pl in p.lines] for p in s.scalars(
            select(Package).where(Package.order_id == order_id).order_by(Package.id))] == \
            [[(first, 1)], [(first, 1), (second, 1)]]
    assert _statuses([order_id]) == ["shipped"]


@pytest.mark.usefixtures("shop")
def test_orders_export_runs_and_its_file_downloads(
        pages, console_url, make, buy, app, request, tmp_path):  # noqa: F811 - the fixture
    staff(make, "owner")
    first = _bought(buy, "amei", 1, 0)
    second = _bought(buy, "xiaozhou", 2, 1)
    unpaid = _bought(buy, "laoli", 0, 1)
    with transaction() as s:  # one order out of the filter
        s.get(Order, unpaid).status = "completed"

    page = pages.page()
    rows = _open_orders(page, console_url)
    page.get_by_test_id("order-status").click()
    page.locator(".el-select-dropdown__item:visible", has_text="待发货").click()
    expect(rows).to_have_count(2)
    page.get_by_test_id("orders-export").click()
    expect(page.get_by_test_id("page-title")).to_have_text("导出记录")
    table = page.locator("[data-testid=exports-table] .el-table__body tr")
    expect(table).to_have_count(1)
    expect(table.first).to_contain_text("订单")
    expect(table.first).to_contain_text("状态: 待发货")
    expect(table.first.get_by_test_id("export-status")).to_have_text("排队中")
    screenshots.keep(page, request.node.name, "queued")

    run_jobs(app, "default")  # the worker's job, for real
    expect(table.first.get_by_test_id("export-status")).to_have_text("已完成")
    expect(table.first.get_by_test_id("export-progress")).to_have_attribute("aria-valuenow",
                                                                           "100")
    expect(table.first).to_contain_text("3 / 3 行")
    screenshots.keep(page, request.node.name, "done")
    with page.expect_download() as download:
        table.first.get_by_test_id("export-download").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name.startswith("订单-") and path.suffix == ".xlsx"
    sheet = load_workbook(path, read_only=True).active
    got = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert got[0][:4] == ["订单号", "下单时间", "付款时间", "订单状态"]
    assert [(r[0], r[3], r[5], r[13], r[15], r[16], r[17]) for r in got[1:]] == [
        (second, "待发货", "小周", "Tea", 10, 2, 20),
        (second, "待发货", "小周", "Tea", 20, 1, 20),
        (first, "待发货", "阿梅", "Tea", 10, 1, 10),
    ]


def test_a_batch_sheet_ships_its_good_rows_and_names_each_bad_one(
        pages, console_url, make, buy, request, tmp_path):  # noqa: F811 - the fixture
    staff(make, "owner")
    good, bad = _bought(buy, "amei", 1, 0), _bought(buy, "xiaozhou", 1, 0)
    sheet = tmp_path / "发货.csv"
    sheet.write_bytes("快递单号,订单号,快递公司\n"
                      f"SF1234567890121,{good},顺丰\n"
                      f"12,{bad},中通\n"
                      "SF1234567890122,99999,SF\n".encode("gb18030"))

    page = pages.page()
    _open_orders(page, console_url)
    page.get_by_test_id("batch-ship-open").click()
    dialog = page.get_by_test_id("batch-dialog")
    expect(dialog.locator(".el-tabs__item.is-active")).to_have_text("上传表格")
    dialog.get_by_test_id("batch-file").set_input_files(sheet)
    dialog.get_by_test_id("batch-submit").click()
    expect(dialog.get_by_test_id("batch-summary")).to_have_text("发货 1 单，失败 2 单")
    expect(dialog.locator("[data-testid=batch-results] .el-table__body tr")).to_have_text([
        f"2{good}已发货", f"3{bad}快递单号格式不正确", "499999订单不存在"])
    screenshots.keep(page, request.node.name)
    assert _packages([good, bad]) == [(good, "SF", "SF1234567890121")]
    assert _statuses([good, bad]) == ["shipped", "to_ship"]


def test_the_orders_page_and_its_batch_dialog_in_english(
        pages, console_url, make, buy, request):  # noqa: F811 - the fixture
    staff(make, "owner")
    order_id = _bought(buy, "amei", 1, 0)
    page = pages.page()
    rows = _open_orders(page, console_url)
    page.get_by_test_id("language").click()
    page.locator(".el-dropdown-menu__item[data-lang=en]").click()
    expect(page.get_by_test_id("page-title")).to_have_text("Orders")
    expect(page.locator("[data-testid=orders-table] thead th")).to_have_text(
        ["", "Order no.", "Buyer", "Ship to", "Paid (yuan)", "Delivery", "Status", "Placed",
         "Actions"])
    expect(rows.first).to_contain_text("Express")
    page.locator(f"tr.order-{order_id} .el-checkbox").click()
    page.get_by_test_id("batch-ship-open").click()
    dialog = page.get_by_test_id("batch-dialog")
    expect(dialog.locator(".el-tabs__item")).to_have_text(["Selected orders", "Upload a sheet"])
    expect(dialog.locator("[data-testid=batch-rows] thead th")).to_have_text(
        ["Order no.", "Ship to", "Carrier", "Tracking no."])
    screenshots.keep(page, request.node.name)
