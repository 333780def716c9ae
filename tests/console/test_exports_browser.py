"""The exports page follows a running export: the job (held after its first
row's progress report) is polled until done, and the bar moves from 0 to
the rows written. Debian's chromium through the real server; screenshots
kept."""

from __future__ import annotations

import csv
import threading

import pytest
from playwright.sync_api import expect

from app.exports import jobs, writers
from tests import screenshots
from tests.aftersales.conftest import aftersales  # noqa: F401 - fixtures
from tests.console.helpers import sign_in, staff
from tests.shipping.conftest import buy, sandbox, shop  # noqa: F401 - fixtures


@pytest.fixture
def held_after_one_row(monkeypatch):
    """Export writers report every row; after the first report (committed)
    the job waits until the test lets it go."""
    reached, go = threading.Event(), threading.Event()
    write = writers.write

    def held(path, fmt, headings, rows, progress):
        def report(done):
            progress(done)
            if done == 1:
                reached.set()
                go.wait(30)
        return write(path, fmt, headings, rows, report)

    monkeypatch.setattr(writers, "EVERY", 1)
    monkeypatch.setattr(writers, "write", held)
    return reached, go


@pytest.mark.usefixtures("shop")
def test_the_progress_bar_moves_while_the_export_runs(
        pages, console_url, app, make, buy, held_after_one_row, request):  # noqa: F811
    reached, go = held_after_one_row
    staff(make, "owner")
    for buyer, quantities in (("ana", (1, 0)), ("bo", (2, 1)), ("cy", (0, 1))):
        buy(*quantities, buyer=buyer)  # 4 lines

    page = pages.page()
    sign_in(page, console_url, "owner")
    page.locator("[data-testid=menu] .el-menu-item[data-path='/orders']").click()
    page.get_by_test_id("orders-export").click()
    row = page.locator("[data-testid=exports-table] .el-table__body tr").first
    bar = row.get_by_test_id("export-progress")
    expect(row.get_by_test_id("export-status")).to_have_text("排队中")
    expect(bar).to_have_attribute("aria-valuenow", "0")
    export_id = int(row.locator("td").first.inner_text())

    def run():  # the worker's job, in a thread (the browser stays on this one)
        with app.app_context():
            jobs.run_export(export_id)
    runner = threading.Thread(target=run)
    runner.start()
    try:
        assert reached.wait(15)
        expect(row.get_by_test_id("export-status")).to_have_text("导出中")
        expect(bar).to_have_attribute("aria-valuenow", "25")
        expect(row).to_contain_text("1 / 4 行")
        screenshots.keep(page, request.node.name, "running")
    finally:
        go.set()
        runner.join(30)
    expect(row.get_by_test_id("export-status")).to_have_text("已完成")
    expect(bar).to_have_attribute("aria-valuenow", "100")
    expect(row).to_contain_text("4 / 4 行")
    expect(row.get_by_test_id("export-download")).to_have_text("下载")
    screenshots.keep(page, request.node.name, "done")


def test_a_new_after_sales_export_as_csv_is_asked_run_and_opened(
        pages, console_url, app, make, aftersales, buy, request):  # noqa: F811
    staff(make, "owner")
    bought = buy(2, 0, buyer="ana")
    sale = aftersales.opened(bought, "refund_only", [(0, 2)], description="买多了")

    page = pages.page()
    sign_in(page, console_url, "owner")
    page.locator("[data-testid=menu] .el-menu-item[data-path='/exports']").click()
    page.get_by_test_id("export-new").click()
    page.get_by_test_id("export-kind").get_by_text("售后单").click()
    page.get_by_test_id("export-format").get_by_text("CSV").click()
    screenshots.keep(page, request.node.name, "asking")
    page.get_by_test_id("export-submit").click()
    row = page.locator("[data-testid=exports-table] .el-table__body tr").first
    expect(row).to_contain_text("售后单")
    expect(row).to_contain_text("CSV")
    export_id = int(row.locator("td").first.inner_text())
    with app.app_context():
        jobs.run_export(export_id)
    expect(row.get_by_test_id("export-status")).to_have_text("已完成")
    expect(row).to_contain_text("1 / 1 行")
    with page.expect_download() as download:
        row.get_by_test_id("export-download").click()
    with open(download.value.path(), encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0][:6] == ["售后单号", "订单号", "申请时间", "类型", "状态", "原因"]
    r = rows[1]
    assert [r[0], r[1], r[3], r[4], r[9], r[10], r[14]] == [
        str(sale["id"]), str(bought.order_id), "仅退款", "待审核", "2", "20.00", "买多了"]
    assert len(rows) == 2
    screenshots.keep(page, request.node.name, "done")
