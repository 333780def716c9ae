"""Scan-to-sign-in: single use, expiry on the app clock, only staff confirm,
an unconfirmed ticket signs nobody in, two racing polls make one session."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

from sqlalchemy import func, select

from app import clock
from app.auth.models import ConsoleSession
from app.db import transaction


def _ticket(client) -> dict:
    resp = client.post("/api/v1/console/login-tickets")
    assert resp.status_code == 201, resp.json
    return resp.json


def _sessions() -> int:
    with transaction() as s:
        return s.scalar(select(func.count()).select_from(ConsoleSession))


def test_a_ticket_is_an_svg_qr_code_good_for_two_minutes(client):
    body = _ticket(client)
    assert body["qr_svg"].startswith("<?xml") and "<svg" in body["qr_svg"]
    assert body["expires_at"] == (clock.now() + timedelta(minutes=2)).isoformat()
    poll = client.get(f"/api/v1/console/login-tickets/{body['ticket']}")
    assert poll.json == {"status": "pending"}


def test_scan_then_confirm_signs_the_console_in_once(app, client, make):
    mid = make.merchant("olga", "Olga's Tea")
    phone = make.login("olga")
    ticket = _ticket(client)["ticket"]
    scanned = client.post(f"/mp/v1/console-login/{ticket}/scan", headers=phone)
    assert scanned.status_code == 200 and scanned.json == {"status": "scanned"}
    assert client.get(f"/api/v1/console/login-tickets/{ticket}").json == {"status": "scanned"}
    assert client.get("/api/v1/console/session").status_code == 401  # nobody signed in yet
    confirmed = client.post(f"/mp/v1/console-login/{ticket}/confirm", headers=phone)
    assert confirmed.json == {"status": "confirmed"}
    poll = client.get(f"/api/v1/console/login-tickets/{ticket}")
    assert poll.status_code == 200 and poll.json["status"] == "confirmed"
    assert "HttpOnly" in poll.headers["Set-Cookie"]
    assert poll.json["user"]["nickname"] == "olga"
    assert poll.json["merchants"] == [{"id": mid, "name": "Olga's Tea", "status": "active"}]
    session = client.get("/api/v1/console/session")
    assert session.status_code == 200 and session.json["csrf_token"] == poll.json["csrf_token"]
    other = app.test_client()
    assert other.get(f"/api/v1/console/login-tickets/{ticket}").json == {"status": "used"}
    assert other.get_cookie("mall_console") is None
    again = client.post(f"/mp/v1/console-login/{ticket}/confirm", headers=phone)
    assert again.status_code == 409 and again.json["error"]["code"] == "ticket_used"
    assert _sessions() == 1


def test_an_unconfirmed_ticket_signs_nobody_in(client, make):
    make.merchant("olga")
    phone = make.login("olga")
    ticket = _ticket(client)["ticket"]
    client.post(f"/mp/v1/console-login/{ticket}/scan", headers=phone)
    started = time.monotonic()
    poll = client.get(f"/api/v1/console/login-tickets/{ticket}?wait=1")
    assert time.monotonic() - started >= 0.9  # it waited for a change that never came
    assert poll.json == {"status": "scanned"} and "Set-Cookie" not in poll.headers
    clock.advance(timedelta(minutes=2))
    assert client.get(f"/api/v1/console/login-tickets/{ticket}").json == {"status": "expired"}
    assert _sessions() == 0


def test_an_expired_ticket_refuses_the_phone(client, make):
    make.merchant("olga")
    phone = make.login("olga")
    ticket = _ticket(client)["ticket"]
    clock.advance(timedelta(minutes=1, seconds=59))
    assert client.post(f"/mp/v1/console-login/{ticket}/scan", headers=phone).status_code == 200
    clock.advance(timedelta(seconds=1))
    resp = client.post(f"/mp/v1/console-login/{ticket}/confirm", headers=phone)
    assert resp.status_code == 410 and resp.json["error"]["code"] == "ticket_expired"
    assert client.get(f"/api/v1/console/login-tickets/{ticket}").json == {"status": "expired"}
    assert _sessions() == 0


def test_only_staff_may_confirm(client, make):
    buyer = make.login("bob")
    ticket = _ticket(client)["ticket"]
    resp = client.post(f"/mp/v1/console-login/{ticket}/confirm", headers=buyer)
    assert resp.status_code == 403 and resp.json["error"]["code"] == "not_staff"
    assert client.get(f"/api/v1/console/login-tickets/{ticket}").json == {"status": "pending"}


def test_an_unknown_ticket_is_not_found(client, make):
    phone = make.login("olga")
    for resp in (client.get("/api/v1/console/login-tickets/nope"),
                 client.post("/mp/v1/console-login/nope/scan", headers=phone)):
        assert resp.status_code == 404 and resp.json["error"]["code"] == "ticket_not_found"


def test_the_long_poll_wakes_at_once_and_two_racing_polls_make_one_session(app, make):
    make.merchant("olga")
    phone = make.login("olga")
    ticket = _ticket(app.test_client())["ticket"]
    answers, start = [], threading.Barrier(3)

    def console():
        client = app.test_client()
        with app.app_context():
            start.wait()
            resp = client.get(f"/api/v1/console/login-tickets/{ticket}?wait=10")
            answers.append((resp.json["status"], client.get_cookie("mall_console") is not None,
                            time.monotonic()))

    pollers = [threading.Thread(target=console) for _ in range(2)]
    for t in pollers:
        t.start()
    start.wait()
    time.sleep(0.3)  # both are blocked in their long polls
    confirmed_at = time.monotonic()
    assert app.test_client().post(f"/mp/v1/console-login/{ticket}/confirm",
                                  headers=phone).json == {"status": "confirmed"}
    for t in pollers:
        t.join(15)
    statuses = sorted((status, signed_in) for status, signed_in, _ in answers)
    assert statuses == [("confirmed", True), ("used", False)]
    assert min(at for *_, at in answers) - confirmed_at < 0.5  # woken, not timed out
    assert _sessions() == 1
