"""The issue's must-show files through POST /mp/v1/uploads, on local files
and on S3: each refused with its code, or stored clean (no EXIF, no GPS);
after a refusal nothing is left in the store or the database."""

from __future__ import annotations

from io import BytesIO

import pytest
from PIL import Image

from app.uploads.models import Upload
from tests.conftest import count
from tests.uploads import files

REFUSED = [
    ("50 megapixel png", files.huge_png, "photo.png", 422, "image_too_large"),
    ("svg", lambda: files.SVG, "logo.svg", 415, "unsupported_image"),
    ("zip named jpg", files.zip_file, "holiday.jpg", 415, "unsupported_image"),
    ("empty file", lambda: b"", "empty.jpg", 422, "empty_file"),
    ("20 MB file", files.twenty_mb, "big.jpg", 413, "file_too_large"),
    ("broken png", lambda: b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "x.png", 422,
     "image_unreadable"),
]


def upload(client, headers, data: bytes, name: str = "photo.jpg", purpose: str = "review"):
    return client.post("/mp/v1/uploads", headers=headers, content_type="multipart/form-data",
                       data={"purpose": purpose, "file": (BytesIO(data), name)})


@pytest.mark.parametrize("what, make_file, name, status, code", REFUSED,
                         ids=[r[0] for r in REFUSED])
def test_a_bad_file_is_refused_with_its_code_and_nothing_is_kept(
        client, make, store, what, make_file, name, status, code):
    resp = upload(client, make.login("alice"), make_file(), name)
    assert (resp.status_code, resp.json["error"]["code"]) == (status, code)
    assert store.names() == []
    assert count(Upload) == 0


def test_a_jpeg_with_a_gps_tag_is_stored_upright_without_exif(client, make, store):
    resp = upload(client, make.login("alice"), files.jpeg_with_gps((400, 300)))
    assert resp.status_code == 201, resp.json
    body = resp.json
    key = body["id"]
    assert (body["width"], body["height"], body["content_type"]) == (300, 400, "image/jpeg")
    assert body["url"].endswith(f"/media/{key}")
    assert body["thumb_url"].endswith(f"/media/{key}/thumb")
    assert sorted(store.names()) == [key, f"{key}.thumb"]
    stored = store.get(key)
    assert stored.content_type == "image/jpeg" and len(stored.data) == body["bytes"]
    with Image.open(BytesIO(stored.data)) as img:
        assert img.size == (300, 400)  # turned as its orientation said
        assert dict(img.getexif()) == {}
        assert img.getexif().get_ifd(files.GPS_IFD) == {}
        assert "exif" not in img.info and "icc_profile" not in img.info
    assert b"PhoneCam" not in stored.data
    with Image.open(BytesIO(store.get(f"{key}.thumb").data)) as thumb:
        assert thumb.size == (240, 320)
        assert dict(thumb.getexif()) == {}
    with Image.open(BytesIO(files.jpeg_with_gps())) as original:  # the file did have them
        assert original.getexif().get_ifd(files.GPS_IFD)[1] == "N"


def test_a_jpeg_with_a_zip_glued_on_is_stored_as_pixels_only(client, make, store):
    resp = upload(client, make.login("alice"), files.polyglot())
    assert resp.status_code == 201
    data = store.get(resp.json["id"]).data
    assert b"PK\x03\x04" not in data and b"payload.html" not in data
    with Image.open(BytesIO(data)) as img:
        assert img.format == "JPEG" and img.size == (400, 300)


def test_a_transparent_png_stays_a_png_with_its_alpha(client, make, store):
    resp = upload(client, make.login("alice"), files.png_rgba((64, 48)), "a.png")
    assert resp.status_code == 201
    assert resp.json["content_type"] == "image/png"
    with Image.open(BytesIO(store.get(resp.json["id"]).data)) as img:
        assert img.mode == "RGBA" and img.getpixel((0, 0)) == (10, 200, 30, 128)


def test_purpose_must_be_a_buyers_one(client, make, store):
    resp = upload(client, make.login("alice"), files.jpeg(), purpose="product")
    assert resp.status_code == 422
    assert resp.json["error"]["details"]["fields"] == {"purpose": ["Must be one of: review, "
                                                                   "after_sale, avatar."]}
    assert store.names() == [] and count(Upload) == 0


def test_no_file_is_a_validation_error(client, make):
    resp = client.post("/mp/v1/uploads", headers=make.login("alice"),
                       content_type="multipart/form-data", data={"purpose": "review"})
    assert resp.status_code == 422
    assert list(resp.json["error"]["details"]["fields"]) == ["file"]


def test_uploading_needs_a_login(client, store):
    resp = upload(client, {}, files.jpeg())
    assert resp.status_code == 401
    assert store.names() == []
