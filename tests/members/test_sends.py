"""Segment sends: a job with stored progress that delivers once per member,
whether re-run or raced by two workers; request ids make creation idempotent."""

import threading

import pytest
from sqlalchemy import func, select

from app.db import transaction
from members import jobs as member_jobs
from members.models import PointsEntry
from members.segments import sends as segment_sends
from tests.members.shop import MemberShop
from tests.payments.conftest import sandbox  # noqa: F401 - fixture


@pytest.fixture
def shop(app, client, make, sandbox):  # noqa: F811
    shop = MemberShop(app, client, make, sandbox)
    shop.settings(checkin_points=0, streak_bonuses=[])
    names = [f"m{i}" for i in range(7)]
    for name in names:
        assert shop.check_in(name).status_code == 201
    tag = shop.members("POST", "/tags", json={"name": "vip"}).json
    shop.members("POST", f"/tags/{tag['id']}/members",
                 json={"user_ids": [shop.ids[n] for n in names[:5]]})
    shop.segment_id = shop.members("POST", "/segments",
                                   json={"name": "vips", "expr": "vip"}).json["id"]
    return shop


@pytest.fixture
def actions():
    saved = dict(segment_sends.ACTIONS)
    yield segment_sends
    segment_sends.ACTIONS.clear()
    segment_sends.ACTIONS.update(saved)


def send(shop, request_id="s1", action="points", payload=None):
    return shop.members("POST", "/sends", json={
        "request_id": request_id, "segment_id": shop.segment_id, "action": action,
        "payload": payload if payload is not None else {"points": 30}})


def gifts() -> int:
    with transaction() as s:
        return s.scalar(select(func.count()).select_from(PointsEntry)
                        .where(PointsEntry.kind == "gift"))


def test_a_send_delivers_to_the_segment_in_batches_with_progress(shop, monkeypatch):
    monkeypatch.setattr(segment_sends, "BATCH", 2)
    resp = send(shop)
    assert resp.status_code == 201, resp.json
    assert (resp.json["status"], resp.json["total"]) == ("queued", 0)
    assert member_jobs.run_send(resp.json["id"]) == 3  # 2 + 2 + 1
    progress = shop.members("GET", f"/sends/{resp.json['id']}").json
    assert {k: progress[k] for k in ("status", "total", "done", "failed")} == \
        {"status": "done", "total": 5, "done": 5, "failed": 0}
    assert [shop.points(f"m{i}") for i in range(7)] == [30] * 5 + [0, 0]


def test_a_send_run_again_delivers_nothing_twice(shop):
    send_id = send(shop).json["id"]
    member_jobs.run_send(send_id)
    member_jobs.run_send(send_id)
    with transaction() as s:
        s.execute(segment_sends.SendRecipient.__table__.update().values(status="pending"))
    member_jobs.run_send(send_id)  # even with its progress lost, the keys hold
    assert gifts() == 5
    assert shop.members("GET", f"/sends/{send_id}").json["done"] == 5


def test_two_workers_racing_deliver_once(app, shop, monkeypatch):
    monkeypatch.setattr(segment_sends, "BATCH", 1)
    send_id = send(shop).json["id"]
    start = threading.Barrier(4)

    def work():
        start.wait()
        with app.app_context():
            member_jobs.run_send(send_id)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert gifts() == 5
    assert shop.members("GET", f"/sends/{send_id}").json["done"] == 5


def test_the_same_request_id_answers_the_same_send(shop):
    first = send(shop).json
    again = send(shop)
    assert (again.status_code, again.json["id"]) == (201, first["id"])
    other = send(shop, payload={"points": 31})
    assert (other.status_code, other.json["error"]["code"]) == (409, "send_key_reused")
    assert len(shop.members("GET", "/sends").json["items"]) == 1


def test_failures_are_counted_per_recipient(shop, actions):
    def half(session, *, merchant_id, user_ids, payload, key_prefix, now):
        return {u: "sent" if i % 2 else "no_openid" for i, u in enumerate(user_ids)}

    actions.register_action("flaky", half)
    send_id = send(shop, action="flaky", payload={}).json["id"]
    member_jobs.run_send(send_id)
    progress = shop.members("GET", f"/sends/{send_id}").json
    assert (progress["total"], progress["done"], progress["failed"]) == (5, 2, 3)


def test_unknown_actions_and_missing_payloads_are_refused(shop):
    resp = send(shop, action="fax")
    assert (resp.status_code, resp.json["error"]["code"]) == (422, "unknown_send_action")
    resp = send(shop, payload={})
    assert (resp.status_code, resp.json["error"]["code"]) == (422, "invalid_send_payload")
    assert resp.json["error"]["details"] == {"missing": ["points"]}


def test_the_sweep_finishes_a_send_whose_job_was_lost(shop):
    send_id = send(shop).json["id"]
    assert member_jobs.sweep()["sends"] == 1
    assert shop.members("GET", f"/sends/{send_id}").json["status"] == "done"
    assert member_jobs.sweep()["sends"] == 0
