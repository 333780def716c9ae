"""Staff upload product pictures and set a product's ordered list; the
catalogue's outputs (staff and buyers) show them, the first as the cover."""

from __future__ import annotations

from io import BytesIO

from tests.uploads import files


def staff_upload(client, headers, merchant_id: int, colour=(1, 2, 3)):
    return client.post(f"/api/v1/merchants/{merchant_id}/uploads", headers=headers,
                       content_type="multipart/form-data",
                       data={"file": (BytesIO(files.jpeg((90, 60), colour)), "p.jpg")})


def _product(make, merchant_id: int) -> int:
    from app.catalog.models import Sku
    from app.db import transaction

    sku_id = make.product(merchant_id)[0]
    with transaction() as s:
        return s.get(Sku, sku_id).product_id


def test_pictures_keep_their_order_and_the_first_is_the_cover(client, make, store):
    mid = make.merchant("owner")
    pid = _product(make, mid)
    staff = make.login("owner")
    keys = []
    for colour in ((255, 0, 0), (0, 255, 0), (0, 0, 255)):
        resp = staff_upload(client, staff, mid, colour)
        assert resp.status_code == 201, resp.json
        keys.append(resp.json["id"])
    order = [keys[2], keys[0], keys[1]]
    resp = client.put(f"/api/v1/merchants/{mid}/products/{pid}/images", headers=staff,
                      json={"images": order})
    assert resp.status_code == 200, resp.json
    assert [p["id"] for p in resp.json["images"]] == order
    assert resp.json["cover"]["id"] == keys[2]
    assert resp.json["image_url"] == resp.json["cover"]["url"]
    assert resp.json["cover"]["url"].endswith(f"/media/{keys[2]}")
    assert resp.json["cover"]["thumb_url"].endswith(f"/media/{keys[2]}/thumb")
    assert (resp.json["cover"]["width"], resp.json["cover"]["height"]) == (90, 60)

    detail = client.get(f"/mp/v1/products/{pid}").json
    assert [p["id"] for p in detail["images"]] == order and detail["cover"]["id"] == keys[2]
    listed = client.get("/mp/v1/products").json["items"][0]
    assert [p["id"] for p in listed["images"]] == order
    staff_list = client.get(f"/api/v1/merchants/{mid}/products", headers=staff).json
    assert [p["id"] for p in staff_list["items"][0]["images"]] == order

    resp = client.put(f"/api/v1/merchants/{mid}/products/{pid}/images", headers=staff,
                      json={"images": [keys[1]]})
    assert [p["id"] for p in resp.json["images"]] == [keys[1]]
    resp = client.put(f"/api/v1/merchants/{mid}/products/{pid}/images", headers=staff,
                      json={"images": []})
    assert resp.json["images"] == [] and resp.json["cover"] is None
    assert resp.json["image_url"] == ""


def test_a_product_without_pictures_shows_none(client, make):
    mid = make.merchant("owner")
    pid = _product(make, mid)
    body = client.get(f"/mp/v1/products/{pid}").json
    assert body["images"] == [] and body["cover"] is None


def test_another_merchants_or_a_buyers_upload_is_refused(client, make, store):
    mine, theirs = make.merchant("owner"), make.merchant("rival")
    pid = _product(make, mine)
    staff = make.login("owner")
    own = staff_upload(client, staff, mine).json["id"]
    rivals = staff_upload(client, make.login("rival"), theirs).json["id"]
    buyers = client.post("/mp/v1/uploads", headers=staff, content_type="multipart/form-data",
                         data={"purpose": "review",
                               "file": (BytesIO(files.jpeg()), "r.jpg")}).json["id"]
    for key in (rivals, buyers):
        resp = client.put(f"/api/v1/merchants/{mine}/products/{pid}/images", headers=staff,
                          json={"images": [own, key]})
        assert resp.status_code == 404
        assert resp.json["error"] == {"code": "upload_not_found", "message": "No such upload.",
                                      "details": {"key": key}}
    assert client.get(f"/mp/v1/products/{pid}").json["images"] == []


def test_a_rival_cannot_set_my_products_pictures_or_upload_for_me(client, make, store):
    mine, theirs = make.merchant("owner"), make.merchant("rival")
    pid = _product(make, mine)
    rival = make.login("rival")
    key = staff_upload(client, rival, theirs).json["id"]
    resp = client.put(f"/api/v1/merchants/{mine}/products/{pid}/images", headers=rival,
                      json={"images": [key]})
    assert (resp.status_code, resp.json["error"]["code"]) == (403, "forbidden")
    resp = staff_upload(client, rival, mine)
    assert (resp.status_code, resp.json["error"]["code"]) == (403, "forbidden")
    assert len(store.names()) == 2  # only the rival's own picture and its thumbnail
    resp = client.put(f"/api/v1/merchants/{theirs}/products/{pid}/images", headers=rival,
                      json={"images": [key]})
    assert (resp.status_code, resp.json["error"]["code"]) == (404, "product_not_found")


def test_more_than_nine_pictures_are_refused(client, make, local_store):
    mid = make.merchant("owner")
    pid = _product(make, mid)
    staff = make.login("owner")
    keys = [staff_upload(client, staff, mid, (i, i, i)).json["id"] for i in range(10)]
    resp = client.put(f"/api/v1/merchants/{mid}/products/{pid}/images", headers=staff,
                      json={"images": keys})
    assert resp.status_code == 422
    assert resp.json["error"]["code"] == "too_many_images"
    assert resp.json["error"]["details"] == {"limit": 9, "given": 10}
    resp = client.put(f"/api/v1/merchants/{mid}/products/{pid}/images", headers=staff,
                      json={"images": keys[:9]})
    assert len(resp.json["images"]) == 9
