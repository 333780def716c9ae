"""The pure rules and the Pillow pipeline, apart from Flask and storage."""

from __future__ import annotations

from io import BytesIO

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from app.uploads import images, rules, storage
from tests.uploads import files


@pytest.mark.parametrize("head, fmt", [
    (b"\xff\xd8\xff\xe0", "jpeg"), (b"\x89PNG\r\n\x1a\n", "png"), (b"GIF89a", "gif"),
    (b"GIF87a", "gif"), (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "webp"), (b"<svg", None),
    (b"<?xml", None), (b"PK\x03\x04", None), (b"%PDF-1.7", None), (b"", None),
    (b"RIFF\x00\x00\x00\x00WAVE", None), (b"BM", None),
])
def test_sniff_knows_images_by_their_first_bytes(head, fmt):
    assert rules.sniff(head) == fmt


@given(st.integers(1, 20_000), st.integers(1, 20_000))
def test_a_thumbnail_fits_the_side_and_keeps_small_images(width, height):
    w, h = rules.thumb_size(width, height)
    assert max(w, h) <= max(rules.THUMB_SIDE, 1) or (w, h) == (width, height)
    assert w >= 1 and h >= 1
    if max(width, height) <= rules.THUMB_SIDE:
        assert (w, h) == (width, height)
    else:
        assert max(w, h) == rules.THUMB_SIDE


def test_the_pixel_cap_is_read_from_the_header_before_decoding():
    with pytest.raises(images.ImageTooLarge) as caught:
        images.process(files.huge_png(7100, 7100))
    assert caught.value.details == {"width": 7100, "height": 7100,
                                    "max_pixels": rules.MAX_PIXELS}


def test_webp_and_gif_are_taken_and_stored_as_jpeg():
    for fmt in ("WEBP", "GIF"):
        buf = BytesIO()
        Image.new("RGB", (50, 40), (0, 0, 255)).save(buf, fmt)
        done = images.process(buf.getvalue())
        assert done.image.content_type == "image/jpeg"
        assert (done.image.width, done.image.height) == (50, 40)


def test_an_icc_profile_is_applied_and_dropped():
    from PIL import ImageCms

    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    done = images.process(files.jpeg(icc_profile=profile))
    with Image.open(BytesIO(done.image.data)) as img:
        assert "icc_profile" not in img.info


@pytest.mark.parametrize("url, problem", [
    ("", None), ("file:///srv/media", None), ("s3://bucket/prefix?endpoint_url=http://x", None),
    ("file://relative", "STORAGE_URL file:// needs an absolute path"),
    ("s3:///prefix", "STORAGE_URL s3:// needs a bucket: s3://bucket/prefix"),
    ("s3://b?color=red", "STORAGE_URL has an unknown option 'color'"),
    ("ftp://host/x", "STORAGE_URL must be file:///path or s3://bucket, not 'ftp'"),
])
def test_storage_url_problems_are_named(url, problem):
    assert storage.problems(url) == ([problem] if problem else [])


def test_a_bad_storage_url_refuses_to_start(monkeypatch):
    from app.config import ConfigError, Settings

    monkeypatch.setenv("STORAGE_URL", "ftp://host/x")
    with pytest.raises(ConfigError, match="STORAGE_URL must be"):
        Settings.from_env(secret_key="x")
