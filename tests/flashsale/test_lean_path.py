"""The grab's lean path (miniprogram_api/grab_path.py) answers a plain grab
without Flask, exactly as the Flask view would; every other request goes on
to Flask."""

from __future__ import annotations

import json
from contextlib import contextmanager

import pytest
from flask import request_started
from werkzeug.test import EnvironBuilder, run_wsgi_app

from miniprogram_api.grab_path import LeanGrab
from tests.flashsale.conftest import grab, grab_token, users


@contextmanager
def flask_requests(app):
    seen = []

    def record(sender, **_):
        seen.append(1)
    request_started.connect(record, app)
    try:
        yield seen
    finally:
        request_started.disconnect(record, app)


def behind_the_lean_path(app):
    """The WSGI layer the lean path hands requests on to (the Flask stack)."""
    layer = app.wsgi_app
    while not isinstance(layer, LeanGrab):
        layer = layer.wrapped
    return layer.wrapped


def through_flask(app, path: str, headers: dict, body: dict):
    """The same request, served by the Flask stack behind the lean path."""
    environ = EnvironBuilder(path=path, method="POST", headers=headers, json=body).get_environ()
    with flask_requests(app) as seen:
        out, status, head = run_wsgi_app(behind_the_lean_path(app), environ, buffered=True)
    assert seen, "the request did not reach Flask"
    return int(status.split()[0]), json.loads(b"".join(out)), head.get("Content-Type")


def test_a_plain_grab_is_answered_without_flask_as_the_view_would(app, client, sale):
    s = sale(quota=10, per_user_limit=2, per_order_limit=2, price_fen=450)
    (a, alice), (b, bob) = users(app, 2)
    with flask_requests(app) as seen:
        lean = grab(client, s, alice, grab_token(client, s, alice), quantity=2,
                    source={})
        assert seen == []  # neither the token request (token_path.py) nor the grab
    status, view, ctype = through_flask(app, s.url + "/grab", bob,
                                        {"token": grab_token(client, s, bob), "quantity": 2})
    assert (lean.status_code, status) == (201, 201)
    assert lean.headers["Content-Type"] == ctype == "application/json"
    assert view["order_id"] != lean.json["order_id"]
    assert {**lean.json, "order_id": 0} == {**view, "order_id": 0} == {
        "order_id": 0, "activity_id": s.id, "quantity": 2, "price_fen": 450,
        "total_fen": 900, "pay_deadline": lean.json["pay_deadline"]}


def test_a_refused_grab_has_the_same_answer_on_both_paths(app, client, sale):
    s = sale()
    (_, alice), = users(app, 1)
    grab_token(client, s, alice)
    lean = grab(client, s, alice, "x" * 22)
    status, view, _ = through_flask(app, s.url + "/grab", alice, {"token": "x" * 22})
    assert (lean.status_code, lean.json) == (status, view) == (403, {"error": {
        "code": "invalid_grab_token", "details": {},
        "message": "This grab token is not yours for this sale; get a new one."}})


@pytest.mark.parametrize("headers, body, answer", [
    ({"Authorization": "Bearer nope"}, {"token": "t"}, (401, "invalid_token")),
    ({}, {"token": "t"}, (401, "unauthorized")),
    (None, {"token": "t", "quantity": True}, (422, "validation_error")),
    (None, {"token": "t", "source": {"room": 0}}, (422, "validation_error")),
    (None, {"token": "t" * 65}, (422, "validation_error")),
    (None, [1], (422, "validation_error")),
])
def test_requests_that_are_not_plain_grabs_go_on_to_flask(app, client, sale, headers, body,
                                                         answer):
    s = sale()
    (_, alice), = users(app, 1)
    with flask_requests(app) as seen:
        resp = client.post(s.url + "/grab", headers=alice if headers is None else headers,
                           json=body)
    assert (resp.status_code, resp.json["error"]["code"]) == answer
    assert seen == [1]
