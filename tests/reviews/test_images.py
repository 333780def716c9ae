"""Review images through the API: the buyer's own uploads of purpose
"review", in the order given, at most 9; the with-pictures filter and
count; another's upload refused with nothing written."""

from __future__ import annotations

from app.reviews.models import Review, ReviewImage
from tests.conftest import count
from tests.reviews.conftest import review, upload


def test_images_are_shown_in_order_and_counted(client, make, shop):
    _, (small, large) = shop.order("alice")
    alice = make.login("alice")
    keys = [upload(make, "alice", colour=(n, 0, 0)) for n in range(3)]
    pictured = review(client, alice, small, 5, images=[keys[2], keys[0]])
    assert pictured.status_code == 201, pictured.json
    shown = pictured.json["images"]
    assert [i["id"] for i in shown] == [keys[2], keys[0]]
    assert shown[0]["url"].endswith(f"/media/{keys[2]}")
    assert shown[0]["thumb_url"].endswith(f"/media/{keys[2]}/thumb")
    assert (shown[0]["width"], shown[0]["height"]) == (64, 48)
    plain = review(client, alice, large, 3).json["id"]

    url = f"/mp/v1/products/{shop.product_id}/reviews"
    assert [r["id"] for r in client.get(f"{url}?filter=with_pictures").json["items"]] == \
        [pictured.json["id"]]
    assert [r["id"] for r in client.get(url).json["items"]] == [plain, pictured.json["id"]]
    assert client.get(f"{url}/summary").json["with_pictures"] == 1
    staff = client.get(f"{shop.base}/reviews?with_pictures=false", headers=shop.staff)
    assert [r["id"] for r in staff.json["items"]] == [plain]

    # a follow-up's pictures put the plain review among those with pictures
    follow = client.post(f"/mp/v1/reviews/{plain}/follow-up", headers=alice,
                         json={"content": "补图", "images": [keys[1]]})
    assert follow.status_code == 200, follow.json
    assert [i["id"] for i in follow.json["follow_up"]["images"]] == [keys[1]]
    assert follow.json["images"] == []
    assert client.get(f"{url}/summary").json["with_pictures"] == 2


def test_another_buyers_upload_or_another_purpose_is_refused(client, make, shop):
    _, (small, _) = shop.order("alice")
    alice = make.login("alice")
    bobs = upload(make, "bob")
    avatar = upload(make, "alice", purpose="avatar")
    for key in (bobs, avatar, "f" * 32):
        resp = review(client, alice, small, 5, images=[key])
        assert (resp.status_code, resp.json["error"]["code"]) == (404, "upload_not_found")
        assert resp.json["error"]["details"] == {"key": key}
    assert count(Review) == 0 and count(ReviewImage) == 0


def test_at_most_nine_images(client, make, shop):
    _, (small, _) = shop.order("alice")
    key = upload(make, "alice")
    resp = review(client, make.login("alice"), small, 5, images=[key] * 10)
    assert (resp.status_code, resp.json["error"]["details"]["fields"]) == \
        (422, {"images": ["Longer than maximum length 9."]})
