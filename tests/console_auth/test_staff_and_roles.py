"""Invites, roles and what each role may open: a live host stays in its own
merchant, an operator without merchant_finance sees no withdrawals."""

from __future__ import annotations

from datetime import timedelta

from app import clock
from app.db import transaction
from live.models import LiveRoom
from tests.console_auth.conftest import PASSWORD, sign_in

NEW_PW = "tea-and-biscuits"


def _room(make, merchant_id: int, host: str, title: str = "Tea live") -> int:
    host_id = make.user(host)
    with transaction() as s:
        room = LiveRoom(merchant_id=merchant_id, host_id=host_id, title=title,
                        stream_key=f"key-{title}", scheduled_at=clock.now(),
                        created_at=clock.now())
        s.add(room)
        s.flush()
        return room.id


def test_a_live_host_of_one_merchant_cannot_call_another_merchants_api(console, make):
    a = make.merchant("alice", "A Tea")
    b = make.merchant("bert", "B Tea")
    room = _room(make, a, "harry")
    host, csrf = console.staff("harry", "live_host", room)
    me = host.get("/api/v1/console/session").json
    assert me["roles"] == [{"role": "live_host", "scope_type": "room", "scope_id": room,
                            "scope_name": "Tea live"}]
    assert me["merchants"] == [{"id": a, "name": "A Tea", "status": "active"}]
    assert me["permissions"] == ["live"]
    for path in (f"/api/v1/merchants/{b}/products", f"/api/v1/merchants/{b}/staff",
                 f"/api/v1/merchants/{b}/orders"):
        resp = host.get(path)
        assert resp.status_code == 403 and resp.json["error"]["code"] == "forbidden", path
    resp = host.post(f"/api/v1/merchants/{b}/products", headers={"X-CSRF-Token": csrf},
                     json={"title": "Mine now", "skus": [{"price_fen": 1, "stock": 1}]})
    assert resp.status_code == 403 and resp.json["error"]["code"] == "forbidden"


def test_an_operator_without_finance_sees_no_withdrawals(console, make):
    mid = make.merchant("olga")
    operator, _ = console.staff("oscar", "merchant_operator", mid)
    assert "finance" not in operator.get("/api/v1/console/session").json["permissions"]
    for path in ("/referral/withdrawals", "/referral/payable"):
        resp = operator.get(f"/api/v1/merchants/{mid}{path}")
        assert resp.status_code == 403 and resp.json["error"]["code"] == "forbidden"
    assert operator.get(f"/api/v1/merchants/{mid}/referral/rules").status_code == 200

    finance, _ = console.staff("fiona", "merchant_finance", mid)
    assert finance.get("/api/v1/console/session").json["permissions"] == ["finance"]
    resp = finance.get(f"/api/v1/merchants/{mid}/referral/withdrawals")
    assert resp.status_code == 200 and resp.json["items"] == []
    assert finance.get(f"/api/v1/merchants/{mid}/products").status_code == 403
    owner, _ = console.staff("olga", None)
    assert owner.get(f"/api/v1/merchants/{mid}/referral/withdrawals").status_code == 200


def test_an_invite_is_accepted_once_and_signs_the_new_staff_in(app, console, make):
    mid = make.merchant("olga", "Olga's Tea")
    room = _room(make, mid, "olga")
    owner, csrf = console.staff("olga", None)
    resp = owner.post(f"/api/v1/merchants/{mid}/staff-invites", headers={"X-CSRF-Token": csrf},
                      json={"role": "live_host", "scope_id": room, "note": "Friday host"})
    assert resp.status_code == 201
    token = resp.json["token"]
    assert resp.json["url"] == f"/console/#/invite/{token}"
    assert resp.json["expires_at"] == (clock.now() + timedelta(days=7)).isoformat()

    guest = app.test_client()
    info = guest.get(f"/api/v1/console/invites/{token}")
    assert info.json == {"merchant": {"id": mid, "name": "Olga's Tea"}, "role": "live_host",
                         "expires_at": resp.json["expires_at"]}
    body = {"login": "Hana", "password": NEW_PW, "nickname": "Hana"}
    accepted = guest.post(f"/api/v1/console/invites/{token}/accept", json=body)
    assert accepted.status_code == 200
    assert accepted.json["permissions"] == ["live"]
    assert accepted.json["roles"][0]["scope_id"] == room
    assert guest.get("/api/v1/console/session").json["user"]["nickname"] == "Hana"
    again = app.test_client().post(f"/api/v1/console/invites/{token}/accept", json=body)
    assert again.status_code == 409 and again.json["error"]["code"] == "invite_used"
    assert sign_in(app.test_client(), "hana", NEW_PW).status_code == 200

    staff = owner.get(f"/api/v1/merchants/{mid}/staff").json
    assert [(s["nickname"], s["login"], [r["role"] for r in s["roles"]]) for s in staff] == [
        ("olga", "olga", ["merchant_owner"]),
        ("Hana", "hana", ["live_host"])]


