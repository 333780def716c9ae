"""PUT /mp/v1/me/avatar: one of your own "avatar" uploads."""

from __future__ import annotations

from tests.uploads import files
from tests.uploads.test_must_show import upload


def test_an_avatar_upload_becomes_the_users_avatar(client, make, local_store):
    alice = make.login("alice")
    assert client.get("/mp/v1/me", headers=alice).json["avatar_url"] == ""
    key = upload(client, alice, files.jpeg(), purpose="avatar").json["id"]
    resp = client.put("/mp/v1/me/avatar", headers=alice, json={"upload": key})
    assert resp.status_code == 200, resp.json
    assert resp.json["avatar_url"] == f"http://127.0.0.1:5000/media/{key}/thumb"
    assert client.get("/mp/v1/me", headers=alice).json["avatar_url"] == resp.json["avatar_url"]


def test_someone_elses_or_a_review_photo_is_not_an_avatar(client, make, local_store):
    alice, bob = make.login("alice"), make.login("bob")
    review = upload(client, alice, files.jpeg(), purpose="review").json["id"]
    bobs = upload(client, bob, files.jpeg(), purpose="avatar").json["id"]
    for key in (review, bobs):
        resp = client.put("/mp/v1/me/avatar", headers=alice, json={"upload": key})
        assert (resp.status_code, resp.json["error"]["code"]) == (404, "upload_not_found")
    assert client.get("/mp/v1/me", headers=alice).json["avatar_url"] == ""
