"""/s/<scene>, where a QR code points: a small page that counts the scan,
404 for an unknown scene and 410 once the share has expired."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app import clock
from app.auth.models import User
from app.db import transaction
from app.sharing.models import Share
from tests.sharing.conftest import create


def test_landing_page_shows_the_share_and_counts_the_scan(client, make, product):
    make.user("alice")
    share = create(client, make.login("alice"), kind="product", target_id=product,
                   channel="qr").json
    resp = client.get(f"/s/{share['scene']}")
    page = resp.get_data(as_text=True)
    assert (resp.status_code, resp.mimetype) == (200, "text/html")
    assert '<html lang="zh-CN">' in page
    assert "<h1>Green tea</h1>" in page
    assert "&yen;9.90" in page
    assert '<p>来自 alice 的分享<span class="en" lang="en">Shared by alice.</span></p>' in page
    assert f'href="/h5/#/product/{product}" data-testid="open-in-h5"' in page
    with transaction() as s:
        assert s.scalar(select(Share.scans)) == 1


def test_landing_page_of_an_invite(client, make):
    make.user("alice")
    scene = create(client, make.login("alice"), kind="invite", channel="qr").json["scene"]
    page = client.get(f"/s/{scene}").get_data(as_text=True)
    assert '<h1>alice 邀请你<span class="en" lang="en">alice invites you</span></h1>' in page
    assert "&yen;" not in page
    assert f'<a class="open-app" href="/h5/#/join/{scene}" data-testid="open-in-h5">' in page


def test_expired_landing_page_is_410(client, make, product):
    scene = create(client, make.login("alice"), kind="product", target_id=product,
                   channel="qr", ttl_s=60).json["scene"]
    clock.advance(timedelta(minutes=1))
    resp = client.get(f"/s/{scene}")
    assert (resp.status_code, resp.mimetype) == (410, "text/html")
    assert '<h1>分享已过期<span class="en" lang="en">This share has expired</span></h1>' \
        in resp.get_data(as_text=True)
    with transaction() as s:
        assert s.scalar(select(Share.scans)) == 0


def test_unknown_or_malformed_landing_page_is_404(client):
    for path in ("/s/pNoSuchScene", "/s/" + "x" * 33, "/s/bad%20scene", "/s/a/b", "/s/%00"):
        resp = client.get(path)
        assert (resp.status_code, resp.mimetype) == (404, "text/html"), path
        assert '<h1>分享不存在<span class="en" lang="en">Share not found</span></h1>' \
            in resp.get_data(as_text=True)


def test_landing_page_escapes_what_it_shows(client, make):
    with transaction() as s:
        s.get(User, make.user("eve")).nickname = "<script>alert(1)</script>"
    scene = create(client, make.login("eve"), kind="invite", channel="qr").json["scene"]
    page = client.get(f"/s/{scene}").get_data(as_text=True)
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; invites you" in page


def _group_share(client, make, paid: int) -> tuple[str, int]:
    """A 3-person group opened by bob at T0 with `paid` members paid, shared
    by alice a minute later: (scene, group id)."""
    from tests.groupbuy.conftest import Shop, group_activity, join, open_group, pay_direct

    merchant = make.merchant("owner")
    (sku,) = make.product(merchant, skus=((1000, 50),), title="Oolong")
    shop = Shop(merchant, sku, make.login("owner"))
    shop.group_activity_id = group_activity(client, shop, title="Oolong for three")
    opened = open_group(client, shop, make.login("bob")).json
    group_id, orders = opened["group"]["id"], [opened["order"]["id"]]
    for name in ("carol", "dave")[:max(0, paid - 1)]:
        orders.append(join(client, group_id, make.login(name)).json["order"]["id"])
    for order_id in orders[:paid]:
        pay_direct(order_id)
    clock.advance(timedelta(minutes=1))
    scene = create(client, make.login("alice"), kind="group", target_id=group_id,
                   channel="qr").json["scene"]
    return scene, group_id


def test_an_open_group_s_page_invites_people_in(client, make):
    scene, _ = _group_share(client, make, paid=1)
    page = client.get(f"/s/{scene}").get_data(as_text=True)
    assert "<h1>Oolong for three</h1>" in page
    assert "Open this link in WeChat" in page
    assert "takes no more members" not in page


def test_a_completed_group_s_page_says_so_instead_of_inviting(client, make):
    scene, _ = _group_share(client, make, paid=3)
    resp = client.get(f"/s/{scene}")
    page = resp.get_data(as_text=True)
    assert resp.status_code == 200
    assert ('<p class="closed">该团已成团，不再接受新成员。<span class="en" lang="en">'
            'This group is complete: it takes no more members.</span></p>') in page
    assert "Open this link in WeChat" not in page
    assert "&yen;" not in page


def test_an_expired_group_s_page_says_so_even_before_the_sweep(client, make):
    scene, _ = _group_share(client, make, paid=1)
    clock.advance(timedelta(hours=23, minutes=59))  # the group's 24 hours are over
    page = client.get(f"/s/{scene}").get_data(as_text=True)
    assert ('<p class="closed">该团已过期，不再接受新成员。<span class="en" lang="en">'
            'This group has expired: it takes no more members.</span></p>') in page
    assert "Open this link in WeChat" not in page
