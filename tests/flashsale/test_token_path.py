"""The grab token's lean path (miniprogram_api/token_path.py) answers as the
Flask view does, without Flask; a crowd's tokens come a batch at a time."""

from __future__ import annotations

import json
import threading
from datetime import timedelta

import pytest
from sqlalchemy import update
from werkzeug.test import EnvironBuilder, run_wsgi_app

from app.auth.models import User
from app.db import transaction
from miniprogram_api.token_path import LeanToken
from tests.conftest import T0
from tests.flashsale.conftest import users
from tests.flashsale.test_lean_path import flask_requests


def through_flask(app, path: str, headers: dict):
    layer = app.wsgi_app
    while not isinstance(layer, LeanToken):
        layer = layer.wrapped
    environ = EnvironBuilder(path=path, method="POST", headers=headers).get_environ()
    with flask_requests(app) as seen:
        out, status, _ = run_wsgi_app(layer.wrapped, environ, buffered=True)
    assert seen, "the request did not reach Flask"
    return int(status.split()[0]), json.loads(b"".join(out))


def _revoke(app, uid):
    with app.app_context(), transaction() as s:
        s.execute(update(User).where(User.id == uid).values(token_version=User.token_version + 1))


CASES = {
    "not started": ({"starts_at": (T0 + timedelta(hours=1)).isoformat(),
                     "ends_at": (T0 + timedelta(hours=2)).isoformat()}, None, "", "not_started"),
    "revoked bearer": ({}, _revoke, "", "token_revoked"),
    "unknown sale": ({}, None, "/mp/v1/flashsales/999999/token", "flashsale_not_found"),
}


@pytest.mark.parametrize("terms, before, path, code", CASES.values(), ids=CASES.keys())
def test_refusals_are_the_views(app, client, sale, terms, before, path, code):
    s = sale(**terms)
    (a, alice), = users(app, 1)
    if before:
        before(app, a)
    url = path or s.url + "/token"
    with flask_requests(app) as seen:
        lean = client.post(url, headers=alice)
    assert seen == []
    assert (lean.status_code, lean.json) == through_flask(app, url, alice)
    assert lean.json["error"]["code"] == code


def test_a_token_from_either_path_grabs(app, client, sale):
    s = sale()
    (_, alice), (_, bob) = users(app, 2)
    with flask_requests(app) as seen:
        lean = client.post(s.url + "/token", headers=alice, json={})
    assert seen == [] and lean.status_code == 201
    status, view = through_flask(app, s.url + "/token", bob)
    assert status == 201 and sorted(view) == sorted(lean.json) == ["expires_at", "token"]
    assert view["expires_at"] == lean.json["expires_at"]  # the frozen clock + 60 s
    for who, body in ((alice, lean.json), (bob, view)):
        got = client.post(s.url + "/grab", headers=who, json={"token": body["token"]})
        assert got.status_code == 201


def test_a_body_other_than_empty_goes_to_flask(app, client, sale):
    s = sale()
    (_, alice), = users(app, 1)
    with flask_requests(app) as seen:
        resp = client.post(s.url + "/token", headers=alice, json={"x": 1})
    assert len(seen) == 1 and resp.status_code == 201


def test_a_crowd_gets_its_tokens_in_batches(app, client, sale):
    """40 threads ask at once; every one gets its own token, in fewer
    batches than asks."""
    s = sale()
    crowd = users(app, 40)
    tokens = app.extensions["flashsale"].tokens
    batches = []
    real = tokens._issue
    tokens.committer._write = lambda asks: batches.append(len(asks)) or real(asks)
    answers = [None] * len(crowd)
    go = threading.Barrier(len(crowd))

    def ask(i, headers):
        go.wait()
        answers[i] = client.post(s.url + "/token", headers=headers)
    threads = [threading.Thread(target=ask, args=(i, h)) for i, (_, h) in enumerate(crowd)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [r.status_code for r in answers] == [201] * 40
    assert len({r.json["token"] for r in answers}) == 40
    assert sum(batches) == 40 and len(batches) < 40
