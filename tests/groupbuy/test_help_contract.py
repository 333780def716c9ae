"""The help's contract: the lean path (miniprogram_api/help_path.py) and
the Flask view answer the same inputs with the same status and body. Each
case puts two bargains (the same seeded cuts) in the same state; one helper
helps through the lean path, the other through the Flask stack behind it."""

from __future__ import annotations

import json

import pytest
from werkzeug.test import EnvironBuilder, run_wsgi_app

from miniprogram_api.help_path import LeanHelp
from tests.flashsale.test_lean_path import flask_requests
from tests.groupbuy.test_bargain_risk import FARM_IP, activity, seeded  # noqa: F401

IP = "198.51.100.9"


def behind(app):
    layer = app.wsgi_app
    while not isinstance(layer, LeanHelp):
        layer = layer.wrapped
    return layer.wrapped


def via_flask(app, bid: int, headers: dict, ip: str):
    environ = EnvironBuilder(path=f"/mp/v1/bargains/{bid}/helps", method="POST",
                             headers=headers, environ_base={"REMOTE_ADDR": ip}).get_environ()
    with flask_requests(app) as seen:
        out, status, head = run_wsgi_app(behind(app), environ, buffered=True)
    assert seen, "the request did not reach Flask"
    return int(status.split()[0]), json.loads(b"".join(out)), head.get("Content-Type")


def via_lean(app, client, bid: int, headers: dict, ip: str):
    with flask_requests(app) as seen:
        resp = client.post(f"/mp/v1/bargains/{bid}/helps", headers=headers,
                           environ_base={"REMOTE_ADDR": ip})
    return resp, seen


def _none(client, buyers, bid, starter):
    return None


def _helped_once(client, buyers, bid, starter):
    (uid,) = buyers.make(1, "before")
    assert client.post(f"/mp/v1/bargains/{bid}/helps", headers=buyers.headers(uid),
                       environ_base={"REMOTE_ADDR": "192.0.2.1"}).status_code == 201
    return uid


def _to_floor(client, buyers, bid, starter):
    for uid in buyers.make(5, "floor"):
        assert client.post(f"/mp/v1/bargains/{bid}/helps", headers=buyers.headers(uid),
                           environ_base={"REMOTE_ADDR": f"192.0.2.{uid % 250}"}
                           ).status_code == 201


CASES = {
    "a help in full": ({"min_account_age_s": 0}, _none, {"X-Device-Id": "d-{}"}, IP, None,
                       (201, None)),
    "a new account from a farm IP takes a reduced share": (
        {}, _helped_once, {}, "192.0.2.1", None, (201, None)),
    "risky and refused": ({"risk_action": "refuse"}, _none, {}, IP, None,
                          (403, "risky_help_refused")),
    "self-help": ({}, _none, {}, IP, "starter", (409, "self_help")),
    "a second help": ({"min_account_age_s": 0}, _helped_once, {}, IP, "before",
                      (409, "already_helped")),
    "at the floor": ({"min_account_age_s": 0, "risk_threshold": 100}, _to_floor, {}, IP, None,
                     (409, "bargain_at_floor")),
    "the daily cap of a helper": ({"min_account_age_s": 0, "daily_help_limit": 1,
                                   "help_limit": 5}, _helped_once, {}, IP, "before-other",
                                  (409, "daily_help_limit_reached")),
    "a bad device id": ({}, _none, {"X-Device-Id": "bad device"}, IP, None,
                        (422, "invalid_device_id")),
}


@pytest.mark.parametrize("terms, prepare, extra, ip, who, answer", CASES.values(),
                         ids=CASES.keys())
def test_the_lean_path_and_the_view_answer_alike(app, client, shop, buyers, seeded,  # noqa: F811
                                                 terms, prepare, extra, ip, who, answer):
    aid = activity(client, shop, **terms)
    starters = buyers.make(2, "starter")
    bids = [client.post(f"/mp/v1/bargain-activities/{aid}/bargains",
                        headers=buyers.headers(s)).json["id"] for s in starters]
    before = [prepare(client, buyers, bid, s) for bid, s in zip(bids, starters, strict=True)]
    helpers = []
    for i, s in enumerate(starters):
        if who == "starter":
            helpers.append(s)
        elif who == "before":
            helpers.append(before[i])
        elif who == "before-other":  # the one who helped the other bargain today
            helpers.append(before[1 - i])
        else:
            helpers.append(buyers.make(1, f"helper{i}")[0])
    # a device id of each side's own ("{}"), so neither is shared with the other
    sides = [{k: v.format(i) for k, v in extra.items()} for i in (0, 1)]
    lean, seen = via_lean(app, client, bids[0], {**buyers.headers(helpers[0]), **sides[0]}, ip)
    if answer[0] != 422:
        assert seen == []  # answered without Flask
    status, view, ctype = via_flask(app, bids[1], {**buyers.headers(helpers[1]), **sides[1]},
                                    ip)
    assert (lean.status_code, lean.headers["Content-Type"]) == (status, ctype)
    assert lean.json == view
    assert (status, view.get("error", {}).get("code")) == answer


def test_a_help_past_its_rate_limit_is_answered_by_flask_with_retry_after(
        app, client, shop, buyers, monkeypatch):
    settings = app.extensions["mall.settings"]
    monkeypatch.setitem(settings.rate_limits, "bargain_help.user", "1/minute")
    aid = activity(client, shop, min_account_age_s=0)
    starter, helper = buyers.make(2)
    bid = client.post(f"/mp/v1/bargain-activities/{aid}/bargains",
                      headers=buyers.headers(starter)).json["id"]
    first, seen = via_lean(app, client, bid, buyers.headers(helper), IP)
    assert (first.status_code, seen) == (201, [])
    again, seen = via_lean(app, client, bid, buyers.headers(helper), IP)
    assert (again.status_code, again.json["error"]["code"], seen) == (429, "rate_limited", [1])
    assert int(again.headers["Retry-After"]) >= 1


def test_the_ip_behind_trusted_proxies_is_the_one_the_view_reads(app, client, shop, buyers,
                                                                 monkeypatch):
    from app import request_meta
    environ = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.5, 10.0.0.2"}
    assert request_meta.remote_addr(environ, 0) == "10.0.0.1"
    assert request_meta.remote_addr(environ, 1) == "10.0.0.2"
    assert request_meta.remote_addr(environ, 2) == "203.0.113.5"
    assert environ == {"REMOTE_ADDR": "10.0.0.1",
                       "HTTP_X_FORWARDED_FOR": "203.0.113.5, 10.0.0.2"}  # left as it was


