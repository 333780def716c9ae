"""A buyer asks for a refund on a paid order from her phone: the kind, the
goods, a reason from the shop's list, a photo (uploaded as she picks it) and
an amount; too much is refused in words with the server's cap; she sees the
request with its exact amount and status, the shop approves it through the
console API, the sandbox refunds, and she sees it refunded."""

from __future__ import annotations

import io

from PIL import Image
from playwright.sync_api import expect

from tests.aftersales.conftest import refunds_of
from tests.conftest import drain_events
from tests.h5.steps import sign_in
from tests.payments.conftest import run_jobs
from tests.screenshots import keep


def _photo(tmp_path) -> str:
    path = tmp_path / "broken-cup.png"
    buffer = io.BytesIO()
    Image.new("RGB", (120, 90), (200, 60, 40)).save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return str(path)


def test_a_refund_with_a_photo_approved_by_the_shop(app, client, phone, h5_url, base_url, shop,
                                                    buy, monkeypatch, tmp_path):
    monkeypatch.setattr(app.extensions["mall.settings"], "public_base_url", base_url)
    b = buy(1)  # 1 x 10 yuan, paid: to ship

    page = phone.page()
    page.goto(h5_url + f"#/orders/{b.order_id}")
    sign_in(page, "alice")
    expect(page.get_by_test_id("order-status")).to_have_text("待发货")
    page.get_by_test_id("order-after-sale").click()
    expect(page.get_by_test_id("aftersale-reasons").locator(".van-cell")).to_have_count(7)
    page.get_by_test_id("reason-quality").click()
    expect(page.get_by_test_id(f"aftersale-line-{b.lines[0]}")).to_have_text("Tea 可申请 1 件")
    expect(page.get_by_test_id("aftersale-amount").locator("input")).to_have_attribute(
        "placeholder", "最多可退 ¥10.00，不填即退最多")  # the form's cap of the units
    picker = page.locator("[data-testid=aftersale-photos] input[type=file]")
    picker.set_input_files(_photo(tmp_path))
    expect(page.locator(".van-uploader__preview")).to_have_count(1)
    expect(page.locator(".van-uploader__preview .van-uploader__mask")).to_have_count(0)
    page.get_by_test_id("aftersale-amount").locator("input").fill("20")
    page.get_by_test_id("aftersale-description").locator("textarea").fill("杯子碎了")
    keep(page, "h5_aftersale", "form")
    page.get_by_test_id("aftersale-submit").click()
    expect(page.locator(".van-toast")).to_have_text("退款金额不能超过 ¥10.00")
    page.get_by_test_id("aftersale-amount").locator("input").fill("6.5")
    page.get_by_test_id("aftersale-submit").click()

    expect(page.get_by_test_id("aftersale-status")).to_have_text("待商家处理")
    expect(page.get_by_test_id("aftersale-amount")).to_have_text("退款金额¥6.50")
    expect(page.get_by_test_id("aftersale-asked")).to_have_text("申请金额¥6.50")
    expect(page.get_by_test_id("aftersale-reason")).to_have_text(
        "售后原因质量问题 / Quality problem")
    expect(page.get_by_test_id("aftersale-photos").locator("img")).to_have_count(1)
    expect(page.get_by_test_id("aftersale-cancel")).to_be_visible()
    keep(page, "h5_aftersale", "asked")
    sale_id = int(page.url.rsplit("/", 1)[1])

    page.goto(h5_url + "#/after-sales")
    mine = page.get_by_test_id(f"aftersale-{sale_id}")
    expect(mine.locator(".van-cell__title > span")).to_have_text(f"仅退款 · 订单 {b.order_id}")
    expect(mine.locator(".van-cell__value")).to_have_text("待商家处理¥6.50")
    keep(page, "h5_aftersale", "list")

    approved = client.post(f"/api/v1/merchants/{shop.merchant_id}/after-sales/{sale_id}/approve",
                           headers=shop.staff, json={"amount_fen": None})
    assert approved.status_code == 200, approved.json
    run_jobs(app, "payments")  # the sandbox refunds at once
    drain_events()
    assert [(amount, status) for _, amount, status in refunds_of(b.order_id)] == [
        (650, "succeeded")]

    mine.click()
    expect(page.get_by_test_id("aftersale-status")).to_have_text("已退款")
    expect(page.get_by_test_id("aftersale-amount")).to_have_text("退款金额¥6.50")
    steps = page.get_by_test_id("aftersale-timeline").locator(".van-step")
    expect(steps.locator("> .van-step__title > div:first-child")).to_have_text(
        ["提交申请 ¥6.50", "商家同意 ¥6.50", "退款成功 ¥6.50"])
    expect(page.get_by_test_id("aftersale-cancel")).to_have_count(0)
    keep(page, "h5_aftersale", "refunded")


