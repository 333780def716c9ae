"""A buyer with coupons and points buys now from the demo shop: checkout
goes to her default address, lists her coupons as the server judges them
for these goods (one usable, one below its minimum spend), refuses more
points than the order takes with the most it would, and the order takes the
coupon and points she picks at the discounts the server computed."""

from __future__ import annotations

from playwright.sync_api import expect
from sqlalchemy import select

from app.auth.models import User
from app.auth.wechat import DevResolver
from app.db import transaction
from app.orders.models import Order
from tests.conftest import iso
from tests.h5.steps import demo_shop, sign_in
from tests.screenshots import keep

COFFEE = "Yunnan single-origin coffee beans"
GOODS_FEN, POSTAGE_FEN, COUPON_FEN = 5900, 800, 1000  # Hangzhou: the default 8 yuan
POINTS, POINTS_FEN = 200, 200  # the shop redeems 100 points a yuan
TOTAL_FEN = GOODS_FEN + POSTAGE_FEN - COUPON_FEN - POINTS_FEN
# points pay at most 10% of the order; 500 from one check-in
POINTS_SETTINGS = {"earn_per_yuan": 0, "redeem_per_yuan": 100, "max_cover_bps": 1000,
                   "expiry_days": 365, "checkin_points": 500, "streak_bonuses": [],
                   "checkin_growth": 0}


def coffee_sku(client) -> int:
    """The 250 g SKU of the demo's coffee."""
    products = client.get("/mp/v1/products").json["items"]
    coffee = next(p for p in products if p["title"] == COFFEE)
    return next(sku["id"] for sku in coffee["skus"] if sku["spec"] == "250 g")


def coupon(client, staff: dict, name: str, min_spend_fen: int) -> int:
    """An active amount-off coupon of the demo shop (merchant 1), made by its owner."""
    url = "/api/v1/merchants/1/coupons"
    made = client.post(url, headers=staff, json={
        "name": name, "kind": "amount_off", "amount_fen": COUPON_FEN,
        "min_spend_fen": min_spend_fen, "total": 100, "valid_from": iso(),
        "valid_until": iso(days=6)})
    assert made.status_code == 201, made.json
    assert client.post(f"{url}/{made.json['id']}/activate", headers=staff).status_code == 200
    return made.json["id"]


def test_a_buyer_pays_with_a_coupon_and_points_the_server_prices(app, client, make, phone, h5_url,
                                                  base_url, monkeypatch):
    demo_shop(app, monkeypatch, base_url)
    staff, fay = make.login("merchant"), make.login("fay")
    address = make.address("fay", region_code="330106", recipient="费伊", detail="文三路 90 号")
    made = {name: coupon(client, staff, name, min_spend)
            for name, min_spend in (("满50减10", 5000), ("满200减10", 20000))}
    held = {}
    for name in ("满200减10", "满50减10"):  # claimed in the other order: held ids differ
        claim = client.post(f"/mp/v1/coupons/{made[name]}/claim", headers=fay)
        assert claim.status_code == 201, claim.json
        held[name] = claim.json["id"]
    assert held["满50减10"] != made["满50减10"]
    assert client.put("/api/v1/merchants/1/members/points-settings", headers=staff,
                      json=POINTS_SETTINGS).status_code == 200
    assert client.post("/mp/v1/members/merchants/1/checkin", headers=fay).status_code == 201

    page = phone.page()
    page.goto(h5_url + "#/me")
    sign_in(page, "fay")
    page.get_by_test_id("tabbar").get_by_text("首页").click()
    page.get_by_test_id("products").locator(".product-card", has_text=COFFEE).click()
    page.get_by_test_id("buy-now").click()
    page.get_by_test_id("sku-sheet").get_by_role("button", name="250 g").click()
    page.get_by_test_id("sku-confirm").click()

    expect(page.get_by_test_id("checkout-address")).to_contain_text(
        "浙江省杭州市西湖区 文三路 90 号")
    expect(page.get_by_test_id("checkout-postage")).to_contain_text("¥8.00")
    expect(page.get_by_test_id("checkout-coupon")).to_contain_text("1 张可用")
    expect(page.get_by_test_id("checkout-problem")).to_have_count(0)
    expect(page.get_by_test_id("checkout-submit")).to_contain_text("¥67.00")
    page.get_by_test_id("checkout-coupon").click()
    usable, below = (page.get_by_test_id(f"coupon-{held[n]}") for n in ("满50减10", "满200减10"))
    expect(usable).to_contain_text("-¥10.00")
    expect(below).to_contain_text("未达到使用门槛")
    keep(page, "h5_coupon", "coupons")
    usable.click()
    expect(page.get_by_test_id("checkout-coupon")).to_contain_text("满50减10 -¥10.00")
    expect(page.get_by_test_id("checkout-submit")).to_contain_text("¥57.00")

    points = page.get_by_test_id("checkout-points")
    expect(points.locator("input")).to_have_attribute("placeholder", "可用 500 积分")
    too_many = client.post("/mp/v1/checkout/preview", headers=fay, json={
        "lines": [{"sku_id": coffee_sku(client), "quantity": 1}], "coupon_id": held["满50减10"],
        "address_id": address, "points": 600})
    assert too_many.json["error"]["code"] == "points_over_limit"
    most = too_many.json["error"]["details"]["max_points"]
    assert most == 570  # 10% of the 57 yuan payable after the coupon, postage in
    points.locator("input").fill("600")
    points.locator("input").press("Enter")
    expect(page.get_by_test_id("checkout-problem")).to_have_text(f"这笔订单最多可用 {most} 积分")
    expect(page.get_by_test_id("checkout-submit").get_by_role("button")).to_be_disabled()
    points.locator("input").fill(str(POINTS))
    points.locator("input").press("Enter")
    expect(points).to_contain_text("-¥2.00")
    expect(page.get_by_test_id("checkout-problem")).to_have_count(0)
    expect(page.get_by_test_id("checkout-submit")).to_contain_text("¥55.00")
    keep(page, "h5_coupon", "checkout")
    page.get_by_test_id("checkout-submit").get_by_role("button", name="提交订单").click()
    expect(page.get_by_test_id("pay-amount")).to_have_text("¥55.00")

    with transaction() as s:
        buyer = s.scalar(select(User.id).where(User.openid == DevResolver().resolve("fay").openid))
        order = s.scalars(select(Order).where(Order.buyer_id == buyer)).one()
        assert (order.status, order.coupon_id) == ("pending_payment", held["满50减10"])
        assert (order.goods_fen, order.postage_fen, order.discount_fen, order.total_fen) == \
            (GOODS_FEN, POSTAGE_FEN, COUPON_FEN + POINTS_FEN, TOTAL_FEN)