def test_an_expired_invite_and_a_weak_password_are_refused(app, console, make):
    mid = make.merchant("olga")
    owner, csrf = console.staff("olga", None)
    token = owner.post(f"/api/v1/merchants/{mid}/staff-invites", headers={"X-CSRF-Token": csrf},
                       json={"role": "merchant_operator"}).json["token"]
    guest = app.test_client()
    for weak in ("short1", "1234567890"):
        resp = guest.post(f"/api/v1/console/invites/{token}/accept",
                          json={"login": "otto", "password": weak, "nickname": "Otto"})
        assert resp.status_code == 422 and resp.json["error"]["code"] == "weak_password"
    assert guest.get(f"/api/v1/console/invites/{token}").status_code == 200  # still open
    clock.advance(timedelta(days=7))
    resp = guest.post(f"/api/v1/console/invites/{token}/accept",
                      json={"login": "otto", "password": NEW_PW, "nickname": "Otto"})
    assert resp.status_code == 410 and resp.json["error"]["code"] == "invite_expired"
    assert guest.get("/api/v1/console/invites/nope").json["error"]["code"] == "invite_not_found"


def test_only_the_owner_invites_and_revokes_and_never_the_last_owner(console, make):
    mid = make.merchant("olga")
    operator, op_csrf = console.staff("oscar", "merchant_operator", mid)
    refused = operator.post(f"/api/v1/merchants/{mid}/staff-invites",
                            headers={"X-CSRF-Token": op_csrf}, json={"role": "live_host"})
    assert refused.status_code == 403 and refused.json["error"]["code"] == "forbidden"
    owner, csrf = console.staff("olga", None)
    no_room = owner.post(f"/api/v1/merchants/{mid}/staff-invites",
                         headers={"X-CSRF-Token": csrf}, json={"role": "live_host"})
    assert no_room.status_code == 404 and no_room.json["error"]["code"] == "scope_not_found"
    oscar, olga = make.user("oscar"), make.user("olga")
    base = f"/api/v1/merchants/{mid}/staff"
    h = {"X-CSRF-Token": csrf}
    assert owner.delete(f"{base}/{oscar}/roles/merchant_operator", headers=h).status_code == 204
    assert operator.get(f"/api/v1/merchants/{mid}/products").status_code == 403
    gone = owner.delete(f"{base}/{oscar}/roles/merchant_operator", headers=h)
    assert gone.status_code == 404 and gone.json["error"]["code"] == "staff_role_not_found"
    last = owner.delete(f"{base}/{olga}/roles/merchant_owner", headers=h)
    assert last.status_code == 409 and last.json["error"]["code"] == "last_owner"


def test_an_existing_staff_member_accepts_with_their_own_login(app, console, make):
    a = make.merchant("alice", "A Tea")
    b = make.merchant("bert", "B Tea")
    console.staff("oscar", "merchant_operator", a)
    owner_b, csrf = console.staff("bert", None)
    token = owner_b.post(f"/api/v1/merchants/{b}/staff-invites", headers={"X-CSRF-Token": csrf},
                         json={"role": "merchant_operator"}).json["token"]
    guest = app.test_client()
    taken = guest.post(f"/api/v1/console/invites/{token}/accept",
                       json={"login": "oscar", "password": NEW_PW, "nickname": "O"})
    assert taken.status_code == 409 and taken.json["error"]["code"] == "login_taken"
    ok = guest.post(f"/api/v1/console/invites/{token}/accept",
                    json={"login": "oscar", "password": PASSWORD, "nickname": "O"})
    assert ok.status_code == 200
    assert [m["id"] for m in ok.json["merchants"]] == [a, b]
