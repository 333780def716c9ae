"""Photos: up to 9 of the buyer's own `after_sale` uploads (app/uploads),
shown as images; another buyer's upload, or one for another purpose, is
404 upload_not_found and nothing is written."""

from __future__ import annotations

from io import BytesIO

from app.aftersales.models import AfterSale
from tests.conftest import count
from tests.uploads.conftest import local_store  # noqa: F401 - fixture
from tests.uploads.files import jpeg


def _upload(client, headers, purpose="after_sale") -> str:
    resp = client.post("/mp/v1/uploads", headers=headers, content_type="multipart/form-data",
                       data={"purpose": purpose, "file": (BytesIO(jpeg()), "p.jpg")})
    assert resp.status_code == 201, resp.json
    return resp.json["id"]


def test_photos_are_the_buyers_own_after_sale_uploads(aftersales, buy, client, make,
                                                     local_store):  # noqa: F811
    bought = buy(1, 0)
    mine = [_upload(client, bought.headers) for _ in range(2)]
    theirs = _upload(client, make.login("bob"))
    review = _upload(client, bought.headers, purpose="review")
    for keys in ([mine[0], theirs], [review], ["0" * 32]):
        resp = aftersales.ask(bought, "refund_only", [(0, 1)], photos=keys)
        assert (resp.status_code, resp.json["error"]["code"]) == (404, "upload_not_found")
    assert count(AfterSale) == 0
    sale = aftersales.opened(bought, "refund_only", [(0, 1)], photos=mine)
    assert [p["id"] for p in sale["photos"]] == mine
    assert sale["photos"][0]["url"].endswith(f"/media/{mine[0]}")
    assert sale["photos"][0]["thumb_url"].endswith(f"/media/{mine[0]}/thumb")
    staff_view = aftersales.staff(sale["id"]).json
    assert [p["id"] for p in staff_view["photos"]] == mine