def _staff(client, shop, sale_id: int, action: str, **body) -> dict:
    resp = client.post(f"/api/v1/merchants/{shop.merchant_id}/after-sales/{sale_id}/{action}",
                       headers=shop.staff, json=body)
    assert resp.status_code == 200, resp.json
    return resp.json


def _ask(page, h5_url: str, order_id: int, kind: str, reason: str) -> int:
    page.goto(h5_url + f"#/orders/{order_id}/after-sale")
    page.get_by_test_id("aftersale-kind").get_by_text(kind).click()
    page.get_by_test_id(f"reason-{reason}").click()
    page.get_by_test_id("aftersale-submit").click()
    expect(page.get_by_test_id("aftersale-status")).to_have_text("待商家处理")
    return int(page.url.rsplit("/", 1)[1])


def test_a_return_the_shop_offers_less_for_then_the_parcel(client, phone, h5_url, shop, buy):
    b = buy(2)  # 2 x 10 yuan
    assert shop.ship(b.order_id, "SF2000000000001").status_code == 200

    page = phone.page()
    page.goto(h5_url + "#/me")
    sign_in(page, "alice")
    page.goto(h5_url + f"#/orders/{b.order_id}/after-sale")
    page.get_by_test_id("aftersale-kind").get_by_text("退货退款").click()
    line = page.get_by_test_id(f"aftersale-line-{b.lines[0]}")
    expect(line).to_have_text("Tea 可申请 2 件")
    line.locator(".van-stepper__minus").click()  # one unit: the form's cap of one
    expect(page.get_by_test_id("aftersale-amount").locator("input")).to_have_attribute(
        "placeholder", "最多可退 ¥10.00，不填即退最多")
    line.locator(".van-stepper__plus").click()
    sale_id = _ask(page, h5_url, b.order_id, "退货退款", "damaged")
    expect(page.get_by_test_id("aftersale-amount")).to_have_text("退款金额¥20.00")  # the cap

    _staff(client, shop, sale_id, "propose", amount_fen=1500)
    page.reload()
    expect(page.get_by_test_id("aftersale-proposed")).to_have_text("商家提议金额¥15.00")
    keep(page, "h5_aftersale_return", "proposed")
    page.get_by_test_id("aftersale-accept").click()
    expect(page.locator(".van-dialog")).to_contain_text("同意按 ¥15.00 退款吗？")
    page.locator(".van-dialog").get_by_role("button", name="确认").click()
    expect(page.get_by_test_id("aftersale-agreed")).to_have_text("协商金额¥15.00")
    expect(page.get_by_test_id("aftersale-accept")).to_have_count(0)

    _staff(client, shop, sale_id, "approve", amount_fen=None)
    page.reload()
    expect(page.get_by_test_id("aftersale-status")).to_have_text("待寄回商品")
    expect(page.get_by_test_id("aftersale-amount")).to_have_text("退款金额¥15.00")
    page.get_by_test_id("parcel-carrier").locator("input").fill("NOPE")
    page.get_by_test_id("parcel-number").locator("input").fill("SF3000000000001")
    page.get_by_test_id("parcel-submit").click()
    expect(page.locator(".van-toast")).to_have_text("不认识这家快递公司")
    page.get_by_test_id("parcel-carrier").locator("input").fill("SF")
    keep(page, "h5_aftersale_return", "ship")
    page.get_by_test_id("parcel-submit").click()
    expect(page.get_by_test_id("aftersale-status")).to_have_text("待商家收货")
    expect(page.get_by_test_id("aftersale-parcel")).to_have_text("退货物流SF SF3000000000001")
    expect(page.get_by_test_id("aftersale-cancel")).to_have_count(0)
    keep(page, "h5_aftersale_return", "returning")


def test_a_withdrawn_request_and_the_shops_refusal_in_words(client, phone, h5_url, shop, buy):
    b = buy(1)
    page = phone.page()
    page.goto(h5_url + "#/me")
    sign_in(page, "alice")
    first = _ask(page, h5_url, b.order_id, "仅退款", "changed_mind")
    page.get_by_test_id("aftersale-cancel").click()
    page.locator(".van-dialog").get_by_role("button", name="确认").click()
    expect(page.get_by_test_id("aftersale-status")).to_have_text("已撤销")

    second = _ask(page, h5_url, b.order_id, "仅退款", "quality")
    assert second != first
    _staff(client, shop, second, "reject", reason="商品已发出，请收货后申请退货退款")
    page.reload()
    expect(page.get_by_test_id("aftersale-status")).to_have_text("商家已拒绝")
    expect(page.get_by_test_id("aftersale-answer")).to_have_text(
        "商家回复商品已发出，请收货后申请退货退款")
    keep(page, "h5_aftersale_rejected")
    page.goto(h5_url + "#/after-sales")
    expect(page.get_by_test_id("aftersales").locator(".van-cell__value")).to_have_text(
        ["商家已拒绝¥10.00", "已撤销¥10.00"])
