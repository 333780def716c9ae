"""One-time subscribe messages: credits counted exactly per event and
target, spent one per message by a guarded decrement, never without one,
and the same reminder never twice."""

from __future__ import annotations

import threading

from app import clock
from app.db import transaction
from app.subscribe_messages import service
from app.subscribe_messages.templates import Target
from tests.subscribe_messages.conftest import left, make_users, messages, work_off

NONE_LEFT = dict.fromkeys(["group_almost_full", "group_completed", "group_failed",
                           "flash_sale_starting", "live_starting", "after_sale_updated"], 0)


def _send(uid, event="group_completed", target=Target(), key=None):
    with transaction() as s:
        return service.send(s, user_id=uid, event=event, target=target, key=key,
                            data={"group_id": 7, "status": "completed"}, now=clock.now())


def _subscribe(client, headers, accepted, target=None):
    body = {"accepted": accepted, **({"target": target} if target else {})}
    return client.post("/mp/v1/subscriptions", headers=headers, json=body)


def test_count_what_each_user_has_left_per_template(app, client):
    (uid, h), (other, h2) = make_users(app, 2)
    assert client.get("/mp/v1/subscriptions", headers=h).json == {
        "accepted": [], "left": NONE_LEFT, "items": []}
    for _ in range(3):
        resp = _subscribe(client, h, ["group_completed", "group_failed"])
        assert resp.status_code == 201, resp.json
    assert resp.json["accepted"] == ["group_completed", "group_failed"]
    assert _subscribe(client, h2, ["group_failed"]).status_code == 201
    got = client.get("/mp/v1/subscriptions", headers=h).json
    assert got["left"] == {**NONE_LEFT, "group_completed": 3, "group_failed": 3}
    assert got["items"] == [
        {"event": "group_completed", "target_kind": "", "target_id": 0, "remaining": 3},
        {"event": "group_failed", "target_kind": "", "target_id": 0, "remaining": 3}]
    assert left(other) == {**NONE_LEFT, "group_failed": 1}


def test_accepted_template_ids_map_to_events_by_configuration(app, client, wechat):
    (uid, h), = make_users(app, 1)
    resp = _subscribe(client, h, ["TPL_DONE", "group_failed"])
    assert resp.status_code == 201, resp.json
    assert resp.json["accepted"] == ["group_completed", "group_failed"]
    resp = _subscribe(client, h, ["TPL_UNKNOWN"])
    assert (resp.status_code, resp.json["error"]["code"]) == (422, "unknown_template")
    resp = _subscribe(client, h, ["TPL_DONE", "group_completed"])
    assert (resp.status_code, resp.json["error"]["code"]) == (422, "duplicate_template")
    assert left(uid) == {**NONE_LEFT, "group_completed": 1, "group_failed": 1}


def test_send_only_what_they_subscribed_to(app):
    """No credit: refused, nothing written, nothing delivered."""
    (uid, _), = make_users(app, 1)
    assert _send(uid) == service.Sent("no_credit")
    work_off(app)
    assert messages() == []
    assert left(uid) == NONE_LEFT


def test_a_send_spends_one_credit_and_the_log_sender_records_it(app, client):
    (uid, h), = make_users(app, 1)
    _subscribe(client, h, ["group_completed"])
    _subscribe(client, h, ["group_completed"])
    sent = _send(uid, target=Target("group", 7))
    assert sent.status == "queued"
    assert left(uid)["group_completed"] == 1
    assert messages() == [(uid, "group_completed", "pending", "", None)]
    work_off(app)
    assert messages() == [(uid, "group_completed", "sent", "log", None)]


def test_the_same_reminder_never_goes_twice_to_one_user(app, client):
    (uid, h), = make_users(app, 1)
    for _ in range(3):
        _subscribe(client, h, ["group_completed"])
    assert _send(uid, target=Target("group", 7)).status == "queued"
    assert _send(uid, target=Target("group", 7)) == service.Sent("duplicate")
    assert _send(uid, target=Target("group", 8)).status == "queued"
    assert left(uid)["group_completed"] == 1
    assert len(messages()) == 2


def test_a_targeted_credit_is_spent_before_the_general_one(app, client):
    from app.subscribe_messages.models import SubscriptionCredit

    (uid, h), = make_users(app, 1)
    _subscribe(client, h, ["group_completed"])
    with transaction() as s:  # as a subscription for group 7 would have left it
        s.add(SubscriptionCredit(user_id=uid, event="group_completed", target_kind="group",
                                 target_id=7, remaining=1, updated_at=clock.now()))
    assert _send(uid, target=Target("group", 7)).status == "queued"
    with transaction() as s:
        assert [(c.target_kind, c.remaining) for c in service.credits_left(s, uid)] == [
            ("", 1)]
    assert _send(uid, target=Target("group", 8)).status == "queued"
    assert _send(uid, target=Target("group", 9)) == service.Sent("no_credit")
    assert left(uid)["group_completed"] == 0


def test_racing_sends_with_three_credits_send_exactly_three(app, client):
    (uid, h), = make_users(app, 1)
    for _ in range(3):
        _subscribe(client, h, ["group_failed"])
    results, barrier = [], threading.Barrier(24)

    def one(i):
        with app.app_context():
            barrier.wait()
            results.append(_send(uid, event="group_failed", key=f"race-{i}").status)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(24)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["no_credit"] * 21 + ["queued"] * 3
    assert left(uid)["group_failed"] == 0
    work_off(app)
    assert messages() == [(uid, "group_failed", "sent", "log", None)] * 3


def test_start_reminders_need_a_target_of_their_kind(app, client):
    (uid, h), = make_users(app, 1)
    cases = [
        (["flash_sale_starting"], None, 422, "target_required"),
        (["live_starting"], {"kind": "flashsale", "id": 1}, 422, "target_not_allowed"),
        (["flash_sale_starting"], {"kind": "flashsale", "id": 999}, 404, "target_not_found"),
        (["group_completed"], {"kind": "group", "id": 999}, 404, "target_not_found"),
        (["nope"], None, 422, "unknown_template"),
        ([], None, 422, "validation_error"),
        (["a", "b", "c", "d"], None, 422, "validation_error"),
    ]
    for accepted, target, status, code in cases:
        resp = _subscribe(client, h, accepted, target)
        assert (resp.status_code, resp.json["error"]["code"]) == (status, code), accepted
    assert left(uid) == NONE_LEFT


def test_a_fan_out_sends_to_the_holders_of_a_credit_it_may_spend(app, client):
    """Read once for all: the target's credit or the event's untargeted one;
    another target's credit, or none, sends nothing and spends nothing."""
    from app.subscribe_messages.models import SubscriptionCredit

    (general, h1), (targeted, _), (elsewhere, _), (none, _) = make_users(app, 4)
    _subscribe(client, h1, ["group_completed"])
    with transaction() as s:
        for uid, gid in ((targeted, 7), (elsewhere, 8)):
            s.add(SubscriptionCredit(user_id=uid, event="group_completed", target_kind="group",
                                     target_id=gid, remaining=1, updated_at=clock.now()))
    with transaction() as s:
        queued = service.send_many(s, user_ids=[none, elsewhere, targeted, general],
                                   event="group_completed", target=Target("group", 7),
                                   data={"group_id": 7, "status": "completed"}, key=None,
                                   now=clock.now())
    assert queued == 2
    assert sorted(m[0] for m in messages()) == sorted([general, targeted])
    assert [left(u)["group_completed"] for u in (general, targeted, elsewhere, none)] == [
        0, 0, 1, 0]
