"""QR codes and posters: they decode back to the share URL, are cached in
Redis no longer than the share lives, are refused once it has expired, and
never read an image from anywhere but our own static folders."""

from __future__ import annotations

import base64
import xml.etree.ElementTree as ET
from datetime import timedelta
from io import BytesIO

import zxingcpp
from PIL import Image
from sqlalchemy import select

from app import clock
from app.catalog.models import Product
from app.db import transaction
from app.sharing import images, keys, poster
from app.sharing.models import Share
from tests.conftest import iso
from tests.sharing.conftest import create, error

SVG = "{http://www.w3.org/2000/svg}"


def decoded(png: bytes) -> list[str]:
    return [code.text for code in zxingcpp.read_barcodes(Image.open(BytesIO(png)))]


def product_share(client, make, product, **extra) -> dict:
    resp = create(client, make.login("alice"), kind="product", target_id=product,
                  channel="poster", **extra)
    assert resp.status_code == 201, resp.json
    return resp.json


def qr_key(share: dict, fmt: str) -> str:
    return keys.image(share["scene"], f"qr.{fmt}", images.fingerprint(share["url"]))


def test_qr_png_decodes_to_the_share_url(client, make, product, base_url):
    share = product_share(client, make, product)
    resp = client.get("/mp/v1/shares/qr.png", query_string={"scene": share["scene"]})
    assert (resp.status_code, resp.mimetype) == (200, "image/png")
    assert decoded(resp.data) == [f"{base_url}/s/{share['scene']}"]


def test_qr_svg_is_an_svg_document_with_the_code_path(client, make, product):
    share = product_share(client, make, product)
    resp = client.get("/mp/v1/shares/qr.svg", query_string={"scene": share["scene"]})
    assert (resp.status_code, resp.mimetype) == (200, "image/svg+xml")
    root = ET.fromstring(resp.data)
    assert root.tag == f"{SVG}svg"
    (path,) = root.iter(f"{SVG}path")
    assert path.get("d").startswith("M")
    assert path.get("id") == "qr-path"


def test_qr_is_served_from_redis_and_cached_no_longer_than_the_share(client, make, product,
                                                                    redis):
    share = product_share(client, make, product, ttl_s=600)
    url = f"/mp/v1/shares/qr.png?scene={share['scene']}"
    first = client.get(url).data
    key = qr_key(share, "png")
    assert base64.b64decode(redis.get(key)) == first
    assert 599_000 < redis.pttl(key) <= 600_000
    redis.set(key, base64.b64encode(b"from the cache").decode(), keepttl=True)
    assert client.get(url).data == b"from the cache"
    with transaction() as s:
        assert s.scalar(select(Share.scans)) == 0  # fetching a QR is not a scan


def test_a_long_lived_share_is_cached_for_a_day(client, make, product, redis):
    share = product_share(client, make, product)
    client.get(f"/mp/v1/shares/qr.svg?scene={share['scene']}")
    assert 86_399_000 < redis.pttl(qr_key(share, "svg")) <= 86_400_000


def test_expired_share_has_no_qr_or_poster(client, make, product):
    share = product_share(client, make, product, ttl_s=600)
    clock.advance(timedelta(seconds=600))
    for name in ("qr.png", "qr.svg", "poster.png"):
        resp = client.get(f"/mp/v1/shares/{name}", query_string={"scene": share["scene"]})
        assert error(resp) == (410, "share_expired")
        assert resp.json["error"]["details"] == {"expires_at": iso(hours=2, minutes=10)}


def test_images_of_unknown_or_malformed_scenes(client):
    for name in ("qr.png", "qr.svg", "poster.png"):
        url = f"/mp/v1/shares/{name}"
        assert error(client.get(url, query_string={"scene": "pNoSuchScene"})) == (
            404, "share_not_found")
        assert error(client.get(url, query_string={"scene": "x" * 33})) == (
            422, "validation_error")


def test_poster_has_the_expected_size_and_its_qr_decodes(client, make, product, base_url):
    with transaction() as s:
        s.get(Product, product).image_url = "https://images.example.com/tea.png"
    share = product_share(client, make, product)
    resp = client.get("/mp/v1/shares/poster.png", query_string={"scene": share["scene"]})
    assert (resp.status_code, resp.mimetype) == (200, "image/png")
    img = Image.open(BytesIO(resp.data))
    assert (img.format, img.size) == ("PNG", (750, 1334))
    assert decoded(resp.data) == [f"{base_url}/s/{share['scene']}"]
    # a remote image is never fetched: the photo area is the placeholder
    assert img.convert("RGB").getpixel((10, 10)) == poster.PLACEHOLDER


