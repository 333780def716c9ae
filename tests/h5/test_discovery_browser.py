"""Finding things on a phone: search in Chinese (results, an empty state,
recent searches kept in the browser), the home page's discovery lists
(group-buys, bargains and rooms running now, categories) with exactly the
items the server lists, a category's products, a favourite kept from the
product page, and the browsing history (cleared)."""

from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import expect

from app import clock
from app.db import transaction
from live import rooms
from tests.conftest import T0
from tests.discovery.conftest import product
from tests.groupbuy.conftest import Shop, bargain_activity, group_activity
from tests.h5.steps import sign_in
from tests.screenshots import keep

H = timedelta(hours=1)


def test_search_finds_a_chinese_title_and_keeps_recent_queries(make, phone, h5_url):
    merchant = make.merchant("owner")
    oolong = product(make, merchant, "安溪铁观音乌龙", price_fen=3800)
    product(make, merchant, "云南普洱熟茶", price_fen=5600)

    page = phone.page()
    page.goto(h5_url)
    page.get_by_test_id("home-search").click()
    box = page.get_by_test_id("search-input").locator("input")
    box.fill("铁观音")
    page.get_by_test_id("search-submit").click()
    expect(page.get_by_test_id("search-count")).to_have_text("共 1 件商品")
    results = page.get_by_test_id("search-results").locator(".van-card")
    expect(results.locator(".van-card__title")).to_have_text(["安溪铁观音乌龙"])
    expect(results.locator(".van-card__price")).to_have_text(["¥38.00"])
    keep(page, "h5_search", "found")

    box.fill("咖啡")
    page.get_by_test_id("search-submit").click()
    expect(page.get_by_test_id("search-empty")).to_contain_text("没有找到“咖啡”相关的商品")
    keep(page, "h5_search", "empty")

    page.goto(h5_url + "#/search")
    recent = page.get_by_test_id("recent-searches")
    expect(recent.locator(".van-tag")).to_have_text(["咖啡", "铁观音"])
    recent.locator(".van-tag", has_text="铁观音").click()
    expect(page.get_by_test_id(f"result-{oolong}")).to_contain_text("安溪铁观音乌龙")
    keep(page, "h5_search", "recent")
    page.get_by_test_id(f"result-{oolong}").click()
    expect(page.get_by_test_id("product-title")).to_have_text("安溪铁观音乌龙")


ROOMS = (("春茶直播", "live"), ("晚间品茶", "scheduled"), ("昨日专场", "ended"))


def _rooms(make, merchant: int) -> dict[str, int]:
    owner = make.user("owner")
    made = {}
    with transaction() as s:
        for title, state in ROOMS:
            room = rooms.create(s, staff_id=owner, merchant_id=merchant, data={"title": title},
                                now=clock.now())
            room.state = state
            room.started_at = T0 - H if state != "scheduled" else None
            made[title] = room.id
    return made


def test_home_shows_each_discovery_list(client, make, phone, h5_url):
    merchant = make.merchant("owner")
    oolong = product(make, merchant, "安溪铁观音乌龙", category="乌龙茶", price_fen=1000)
    product(make, merchant, "武夷大红袍", category="乌龙茶", price_fen=2000)
    product(make, merchant, "云南普洱熟茶", category="普洱", price_fen=3000)
    with transaction() as s:
        from app.catalog.models import Sku

        (sku,) = [x.id for x in s.query(Sku).filter_by(product_id=oolong)]
    shop = Shop(merchant, sku, make.login("owner"))
    group = group_activity(client, shop, title="三人拼铁观音")
    group_activity(client, shop, title="下周拼团", starts_at=(clock.now() + 24 * H).isoformat())
    bargain = bargain_activity(client, shop, title="砍到一元")
    made = _rooms(make, merchant)

    page = phone.page()
    page.clock.set_fixed_time(clock.now())  # the countdowns count from the app's clock
    page.goto(h5_url)
    groups = page.get_by_test_id("home-group_buys").locator(".van-cell")
    expect(groups.locator(".van-cell__title > span")).to_have_text(["三人拼铁观音"])
    expect(page.get_by_test_id(f"group-{group}").locator(".van-cell__label")).to_have_text(
        "¥8.00¥10.003 人团距结束 03:00:00:00")
    bargains = page.get_by_test_id("home-bargains").locator(".van-cell")
    expect(bargains.locator(".van-cell__title > span")).to_have_text(["砍到一元"])
    expect(page.get_by_test_id(f"bargain-{bargain}").locator(".van-cell__label")).to_have_text(
        "最低砍至¥1.00¥10.005 人助力")
    live = page.get_by_test_id("home-live").locator(".van-cell")
    expect(live.locator(".van-cell__title > span")).to_have_text(["春茶直播"])
    expect(page.get_by_test_id(f"room-{made['春茶直播']}")).to_contain_text("直播中")
    expect(page.get_by_test_id("home-categories").locator(".van-tag")).to_have_text(
        ["乌龙茶", "普洱"])
    expect(page.get_by_test_id("entries")).to_have_text("拼团砍价直播分类")
    keep(page, "h5_discovery_home")

    page.get_by_test_id(f"group-{group}").click()
    expect(page.get_by_test_id("product-title")).to_have_text("安溪铁观音乌龙")
    group_banner = page.get_by_test_id(f"product-group-{group}")
    expect(group_banner.locator(".promo-banner-title")).to_have_text("3人拼团价")
    expect(group_banner.locator(".promo-banner-price")).to_have_text("¥8.00")
    expect(page.get_by_test_id(f"product-bargain-{bargain}")).to_contain_text("¥1.00")
    keep(page, "h5_discovery_home", "promotions")

    page.goto(h5_url)
    page.get_by_test_id("home-category-乌龙茶").click()
    expect(page.get_by_test_id("category-list").locator(".van-sidebar-item")).to_have_text(
        ["乌龙茶 2", "普洱 1"])
    expect(page.get_by_test_id("category-products").locator(".van-card__title")).to_have_text(
        ["武夷大红袍", "安溪铁观音乌龙"])
    page.get_by_test_id("category-普洱").click()
    expect(page.get_by_test_id("category-products").locator(".van-card__title")).to_have_text(
        ["云南普洱熟茶"])
    keep(page, "h5_discovery_home", "categories")


