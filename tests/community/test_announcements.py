"""Announcements: stored once, one inbox row per member, delivered at once
to online members over Socket.IO; the inbox is its member's alone."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from sqlalchemy import func, insert, select

from app import clock
from app.auth.models import User
from app.db import transaction
from app.socketio import socketio
from community import announcements, errors
from community.models import Announcement, CommunityMember, InboxMessage
from tests.conftest import T0, count

BODY = {"title": "Tea day", "body": "Free tasting at Gate 3, 9:00"}


def _token(hood, name):
    return hood.login(name)["Authorization"].split()[1]


def _events(sock):
    return [(e["name"], e["args"][0]) for e in sock.get_received()]


def test_an_announcement_reaches_every_inbox_and_online_members_at_once(app, hood):
    c = hood.community()
    hood.join("bob", c)
    hood.join("cat", c)
    online = {n: socketio.test_client(app, auth={"token": _token(hood, n)})
              for n in ("bob", "eve")}  # eve is no member
    resp = hood.staff_c("POST", f"/{c['id']}/announcements", json=BODY)
    assert resp.status_code == 201, resp.json
    assert resp.json["recipients"] == 3  # olga, bob, cat
    expected = {"announcement_id": resp.json["id"], "community_id": c["id"], **BODY,
                "created_at": T0.isoformat()}
    assert _events(online["bob"]) == [("announcement", expected)]
    assert _events(online["eve"]) == []
    for name in ("olga", "bob", "cat"):  # offline or not, it waits in the inbox
        inbox = hood.mp_as(name, "GET", f"/communities/{c['id']}/inbox").json
        assert ([i["title"] for i in inbox["items"]], inbox["unread"]) == (["Tea day"], 1)
    assert hood.mp_as("eve", "GET", "/inbox").json["items"] == []
    with transaction() as s:
        assert s.scalar(select(func.count()).select_from(Announcement)) == 1


def test_members_only_see_posts_from_after_they_joined(hood):
    c = hood.community()
    hood.mp_as("olga", "POST", f"/communities/{c['id']}/announcements", json=BODY)
    hood.join("bob", c)
    assert hood.mp_as("bob", "GET", f"/communities/{c['id']}/inbox").json["items"] == []


def test_a_member_cannot_read_another_communitys_inbox(hood):
    maple, oak = hood.community(), hood.community(owner="omar", name="Oak Court")
    hood.join("bob", maple)
    hood.join("cat", oak)
    hood.mp_as("omar", "POST", f"/communities/{oak['id']}/announcements", json=BODY)
    resp = hood.mp_as("bob", "GET", f"/communities/{oak['id']}/inbox")
    assert (resp.status_code, resp.json["error"]["code"]) == (403, "not_a_member")
    cats = hood.mp_as("cat", "GET", "/inbox").json["items"]
    resp = hood.mp_as("bob", "POST", "/inbox/read",  # cat's own row
                      json={"message_ids": [cats[0]["id"]]})
    assert (resp.status_code, resp.json["error"]["code"]) == (404, "inbox_message_not_found")
    assert hood.mp_as("cat", "GET", "/inbox").json["unread"] == 1
    assert hood.mp_as("bob", "GET", "/inbox").json["items"] == []


def test_read_unread_and_the_unread_count(hood):
    c = hood.community()
    hood.join("bob", c)
    for n in range(3):
        hood.mp_as("olga", "POST", f"/communities/{c['id']}/announcements",
                   json={"title": f"Post {n}", "body": "..."})
    inbox = hood.mp_as("bob", "GET", "/inbox").json
    assert ([i["title"] for i in inbox["items"]], inbox["unread"]) == \
        (["Post 2", "Post 1", "Post 0"], 3)
    first = inbox["items"][2]["id"]
    resp = hood.mp_as("bob", "POST", "/inbox/read", json={"message_ids": [first]})
    assert resp.json == {"marked": 1, "unread": 2}
    clock.advance(timedelta(minutes=5))
    again = hood.mp_as("bob", "POST", "/inbox/read", json={"message_ids": [first]})
    assert again.json == {"marked": 0, "unread": 2}
    read = hood.mp_as("bob", "GET", "/inbox").json["items"][2]
    assert (read["read"], read["read_at"]) == (True, T0.isoformat())  # the first reading
    mixed = hood.mp_as("bob", "POST", "/inbox/read",
                       json={"message_ids": [inbox["items"][0]["id"], 999_999]})
    assert (mixed.status_code, mixed.json["error"]["details"]) == \
        (404, {"message_ids": [999_999]})
    assert hood.mp_as("bob", "GET", "/inbox").json["unread"] == 2  # nothing marked
    unread = hood.mp_as("bob", "GET", "/inbox?unread_only=true").json
    assert ([i["title"] for i in unread["items"]], unread["meta"]["total"]) == \
        (["Post 2", "Post 1"], 2)
    assert hood.mp_as("olga", "GET", "/inbox").json["unread"] == 3  # olga's are hers


def test_deliver_is_idempotent_by_key_and_may_go_to_a_merchants_members(app, hood):
    c = hood.community()
    hood.join("bob", c)
    bob, cat = hood.ids["bob"], hood.login("cat") and hood.ids["cat"]
    sock = socketio.test_client(app, auth={"token": _token(hood, "cat")})
    args = {"merchant_id": hood.merchant_id, "community_id": None, "title": "VIP sale",
            "body": "For our gold members", "key": "segment-7-run-1", "now": clock.now()}
    with transaction() as s:
        ann, created = announcements.deliver(s, user_ids=[bob, cat, cat, 999_999], **args)
        assert (created, ann.recipients) == (True, 2)
    with transaction() as s:
        again, created = announcements.deliver(s, user_ids=[bob, cat, hood.ids["olga"]],
                                               **args)
        assert (created, again.id, again.recipients) == (False, ann.id, 2)
    assert [n for n, _ in _events(sock)] == ["announcement"]  # once
    assert count(InboxMessage) == 2
    items = hood.mp_as("cat", "GET", "/inbox").json["items"]
    assert [(i["title"], i["community_id"]) for i in items] == [("VIP sale", None)]
    with transaction() as s, pytest.raises(errors.AnnouncementKeyReused):
        announcements.deliver(s, user_ids=[bob], **{**args, "body": "changed"})


def test_ten_thousand_members_get_their_inbox_row_in_one_statement(hood):
    """Shared, noisy machine: the time printed is an indication only."""
    c = hood.community()
    with transaction() as s:
        base = s.scalar(select(func.max(User.id)))
        s.execute(insert(User), [{"openid": f"bulk-{i}", "nickname": "", "session_key": "",
                                  "created_at": T0} for i in range(10_000)])
        ids = list(s.scalars(select(User.id).where(User.id > base)))
        s.execute(insert(CommunityMember), [
            {"community_id": c["id"], "user_id": u, "role": "member", "via": "code",
             "joined_at": T0} for u in ids])
    started = time.perf_counter()
    resp = hood.mp_as("olga", "POST", f"/communities/{c['id']}/announcements", json=BODY)
    took = time.perf_counter() - started
    assert resp.status_code == 201 and resp.json["recipients"] == 10_001
    assert count(InboxMessage) == 10_001
    print(f"announcement to 10,001 members: {took:.2f}s")