def test_an_invite_poster_shows_the_sharer_s_avatar(client, make, base_url, tmp_path):
    from app.auth.models import User

    with transaction() as s:
        s.get(User, make.user("alice")).avatar_url = "/static/web/missing-avatar.png"
    share = create(client, make.login("alice"), kind="invite", channel="qr").json
    resp = client.get("/mp/v1/shares/poster.png", query_string={"scene": share["scene"]})
    assert (resp.status_code, decoded(resp.data)) == (200, [share["url"]])
    # a missing local image: the invite's banner on the brand red
    assert Image.open(BytesIO(resp.data)).convert("RGB").getpixel((10, 10)) == poster.BANNER


def test_poster_is_cached_and_redrawn_when_the_price_changes(client, make, product, redis):
    share = product_share(client, make, product)
    url = f"/mp/v1/shares/poster.png?scene={share['scene']}"
    client.get(url)
    client.get(url)
    assert len(redis.keys(f"share:{share['scene']}:poster.png:*")) == 1
    with transaction() as s:
        s.get(Product, product).skus[1].price_fen = 880
    client.get(url)
    assert len(redis.keys(f"share:{share['scene']}:poster.png:*")) == 2


def test_poster_uses_a_local_static_image(app, client, make, product, redis, base_url,
                                          tmp_path):
    Image.new("RGB", (40, 30), (200, 10, 20)).save(tmp_path / "tea.png")
    with transaction() as s:
        s.get(Product, product).image_url = "/static/web/tea.png"
    share = product_share(client, make, product)
    store = images.Images(redis, base_url, {"/static/web": str(tmp_path)})
    with transaction() as s:
        png = images.share_poster(s, store, scene=share["scene"], now=clock.now())
    img = Image.open(BytesIO(png)).convert("RGB")
    assert img.getpixel((375, 375)) == (200, 10, 20)
    assert decoded(png) == [share["url"]]


def test_only_our_own_static_files_are_read(tmp_path, base_url):
    (tmp_path / "static").mkdir()
    Image.new("RGB", (4, 4), (1, 2, 3)).save(tmp_path / "static" / "a.png")
    Image.new("RGB", (4, 4), (1, 2, 3)).save(tmp_path / "secret.png")
    (tmp_path / "static" / "broken.png").write_bytes(b"not an image")
    dirs = {"/static/web": str(tmp_path / "static")}
    found = {url: poster.local_image(url, base_url, dirs) is not None for url in (
        "/static/web/a.png", f"{base_url}/static/web/a.png", "/static/web/%61.png",
        "https://evil.example/static/web/a.png", "//evil.example/static/web/a.png",
        "/static/web/../secret.png", "/static/web/%2e%2e/secret.png",
        "file:///static/web/a.png", "/static/web/broken.png", "/static/web/missing.png",
        "/static/other/a.png", "")}
    assert found == {
        "/static/web/a.png": True, f"{base_url}/static/web/a.png": True,
        "/static/web/%61.png": True,
        "https://evil.example/static/web/a.png": False, "//evil.example/static/web/a.png": False,
        "/static/web/../secret.png": False, "/static/web/%2e%2e/secret.png": False,
        "file:///static/web/a.png": False, "/static/web/broken.png": False,
        "/static/web/missing.png": False, "/static/other/a.png": False, "": False}


def test_static_dirs_include_the_web_blueprint(app):
    dirs = poster.static_dirs(app)
    assert dirs["/static/web"] == app.blueprints["web"].static_folder


def test_long_titles_wrap_to_two_lines_with_an_ellipsis():
    fnt = poster.font(40)
    text = "Organic green tea from the hills " * 5
    lines = poster.wrap(text, fnt, 670, 2)
    assert lines[0] == "Organic green tea from the hills"  # whole words, the most that fit
    assert fnt.getlength(lines[0] + " Organic") > 670
    # the second line, whole words too, loses letters from its end until "…" fits
    second = "Organic green tea from the hills"
    cut = len(lines[1]) - 1
    assert lines[1] == second[:cut] + "…"
    assert cut == len(second) or fnt.getlength(second[:cut + 1] + "…") > 670
    assert cut >= len("Organic green tea from the")  # whatever the font, most of it
    assert all(fnt.getlength(line) <= 670 for line in lines)
    assert poster.wrap("绿茶" * 40, fnt, 670, 2)[1].endswith("…")