def test_a_favourite_and_the_history(make, phone, h5_url):
    merchant = make.merchant("owner")
    oolong = product(make, merchant, "安溪铁观音乌龙", price_fen=3800)
    puer = product(make, merchant, "云南普洱熟茶", price_fen=5600)

    page = phone.page()
    page.goto(h5_url + f"#/product/{oolong}")
    expect(page.get_by_test_id("product-title")).to_have_text("安溪铁观音乌龙")
    page.get_by_test_id("favourite").click()  # signed out: sign in first, then back here
    sign_in(page, "alice")
    expect(page.get_by_test_id("product-title")).to_have_text("安溪铁观音乌龙")
    expect(page.get_by_test_id("favourite")).to_have_text("收藏")
    page.get_by_test_id("favourite").click()
    expect(page.get_by_test_id("favourite")).to_have_text("已收藏")
    keep(page, "h5_favourites", "product")
    page.goto(h5_url + f"#/product/{puer}")
    expect(page.get_by_test_id("product-title")).to_have_text("云南普洱熟茶")

    page.goto(h5_url + "#/me")
    page.get_by_test_id("me-discovery").get_by_text("我的收藏").click()
    favourites = page.get_by_test_id("favourites").locator(".van-card")
    expect(favourites.locator(".van-card__title")).to_have_text(["安溪铁观音乌龙"])
    expect(favourites.locator(".van-card__price")).to_have_text(["¥38.00"])
    keep(page, "h5_favourites", "list")

    page.goto(h5_url + "#/history")
    viewed = page.get_by_test_id("history").locator(".van-card")
    expect(viewed.locator(".van-card__title")).to_have_text(["云南普洱熟茶", "安溪铁观音乌龙"])
    keep(page, "h5_favourites", "history")
    page.get_by_text("清空").click()
    page.locator(".van-dialog").get_by_role("button", name="确认").click()
    expect(page.get_by_test_id("history-empty")).to_contain_text("还没有浏览记录")
    keep(page, "h5_favourites", "history_cleared")

    page.goto(h5_url + f"#/product/{oolong}")
    expect(page.get_by_test_id("favourite")).to_have_text("已收藏")
    page.get_by_test_id("favourite").click()
    expect(page.get_by_test_id("favourite")).to_have_text("收藏")
    page.goto(h5_url + "#/favourites")
    expect(page.get_by_test_id("favourites-empty")).to_contain_text("还没有收藏的商品")


def test_the_discovery_pages_in_english(make, phone, h5_url):
    merchant = make.merchant("owner")
    product(make, merchant, "安溪铁观音乌龙", category="乌龙茶", price_fen=3800)
    page = phone.page()
    page.add_init_script("localStorage.setItem('h5.locale', 'en')")
    page.goto(h5_url)
    expect(page.get_by_test_id("entries")).to_have_text("Group buysBargainsLiveCategories")
    expect(page.get_by_test_id("home-categories").locator(".section-title")).to_have_text(
        "Categories")
    page.goto(h5_url + "#/search?q=铁观音")
    expect(page.get_by_test_id("search-count")).to_have_text("Found: 1")
    page.goto(h5_url + "#/search?q=咖啡")
    expect(page.get_by_test_id("search-empty")).to_contain_text("Nothing found for “咖啡”")
    keep(page, "h5_discovery_english")
