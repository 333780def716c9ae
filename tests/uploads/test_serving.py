"""GET /media/<key> and /media/<key>/thumb: straight from the store, with
the stored type, nosniff, a year's immutable caching and the name as ETag."""

from __future__ import annotations

from io import BytesIO

from PIL import Image

from tests.uploads import files
from tests.uploads.test_must_show import upload

CACHE = "public, max-age=31536000, immutable"


def test_an_image_and_its_thumbnail_are_served_with_type_and_cache_headers(client, make,
                                                                           store):
    key = upload(client, make.login("alice"), files.jpeg((1000, 500))).json["id"]
    resp = client.get(f"/media/{key}")
    assert resp.status_code == 200
    assert resp.headers["Content-Type"] == "image/jpeg"
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
    assert resp.headers["Cache-Control"] == CACHE
    assert resp.headers["ETag"] == f'"{key}"'
    assert resp.data == store.get(key).data
    thumb = client.get(f"/media/{key}/thumb")
    assert thumb.status_code == 200 and thumb.headers["ETag"] == f'"{key}.thumb"'
    with Image.open(BytesIO(thumb.data)) as img:
        assert img.size == (320, 160)


def test_a_png_is_served_as_a_png(client, make, store):
    key = upload(client, make.login("alice"), files.png_rgba(), "a.png").json["id"]
    assert client.get(f"/media/{key}").headers["Content-Type"] == "image/png"
    assert client.get(f"/media/{key}/thumb").headers["Content-Type"] == "image/png"


def test_a_known_etag_gets_304_without_a_body(client, make, store):
    key = upload(client, make.login("alice"), files.jpeg()).json["id"]
    resp = client.get(f"/media/{key}", headers={"If-None-Match": f'"{key}"'})
    assert resp.status_code == 304 and resp.data == b""
    assert resp.headers["Cache-Control"] == CACHE


def test_unknown_or_malformed_keys_are_404_media_not_found(client, store):
    for path in ("/media/" + "0" * 32, "/media/" + "0" * 32 + "/thumb", "/media/ABC",
                 "/media/" + "a" * 33, "/media/..", "/media/mall.db"):
        resp = client.get(path)
        assert resp.status_code == 404, path
        assert resp.json["error"]["code"] == "media_not_found", path
    assert client.get("/media/..%2Fmall.db").status_code == 404  # no such route
