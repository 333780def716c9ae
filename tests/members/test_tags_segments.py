"""Tags and segments: rule tags recomputed set-based from orders (spend net
of refunds, order count, days since the last order, source channel), manual
tags, and segment expressions picking exactly the right members."""

from datetime import timedelta

import pytest
from sqlalchemy import event

from app import clock
from app.db import transaction
from app.orders.models import Order
from members import checkin
from members import jobs as member_jobs
from members.tags import tagging as tags

DAY = timedelta(days=1)
RULES = {
    "big_spender": {"metric": "total_spend_fen", "op": "gte", "value": 50_000},
    "churned": {"metric": "days_since_last_order", "op": "gte", "value": 90},
    "new": {"metric": "order_count", "op": "lte", "value": 1},
    "from_live": {"metric": "source", "channel": "room"},
}


def seed_order(merchant_id, buyer_id, total_fen, *, days_ago=1, status="completed",
               refunded_fen=0, room_id=None):
    """A paid order as the database holds it (the data set, not the flow)."""
    at = clock.now() - days_ago * DAY
    with transaction() as s:
        s.add(Order(buyer_id=buyer_id, merchant_id=merchant_id, status=status, kind="normal",
                    goods_fen=total_fen, total_fen=total_fen, refunded_fen=refunded_fen,
                    pay_deadline=at, created_at=at, paid_at=at, room_id=room_id))


def staff(client, make, merchant_id):
    headers = make.login("owner")

    def call(method, path, **kw):
        return client.open(f"/api/v1/merchants/{merchant_id}/members{path}", method=method,
                           headers=headers, **kw)
    return call


@pytest.fixture
def crm(client, make):
    merchant_id = make.merchant("owner")
    people = {n: make.user(n) for n in ("ann", "ben", "cat", "dan", "eve", "fay", "gus")}
    m, p = merchant_id, people
    seed_order(m, p["ann"], 30_000, days_ago=5)          # big, 2 orders, recent
    seed_order(m, p["ann"], 30_000, days_ago=2, room_id=77)
    seed_order(m, p["ben"], 60_000, days_ago=100)         # big, 1 order, churned -> new
    seed_order(m, p["cat"], 40_000, days_ago=120)         # big, 2 orders, churned
    seed_order(m, p["cat"], 20_000, days_ago=95)
    seed_order(m, p["dan"], 1_000, days_ago=3)            # small, 2 orders
    seed_order(m, p["dan"], 1_000, days_ago=1)
    seed_order(m, p["fay"], 40_000, days_ago=4)           # refunds: 40_000 net, 1 counted
    seed_order(m, p["fay"], 30_000, days_ago=3, status="refunded", refunded_fen=30_000)
    seed_order(m, p["fay"], 30_000, days_ago=2, status="cancelled")  # never counted
    seed_order(m, p["gus"], 90_000, days_ago=1, status="pending_payment")  # not paid
    with transaction() as s:                              # eve only checked in
        checkin.check_in(s, merchant_id=m, user_id=p["eve"], now=clock.now())
    call = staff(client, make, merchant_id)
    for name, rule in RULES.items():
        resp = call("POST", "/tags", json={"name": name, "rule": rule})
        assert resp.status_code == 201, resp.json
    return merchant_id, people, call


def tagged(call) -> dict[str, set[int]]:
    resp = call("GET", "?per_page=100")
    out: dict[str, set[int]] = {}
    for member in resp.json["items"]:
        for name in member["tags"]:
            out.setdefault(name, set()).add(member["user_id"])
    return out


def test_rule_tags_follow_spend_net_of_refunds_count_recency_and_source(crm):
    _, p, call = crm
    assert tagged(call) == {
        "big_spender": {p["ann"], p["ben"], p["cat"]},
        "churned": {p["ben"], p["cat"]},
        "new": {p["ben"], p["eve"], p["fay"]},
        "from_live": {p["ann"]},
    }


def test_membership_is_by_paid_order_or_check_in(crm):
    _, p, call = crm
    resp = call("GET", "?per_page=100")
    assert {m["user_id"]: m["via"] for m in resp.json["items"]} == {
        p["ann"]: "order", p["ben"]: "order", p["cat"]: "order", p["dan"]: "order",
        p["fay"]: "order", p["eve"]: "checkin"}


def test_segment_expression_picks_exactly_the_right_members(crm):
    """(big_spender and not churned) or new: ann (big, recent), ben (new,
    though churned), eve (never ordered), fay (one order left after the
    refund); not cat (big but churned), dan (small), gus (unpaid)."""
    _, p, call = crm
    resp = call("POST", "/segments", json={"name": "core",
                                           "expr": "(big_spender and not churned) or new"})
    assert resp.status_code == 201, resp.json
    preview = call("GET", f"/segments/{resp.json['id']}/preview").json
    assert preview["count"] == 4
    assert set(preview["sample_user_ids"]) == {p["ann"], p["ben"], p["eve"], p["fay"]}
    unsaved = call("POST", "/segments/preview", json={"expr": "big_spender and not new"}).json
    assert set(unsaved["sample_user_ids"]) == {p["ann"], p["cat"]}


