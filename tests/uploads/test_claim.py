"""claim() and public(): the interface reviews and after-sales use."""

from __future__ import annotations

import pytest

from app.db import transaction
from app.uploads import service
from app.uploads.errors import TooManyImages, UploadNotFound
from tests.uploads import files
from tests.uploads.test_must_show import upload


def _keys(client, headers, purpose: str, n: int) -> list[str]:
    return [upload(client, headers, files.jpeg((20 + i, 10)), purpose=purpose).json["id"]
            for i in range(n)]


def test_claim_gives_the_users_uploads_in_the_order_asked(client, make, local_store):
    keys = _keys(client, make.login("alice"), "review", 3)
    alice = make.user("alice")
    with transaction() as s:
        claimed = service.claim(s, user_id=alice, keys=[keys[2], keys[0], keys[2]],
                                purpose="review")
        assert [u.key for u in claimed] == [keys[2], keys[0]]  # a key twice counts once
        assert [u.width for u in claimed] == [22, 20]
        assert service.claim(s, user_id=alice, keys=[], purpose="review") == []


def test_claim_refuses_another_users_or_another_purposes_upload(client, make, local_store):
    mine = _keys(client, make.login("alice"), "review", 1)[0]
    bobs = _keys(client, make.login("bob"), "review", 1)[0]
    avatar = _keys(client, make.login("alice"), "avatar", 1)[0]
    alice = make.user("alice")
    with transaction() as s:
        for key in (bobs, avatar, "f" * 32):
            with pytest.raises(UploadNotFound) as caught:
                service.claim(s, user_id=alice, keys=[mine, key], purpose="review")
            assert caught.value.code == "upload_not_found"
            assert caught.value.details == {"key": key}
        assert service.claim(s, user_id=alice, keys=[avatar], purpose="avatar")[0].key == avatar


def test_claim_refuses_more_than_the_limit(client, make, local_store):
    keys = _keys(client, make.login("alice"), "after_sale", 4)
    alice = make.user("alice")
    with transaction() as s:
        with pytest.raises(TooManyImages) as caught:
            service.claim(s, user_id=alice, keys=keys, purpose="after_sale", limit=3)
        assert caught.value.code == "too_many_images"
        assert caught.value.details == {"limit": 3, "given": 4}
        assert len(service.claim(s, user_id=alice, keys=keys, purpose="after_sale",
                                 limit=4)) == 4
    with transaction() as s, pytest.raises(TooManyImages):
        service.claim(s, user_id=alice, keys=[f"{i:032x}" for i in range(10)],
                      purpose="review")


def test_public_shows_an_image_as_clients_see_it(client, make, local_store):
    key = _keys(client, make.login("alice"), "review", 1)[0]
    base = "http://127.0.0.1:5000"
    expected = {"id": key, "url": f"{base}/media/{key}", "thumb_url": f"{base}/media/{key}/thumb",
                "width": 20, "height": 10}
    with transaction() as s:
        upload_row = service.by_key(s, key)
        assert service.public(upload_row) == expected
        assert service.public(key, session=s) == expected
        with pytest.raises(UploadNotFound):
            service.public("0" * 32, session=s)
    assert service.public(key) == {**expected, "width": None, "height": None}
