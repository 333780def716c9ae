"""The reviews page in Debian's chromium through the real server: the
rating filter, a reply, hiding, and publishing a review the keyword filter
held. Each test keeps screenshots."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from app.db import transaction
from app.reviews.models import Review
from tests import screenshots
from tests.console.helpers import sign_in, staff
from tests.console.media import served_media  # noqa: F401 - fixture
from tests.payments.conftest import sandbox  # noqa: F401 - fixture
from tests.reviews.conftest import review, shop, upload  # noqa: F401 - fixture


def _review(review_id: int) -> tuple:
    with transaction() as s:
        r = s.get(Review, review_id)
        return r.status, r.hidden, r.hidden_reason, r.reply_content


@pytest.mark.usefixtures("served_media")
def test_replying_hiding_and_approving_reviews(
        pages, console_url, client, make, shop, request):  # noqa: F811 - the reviews fixture
    staff(make, "owner")
    assert client.put(f"{shop.base}/review-keywords", headers=shop.staff,
                      json={"words": ["返现"]}).status_code == 200
    _, lines = shop.order("ana")
    headers = make.login("ana")
    good = review(client, headers, lines[0], rating=5, content="茶香浓郁，回购第三次了",
                  images=[upload(make, "ana")]).json["id"]
    held = review(client, headers, lines[1], rating=2, content="好评返现吗").json["id"]
    assert _review(held)[0] == "pending"

    page = pages.page()
    sign_in(page, console_url, "owner")
    page.locator("[data-testid=menu] .el-menu-item[data-path='/reviews']").click()
    rows = page.locator("[data-testid=reviews-table] .el-table__body tr")
    expect(rows).to_have_count(2)
    expect(page.locator(f"tr.review-{held}")).to_contain_text("待审核")
    expect(page.locator(f"tr.review-{good}")).to_contain_text("龙井")
    expect(page.locator(f"tr.review-{good} .photo img")).to_have_count(1)
    screenshots.keep(page, request.node.name, "list")

    page.get_by_test_id("review-rating").click()
    page.locator(".el-select-dropdown__item:visible", has_text="5 星").click()
    expect(rows).to_have_count(1)
    row = page.locator(f"tr.review-{good}")
    row.locator("button[data-action=reply]").click()
    page.get_by_test_id("reply-content").fill("感谢支持，欢迎常来")
    page.get_by_test_id("reply-submit").click()
    expect(row.get_by_test_id("review-reply")).to_have_text("商家回复：感谢支持，欢迎常来")
    row.locator("button[data-action=hide]").click()
    expect(row.get_by_test_id("review-hidden")).to_have_text("商家隐藏")
    assert _review(good) == ("published", True, "staff", "感谢支持，欢迎常来")
    screenshots.keep(page, request.node.name, "replied")

    page.get_by_test_id("review-status").click()
    page.locator(".el-select-dropdown__item:visible", has_text="待审核").click()
    page.get_by_test_id("review-rating").hover()  # the clear icon shows on hover
    page.get_by_test_id("review-rating").locator(".el-select__clear").click()
    expect(rows).to_have_count(1)
    page.locator(f"tr.review-{held} button[data-action=approve]").click()
    expect(page.locator(f"tr.review-{held}")).to_contain_text("已发布")
    expect(page.locator(f"tr.review-{held} button[data-action=approve]")).to_have_count(0)
    screenshots.keep(page, request.node.name, "approved")
    assert _review(held) == ("published", False, "", "")