def test_recompute_is_idempotent_and_follows_the_clock(crm):
    _, p, call = crm
    assert call("POST", "/recompute", json={}).json == {"added": 0, "removed": 0}
    clock.advance(88 * DAY)  # last orders: ann's 90 days old, fay's 92, dan's 89
    assert call("POST", "/recompute", json={}).json == {"added": 2, "removed": 0}
    assert tagged(call)["churned"] == {p["ann"], p["ben"], p["cat"], p["fay"]}
    assert member_jobs.recompute_tags(crm[0]) == {"added": 0, "removed": 0}


def test_recompute_reads_order_statistics_in_one_query_whatever_the_member_count(crm, make):
    merchant_id, _, call = crm

    def statements() -> int:
        seen = []
        with transaction() as s:
            engine = s.get_bind()
            listener = lambda *a, **k: seen.append(1)  # noqa: E731
            event.listen(engine, "before_cursor_execute", listener)
            try:
                tags.recompute(s, merchant_id, clock.now())
            finally:
                event.remove(engine, "before_cursor_execute", listener)
        return len(seen)

    few = statements()
    for i in range(30):
        seed_order(merchant_id, make.user(f"extra{i}"), 100 * (i + 1))
    statements()  # the first run after seeding inserts their links
    assert statements() == few


def test_manual_tags_are_set_by_staff_and_rule_tags_are_not(crm):
    _, p, call = crm
    vip = call("POST", "/tags", json={"name": "vip"}).json
    assert vip["kind"] == "manual" and vip["rule"] is None
    resp = call("POST", f"/tags/{vip['id']}/members", json={"user_ids": [p["dan"], p["eve"]]})
    assert resp.json == {"added": 2}
    assert call("POST", f"/tags/{vip['id']}/members", json={"user_ids": [p["dan"]]}).json == \
        {"added": 0}
    assert call("POST", "/recompute", json={}).json == {"added": 0, "removed": 0}
    assert tagged(call)["vip"] == {p["dan"], p["eve"]}
    assert call("DELETE", f"/tags/{vip['id']}/members/{p['eve']}").status_code == 204
    assert tagged(call)["vip"] == {p["dan"]}
    rule_tag = next(t for t in call("GET", "/tags").json if t["name"] == "new")
    resp = call("POST", f"/tags/{rule_tag['id']}/members", json={"user_ids": [p["dan"]]})
    assert (resp.status_code, resp.json["error"]["code"]) == (409, "tag_not_manual")
    resp = call("POST", f"/tags/{vip['id']}/members", json={"user_ids": [p["gus"]]})
    assert (resp.status_code, resp.json["error"]["code"]) == (404, "member_not_found")
    assert resp.json["error"]["details"] == {"user_ids": [p["gus"]]}


def test_bad_and_unknown_segment_expressions_are_refused_with_position(crm):
    _, _, call = crm
    resp = call("POST", "/segments", json={"name": "x", "expr": "big_spender and (new"})
    assert resp.status_code == 422
    assert resp.json["error"]["code"] == "bad_segment_expression"
    assert resp.json["error"]["details"] == {"reason": "unclosed_paren", "position": 16,
                                             "token": "("}
    resp = call("POST", "/segments/preview", json={"expr": "vip or whales or new"})
    assert (resp.json["error"]["code"], resp.json["error"]["details"]) == \
        ("unknown_tag", {"tags": ["vip", "whales"]})


def test_a_tag_a_segment_uses_cannot_be_deleted(crm):
    _, _, call = crm
    call("POST", "/segments", json={"name": "n", "expr": "new"})
    new = next(t for t in call("GET", "/tags").json if t["name"] == "new")
    resp = call("DELETE", f"/tags/{new['id']}")
    assert (resp.status_code, resp.json["error"]["code"]) == (409, "tag_in_use")
    live = next(t for t in call("GET", "/tags").json if t["name"] == "from_live")
    assert call("DELETE", f"/tags/{live['id']}").status_code == 204
    assert "from_live" not in tagged(call)


@pytest.mark.parametrize(("rule", "code"), [
    ({"metric": "source"}, "invalid_tag_rule"),
    ({"metric": "order_count", "value": 3}, "invalid_tag_rule"),
    ({"metric": "order_count", "op": "gte", "value": 3, "channel": "room"},
     "invalid_tag_rule"),
])
def test_tag_rules_that_cannot_be_evaluated_are_refused(crm, rule, code):
    _, _, call = crm
    resp = call("POST", "/tags", json={"name": "odd", "rule": rule})
    assert (resp.status_code, resp.json["error"]["code"]) == (422, code)


def test_tag_names_are_expression_words(crm):
    _, _, call = crm
    for bad in ("Big", "not", "9lives", "with space"):
        resp = call("POST", "/tags", json={"name": bad})
        assert resp.status_code == 422, bad
    resp = call("POST", "/tags", json={"name": "new"})
    assert (resp.status_code, resp.json["error"]["code"]) == (409, "tag_name_taken")


def test_members_of_another_merchant_are_not_listed(crm, make, client):
    other = make.merchant("owner", name="Other")
    assert staff(client, make, other)("GET", "").json["items"] == []
