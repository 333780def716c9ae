"""The grab's contract: the lean path (miniprogram_api/grab_path.py) and the
Flask view answer the same inputs with the same status and body. Each case
puts two buyers in the same state on one sale; one grabs through the lean
path, the other through the Flask stack behind it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app import clock
from flashsale import rules
from tests.conftest import T0
from tests.flashsale.conftest import grab, grab_token, users
from tests.flashsale.test_lean_path import flask_requests, through_flask


def _fresh(client, s, who):
    return {"token": grab_token(client, s, who)}


def _won_once(client, s, who):
    assert grab(client, s, who, grab_token(client, s, who)).status_code == 201
    return {"token": grab_token(client, s, who)}


def _expired(client, s, who):
    token = grab_token(client, s, who)
    return {"token": token, "_advance": rules.TOKEN_TTL + timedelta(seconds=1)}


CASES = {
    "a win, quantity 1 by default": ({}, _fresh, {}, (201, None)),
    "a win of 2 with an empty source": ({"per_order_limit": 2, "per_user_limit": 2}, _fresh,
                                        {"quantity": 2, "source": {}}, (201, None)),
    "over the per-order limit": ({"per_order_limit": 2, "per_user_limit": 5}, _fresh,
                                 {"quantity": 3}, (422, "over_order_limit")),
    "the per-user limit reached": ({"per_user_limit": 1}, _won_once, {},
                                   (409, "limit_reached")),
    "sold out": ({"quota": 2, "per_user_limit": 2}, _won_once, {}, (409, "sold_out")),
    "a token of someone else": ({}, lambda c, s, w: {"token": "x" * 22}, {},
                                (403, "invalid_grab_token")),
    "an expired token": ({}, _expired, {}, (403, "grab_token_expired")),
    "an unknown room as source": ({}, _fresh, {"source": {"room": 999_999}},
                                  (404, "room_not_found")),
    "an unknown share as source": ({}, _fresh, {"source": {"share": 999_999}},
                                   (404, "share_not_found")),
}

@pytest.mark.parametrize("terms, prepare, extra, answer", CASES.values(), ids=CASES.keys())
def test_the_lean_path_and_the_view_answer_alike(app, client, sale, terms, prepare, extra,
                                                 answer):
    s = sale(**terms)
    (_, lean_buyer), (_, view_buyer) = users(app, 2)
    lean_body = prepare(client, s, lean_buyer)
    view_body = prepare(client, s, view_buyer)
    advance = lean_body.pop("_advance", None)
    view_body.pop("_advance", None)
    if advance:
        clock.advance(advance)
    with flask_requests(app) as seen:
        lean = client.post(s.url + "/grab", headers=lean_buyer, json={**lean_body, **extra})
    assert seen == []  # answered without Flask
    status, view, ctype = through_flask(app, s.url + "/grab", view_buyer,
                                        {**view_body, **extra})
    assert (lean.status_code, lean.headers["Content-Type"]) == (status, ctype)
    assert _same(lean.json) == _same(view)
    assert (status, view.get("error", {}).get("code")) == answer


def test_a_sale_that_has_not_started_is_refused_alike(app, client, sale):
    s = sale(starts_at=(T0 + timedelta(hours=1)).isoformat(),
             ends_at=(T0 + timedelta(hours=2)).isoformat())
    (_, lean_buyer), (_, view_buyer) = users(app, 2)
    lean = client.post(s.url + "/grab", headers=lean_buyer, json={"token": "t" * 22})
    status, view, _ = through_flask(app, s.url + "/grab", view_buyer, {"token": "t" * 22})
    assert (lean.status_code, lean.json) == (status, view)
    assert view["error"]["code"] == "not_started"


def _same(body: dict) -> dict:
    """An answer with the order's own id left out (each buyer has their order)."""
    return {**body, "order_id": 0} if "order_id" in body else body
