"""Host actions are for the room's host and assistants: viewers, guests and
the host of another room are refused, and nothing changes."""

from __future__ import annotations

import pytest

from tests.live.conftest import ack, code, connect


def _actions(r, target_id: int) -> list[tuple[str, dict]]:
    return [
        ("pin", {"product_id": r.product_ids[0]}),
        ("reorder", {"product_ids": r.product_ids[::-1]}),
        ("sale_start", {"sku_id": r.sku_ids[0], "price_fen": 500, "quota": 5, "minutes": 10}),
        ("sale_stop", {"activity_id": 1}),
        ("coupon_drop", {"amount_fen": 500, "quantity": 20}),
        ("lottery_open", {"prize": "Tea set", "winners": 1, "qualify": "like"}),
        ("lottery_draw", {"lottery_id": 1}),
        ("announce", {"text": "hello"}),
        ("mute", {"user_id": target_id}),
        ("unmute", {"user_id": target_id}),
        ("kick", {"user_id": target_id}),
        ("ban", {"user_id": target_id}),
        ("set_state", {"state": "ended"}),
    ]


@pytest.mark.parametrize("who", ["viewer", "other_host"])
def test_viewers_and_other_rooms_hosts_cannot_act(app, room, make, who):
    r = room()
    other = room(owner="rival", title="Rival live")
    alice = make.user("alice")
    actor = connect(app, alice if who == "viewer" else other.host_id)
    ack(actor, "join", {"room_id": r.id})
    for event, data in _actions(r, make.user("bob")):
        answer = ack(actor, event, {"room_id": r.id, **data})
        assert code(answer) == "not_room_staff", (event, answer)
    snap = ack(connect(app), "join", {"room_id": r.id})
    assert (snap["room"]["state"], snap["pinned"], snap["coupons"], snap["sales"]) == \
        ("live", None, [], [])
    assert [p["product_id"] for p in snap["shelf"]] == r.product_ids


def test_an_assistant_may_moderate_but_not_end_the_room(app, client, room, make):
    r = room()
    resp = client.post(r.staff_url + "/assistants", headers=r.host,
                       json={"user_id": make.user("helper")})
    assert resp.status_code == 201, resp.json
    helper = connect(app, make.user("helper"))
    assert ack(helper, "pin", {"room_id": r.id, "product_id": r.product_ids[0]})["ok"]
    assert ack(helper, "mute", {"room_id": r.id, "user_id": make.user("bob")})["ok"]
    assert code(ack(helper, "set_state", {"room_id": r.id, "state": "ended"})) == "not_room_host"
    assert code(ack(helper, "mute", {"room_id": r.id, "user_id": r.host_id})) == \
        "cannot_moderate_staff"


def test_only_merchant_staff_create_rooms_and_the_host_must_be_staff(client, make):
    merchant_id = make.merchant("owner")
    url = f"/api/v1/merchants/{merchant_id}/live/rooms"
    resp = client.post(url, headers=make.login("stranger"), json={"title": "Mine"})
    assert (resp.status_code, resp.json["error"]["code"]) == (403, "forbidden")
    resp = client.post(url, headers=make.login("owner"),
                       json={"title": "Mine", "host_id": make.user("stranger")})
    assert (resp.status_code, resp.json["error"]["code"]) == (422, "invalid_host")
