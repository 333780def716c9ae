"""The WeChat sender against a loopback HTTP server standing in for
api.weixin.qq.com: the exact JSON sent, the access token cached in Redis and
refreshed once on 42001, 43101 giving nothing back, a network failure
retried and then the credit returned."""

from __future__ import annotations

from datetime import timedelta

from app import clock
from app.db import transaction
from app.subscribe_messages import delivery, jobs, service
from app.subscribe_messages.keys import access_token
from app.subscribe_messages.models import Message
from app.subscribe_messages.templates import Target
from tests.subscribe_messages.conftest import APPID, left, make_users, messages, work_off


def _credit_and_send(client, h, uid, *, event="group_completed", times=1, gid=7):
    for _ in range(times):
        assert client.post("/mp/v1/subscriptions", headers=h,
                           json={"accepted": [event]}).status_code == 201
    with transaction() as s:
        sent = service.send(s, user_id=uid, event=event, target=Target("group", gid),
                            data={"group_id": gid, "status": "completed", "virtual": False},
                            now=clock.now())
    assert sent.status == "queued"
    return sent.message_id


def test_wechat_sender_posts_the_subscribe_json_with_a_cached_token(app, client, wechat,
                                                                     redis):
    (uid, h), = make_users(app, 1, prefix="openid")
    _credit_and_send(client, h, uid, times=2)
    _credit_and_send(client, h, uid, gid=8)
    work_off(app)
    body = {"touser": f"openid-{uid}", "template_id": "TPL_DONE",
            "page": "pages/groupbuy/group?id=7", "miniprogram_state": "formal",
            "data": {"character_string1": {"value": "7"}, "phrase2": {"value": "completed"}}}
    assert wechat.sends[0] == ("tok-1", body)
    assert [t for t, _ in wechat.sends] == ["tok-1", "tok-1"]  # fetched once, cached
    assert len(wechat.token_calls) == 1
    assert redis.get(access_token(APPID)) == "tok-1"
    assert 6600 < redis.ttl(access_token(APPID)) <= 6900  # expires_in less the margin
    assert messages() == [(uid, "group_completed", "sent", "wechat", 0)] * 2
    assert left(uid)["group_completed"] == 1


def test_43101_gives_nothing_back_and_is_recorded(app, client, wechat):
    (uid, h), = make_users(app, 1)
    _credit_and_send(client, h, uid, times=3)
    wechat.answers = [43101]
    work_off(app)
    assert messages() == [(uid, "group_completed", "refused", "wechat", 43101)]
    assert left(uid)["group_completed"] == 0  # WeChat holds none: neither do we


def test_an_expired_token_is_refreshed_once_and_the_send_retried(app, client, wechat,
                                                                 redis):
    (uid, h), = make_users(app, 1)
    redis.set(access_token(APPID), "tok-stale", ex=600)
    wechat.expired = {"tok-stale"}
    _credit_and_send(client, h, uid)
    work_off(app)
    assert [t for t, _ in wechat.sends] == ["tok-stale", "tok-1"]
    assert len(wechat.token_calls) == 1
    assert redis.get(access_token(APPID)) == "tok-1"
    assert messages() == [(uid, "group_completed", "sent", "wechat", 0)]


def test_a_token_that_stays_bad_fails_the_message_and_returns_the_credit(app, client,
                                                                        wechat):
    (uid, h), = make_users(app, 1)
    wechat.expired = {"tok-1", "tok-2"}
    _credit_and_send(client, h, uid)
    work_off(app)
    assert len(wechat.sends) == 2 and len(wechat.token_calls) == 2  # refreshed once only
    assert messages() == [(uid, "group_completed", "failed", "wechat", 42001)]
    assert left(uid)["group_completed"] == 1


def test_a_network_failure_is_retried_then_the_credit_returned(app, client, wechat,
                                                              monkeypatch):
    (uid, h), = make_users(app, 1)
    base = wechat.base
    monkeypatch.setattr(app.extensions["mall.settings"], "wechat_api_base",
                        "http://127.0.0.1:9")  # nothing listens on the discard port
    mid = _credit_and_send(client, h, uid)
    assert jobs.deliver(mid) == "pending"
    with transaction() as s:
        msg = s.get(Message, mid)
        assert (msg.attempts, msg.next_at) == (1, clock.now() + timedelta(seconds=30))
    scheduled = app.extensions["mall.queues"].get("default").scheduled_job_registry
    assert f"notify-deliver-{mid}-2" in scheduled.get_job_ids()
    assert left(uid)["group_completed"] == 0
    assert jobs.deliver(mid) == "pending"
    assert jobs.deliver(mid) == "failed"
    assert jobs.deliver(mid) == "skipped"
    assert messages() == [(uid, "group_completed", "failed", "wechat", None)]
    assert left(uid)["group_completed"] == 1
    monkeypatch.setattr(app.extensions["mall.settings"], "wechat_api_base", base)
    assert wechat.sends == []


def test_a_delivery_run_twice_sends_once(app, client, wechat):
    (uid, h), = make_users(app, 1)
    mid = _credit_and_send(client, h, uid)
    assert jobs.deliver(mid) == "sent"
    assert jobs.deliver(mid) == "skipped"
    work_off(app)  # the queued job too
    assert len(wechat.sends) == 1


def test_an_event_without_a_template_goes_through_the_log_sender(app, client, wechat):
    (uid, h), = make_users(app, 1)
    _credit_and_send(client, h, uid, event="group_failed")
    work_off(app)
    assert wechat.sends == []
    assert messages() == [(uid, "group_failed", "sent", "log", None)]


def test_the_sweep_requeues_lost_deliveries_and_gives_up_on_interrupted_ones(app, client):
    (uid, h), = make_users(app, 1)
    _credit_and_send(client, h, uid, times=2)
    stuck = _credit_and_send(client, h, uid, gid=8)
    app.extensions["mall.queues"].get("default").empty()  # both jobs lost
    with transaction() as s:
        delivery.claim(s, stuck, clock.now(), {})  # a worker died mid-call
    clock.advance(timedelta(minutes=11))
    assert jobs.sweep() == {"requeued": 1, "interrupted": 1, "announced": 0}
    work_off(app)
    assert [m[2] for m in messages()] == ["sent", "interrupted"]
    # 3 credits, 2 spent: an interrupted send may have gone out, so its stays spent
    assert left(uid)["group_completed"] == 1
