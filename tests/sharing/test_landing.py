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
    assert "<h1>Green tea</h1>" in page
    assert "&yen;9.90" in page
    assert "Shared by alice." in page
    with transaction() as s:
        assert s.scalar(select(Share.scans)) == 1


def test_landing_page_of_an_invite(client, make):
    make.user("alice")
    scene = create(client, make.login("alice"), kind="invite", channel="qr").json["scene"]
    page = client.get(f"/s/{scene}").get_data(as_text=True)
    assert "<h1>alice invites you</h1>" in page
    assert "&yen;" not in page


def test_expired_landing_page_is_410(client, make, product):
    scene = create(client, make.login("alice"), kind="product", target_id=product,
                   channel="qr", ttl_s=60).json["scene"]
    clock.advance(timedelta(minutes=1))
    resp = client.get(f"/s/{scene}")
    assert (resp.status_code, resp.mimetype) == (410, "text/html")
    assert "<h1>This share has expired</h1>" in resp.get_data(as_text=True)
    with transaction() as s:
        assert s.scalar(select(Share.scans)) == 0


def test_unknown_or_malformed_landing_page_is_404(client):
    for path in ("/s/pNoSuchScene", "/s/" + "x" * 33, "/s/bad%20scene", "/s/a/b", "/s/%00"):
        resp = client.get(path)
        assert (resp.status_code, resp.mimetype) == (404, "text/html"), path
        assert "<h1>Share not found</h1>" in resp.get_data(as_text=True)


def test_landing_page_escapes_what_it_shows(client, make):
    with transaction() as s:
        s.get(User, make.user("eve")).nickname = "<script>alert(1)</script>"
    scene = create(client, make.login("eve"), kind="invite", channel="qr").json["scene"]
    page = client.get(f"/s/{scene}").get_data(as_text=True)
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; invites you" in page
