"""The console's catalogue in Debian's chromium through the real server: the
owner creates a product with two SKUs and a picture (a real PNG through the
file input), sees it listed with its price range, stock and thumbnail; finds
one by title, takes it off sale, adjusts its stock, changes its price and
sets its commission. Screenshots kept."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from PIL import Image
from playwright.sync_api import expect
from sqlalchemy import select

from app.catalog.models import Product, Sku
from app.db import transaction
from app.freight import templates as freight
from app.uploads.models import ProductImage, Upload
from referral.models import ProductRate
from tests import screenshots
from tests.conftest import T0
from tests.console.catalog_steps import field, open_page
from tests.console.helpers import staff


@pytest.fixture
def media_here(app, base_url, monkeypatch):
    """Image addresses name this test server (the app's public base URL,
    which they are built from, is otherwise port 5000)."""
    monkeypatch.setattr(app.extensions["mall.settings"], "public_base_url", base_url)
    return base_url


def _png(size=(120, 90), colour=(46, 139, 87)) -> bytes:
    buf = BytesIO()
    Image.new("RGB", size, colour).save(buf, "PNG")
    return buf.getvalue()


def _freight_template(merchant: int, name: str) -> int:
    with transaction() as s:
        return freight.create(s, merchant, {
            "name": name, "method": "piece", "groups": [], "not_delivered": [],
            "default": {"first_units": 1, "first_fee_fen": 800, "additional_units": 1,
                        "additional_fee_fen": 200, "free_over_fen": None,
                        "free_over_count": None}}, T0).id



def test_the_owner_creates_a_product_with_two_skus_and_a_picture(pages, console_url, make,
                                                                 media_here, request):
    merchant = make.merchant("owner", name="西湖茶庄")
    staff(make, "owner")
    make.product(merchant, title="安吉白茶", skus=[(9_900, 20)])
    template = _freight_template(merchant, "江浙沪运费")

    page = pages.page()
    open_page(page, console_url, "/products", "商品列表")
    rows = page.locator("[data-testid=products-table] .el-table__body tr")
    expect(rows).to_have_count(1)
    page.get_by_test_id("product-create").click()
    editor = page.get_by_test_id("product-editor")
    editor.get_by_test_id("product-title").fill("明前龙井")
    editor.get_by_test_id("product-description").fill("狮峰山核心产区")
    editor.get_by_test_id("image-input").set_input_files(
        {"name": "longjing.png", "mimeType": "image/png", "buffer": _png()})
    expect(editor.locator(".image-item img")).to_have_count(1)
    editor.get_by_test_id("product-freight").click()
    page.locator(".el-select-dropdown__item", has_text="江浙沪运费").click()

    editor.get_by_test_id("spec-name").fill("规格")
    for value in ("250g", "500g"):
        editor.get_by_test_id("spec-value-input").fill(value)
        editor.get_by_test_id("spec-value-add").click()
    skus = editor.locator("[data-testid=sku-table] .el-table__body tr")
    expect(skus).to_have_count(2)
    # a second spec makes one row per combination; removing it brings the two back
    editor.get_by_test_id("spec-add").click()
    packing = editor.get_by_test_id("spec-group").nth(1)
    packing.get_by_test_id("spec-name").fill("包装")
    for value in ("罐装", "礼盒"):
        packing.get_by_test_id("spec-value-input").fill(value)
        packing.get_by_test_id("spec-value-add").click()
    expect(skus).to_have_count(4)
    expect(skus.locator("td:first-child")).to_have_text(
        ["250g / 罐装", "250g / 礼盒", "500g / 罐装", "500g / 礼盒"])
    expect(editor.locator("[data-testid=sku-table] thead th").first).to_have_text("规格 / 包装")
    screenshots.keep(page, request.node.name, "two-specs")
    packing.get_by_test_id("spec-remove").click()
    expect(skus.locator("td:first-child")).to_have_text(["250g", "500g"])
    skus.nth(0).get_by_test_id("sku-price").fill("12.345")
    editor.get_by_test_id("product-save").click()
    expect(editor.locator(".el-form-item__error")).to_have_text(
        ["请输入正确的价格（最多两位小数）"] * 2)
    for row, (price, stock) in zip((skus.nth(0), skus.nth(1)), (("128", 30), ("245.5", 12)),
                                   strict=True):
        row.get_by_test_id("sku-price").fill(price)
        field(row, "sku-stock").fill(str(stock))
    expect(editor.locator(".el-form-item__error")).to_have_count(0)
    expect(editor.get_by_test_id("commission-mode").locator(".el-radio.is-checked")).to_have_text(
        "使用店铺默认比例")
    screenshots.keep(page, request.node.name, "editor")

    editor.get_by_test_id("product-save").click()
    expect(page.locator(".el-drawer")).to_be_hidden()
    expect(rows).to_have_count(2)
    first = rows.first  # newest first
    expect(first).to_contain_text("明前龙井")
    expect(first.get_by_test_id("product-price")).to_have_text("128.00 ~ 245.50")
    expect(first.get_by_test_id("product-stock")).to_have_text("42")
    expect(first.get_by_test_id("product-status-tag")).to_have_text("出售中")
    thumb = first.get_by_test_id("product-thumb")
    thumb_url = re.compile(rf"^{media_here}/media/[0-9a-f]{{32}}/thumb$")
    expect(thumb).to_have_attribute("src", thumb_url)
    assert thumb.evaluate("img => img.complete && img.naturalWidth") == 120
    screenshots.keep(page, request.node.name, "list")

    with transaction() as s:
        product = s.scalars(select(Product).where(Product.title == "明前龙井")).one()
        assert (product.merchant_id, product.description, product.status,
                product.freight_template_id) == (merchant, "狮峰山核心产区", "on_sale", template)
        assert [(k.spec, k.price_fen, k.stock, k.weight_g) for k in s.scalars(
            select(Sku).where(Sku.product_id == product.id).order_by(Sku.id))] == [
            ("250g", 12_800, 30, 0), ("500g", 24_550, 12, 0)]
        pictures = s.execute(select(ProductImage.position, Upload.merchant_id, Upload.width)
                             .join(Upload, Upload.id == ProductImage.upload_id)
                             .where(ProductImage.product_id == product.id)).all()
        assert pictures == [(0, merchant, 120)]
        key = s.scalars(select(Upload.key).join(ProductImage)
                        .where(ProductImage.product_id == product.id)).one()
        assert product.image_url.endswith(f"/media/{key}")
        assert s.get(ProductRate, product.id) is None  # the shop's rates: no override


def test_search_take_off_sale_and_adjust_stock(pages, console_url, make, request):
    merchant = make.merchant("owner", name="西湖茶庄")
    staff(make, "owner")
    make.product(merchant, title="安吉白茶", skus=[(9_900, 20)])
    (sku,) = make.product(merchant, title="明前龙井", skus=[(12_800, 5)])

    page = pages.page()
    open_page(page, console_url, "/products", "商品列表")
    rows = page.locator("[data-testid=products-table] .el-table__body tr")
    expect(rows).to_have_count(2)
    page.get_by_test_id("product-search").fill("龙井")
    page.get_by_test_id("product-search-go").click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("明前龙井")

    rows.first.get_by_test_id("product-take-off").click()
    page.locator(".el-message-box").get_by_role("button", name="确定").click()
    expect(rows.first.get_by_test_id("product-status-tag")).to_have_text("已下架")

    rows.first.get_by_test_id("product-edit").click()
    editor = page.get_by_test_id("product-editor")
    expect(editor.get_by_test_id("sku-stock-value")).to_have_text("5")
    editor.get_by_test_id("sku-adjust").click()
    box = page.locator(".el-message-box")
    box.locator("input").fill("-2")
    box.get_by_role("button", name="确定").click()
    expect(editor.get_by_test_id("sku-stock-value")).to_have_text("3")
    editor.get_by_test_id("sku-price").fill("99.9")
    expect(editor.locator(".product-commission .form-hint")).to_have_text(
        "店铺默认：一级佣金 10%，二级佣金 5%")
    editor.get_by_test_id("commission-mode").get_by_text("单独设置比例").click()
    rates = editor.get_by_test_id("commission-value")
    expect(rates).to_have_count(2)
    rates.nth(0).fill("12")
    rates.nth(1).fill("6.5")
    screenshots.keep(page, request.node.name, "editing")
    editor.get_by_test_id("product-save").click()
    expect(page.locator(".el-drawer")).to_be_hidden()
    expect(rows.first.get_by_test_id("product-price")).to_have_text("99.90")
    expect(rows.first.get_by_test_id("product-stock")).to_have_text("3")
    screenshots.keep(page, request.node.name, "list")
    page.get_by_test_id("language").click()
    page.locator(".el-dropdown-menu__item[data-lang=en]").click()
    expect(page.locator("[data-testid=products-table] thead")).to_contain_text("Price (yuan)")
    expect(rows.first.get_by_test_id("product-status-tag")).to_have_text("Off sale")
    expect(rows.first.get_by_test_id("product-put-on")).to_have_text("Put on sale")
    screenshots.keep(page, request.node.name, "english")

    with transaction() as s:
        row = s.get(Sku, sku)
        assert (row.price_fen, row.stock) == (9_990, 3)
        assert s.get(Product, row.product_id).status == "off_sale"
        rate = s.get(ProductRate, row.product_id)
        assert (rate.merchant_id, rate.mode, rate.values) == (merchant, "bps", "1200,650")
