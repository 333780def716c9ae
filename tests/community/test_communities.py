"""Communities: joining by invite code or share, leaving, the owner's
powers, roles per community, pinned offers."""

from __future__ import annotations

from datetime import timedelta

from app import clock
from app.db import transaction
from flashsale import activities as flash_activities
from live import rooms as live_rooms


def test_members_join_by_invite_code_once(hood):
    c = hood.community()
    assert len(c["invite_code"]) == 8
    joined = hood.join("bob", c)
    assert (joined["community_id"], joined["role"], joined["via"]) == (c["id"], "member", "code")
    again = hood.mp_as("bob", "POST", "/communities/join",
                       json={"invite_code": c["invite_code"].lower()})
    assert (again.status_code, again.json["error"]["code"]) == (409, "already_member")
    wrong = hood.mp_as("cat", "POST", "/communities/join", json={"invite_code": "ZZZZZZZZ"})
    assert (wrong.status_code, wrong.json["error"]["code"]) == (404, "invalid_invite_code")
    mine = hood.mp_as("bob", "GET", "/communities")
    assert [(i["id"], i["role"], i["members"], i["invite_code"])
            for i in mine.json["items"]] == [(c["id"], "member", 2, None)]


def test_the_owner_regenerates_the_invite_code_and_the_old_one_admits_nobody(hood):
    c = hood.community()
    hood.join("bob", c)
    for name in ("bob", "eve"):  # a member, a stranger
        resp = hood.mp_as(name, "POST", f"/communities/{c['id']}/invite-code")
        assert resp.status_code == 403
    resp = hood.mp_as("olga", "POST", f"/communities/{c['id']}/invite-code")
    assert resp.status_code == 200 and resp.json["invite_code"] != c["invite_code"]
    old = hood.mp_as("cat", "POST", "/communities/join", json={"invite_code": c["invite_code"]})
    assert old.json["error"]["code"] == "invalid_invite_code"
    assert hood.join("cat", {"invite_code": resp.json["invite_code"]})["role"] == "member"


def _share(hood, name, community_id):
    resp = hood.mp_as(name, "POST", "/shares", json={"kind": "community",
                                                     "target_id": community_id,
                                                     "channel": "qr"})
    assert resp.status_code in (200, 201), resp.json
    return resp.json["scene"]


def test_members_join_by_a_community_share_made_by_a_member(hood):
    c = hood.community()
    hood.join("bob", c)
    scene = _share(hood, "bob", c["id"])
    resp = hood.mp_as("cat", "POST", "/communities/join-by-share", json={"scene": scene})
    assert resp.status_code == 201 and resp.json["via"] == "share"
    resolved = hood.client.get(f"/mp/v1/shares/resolve?scene={scene}")
    assert resolved.json["target"]["title"] == "Maple Court"
    stranger_scene = _share(hood, "eve", c["id"])  # eve belongs to no community
    resp = hood.mp_as("dan", "POST", "/communities/join-by-share", json={"scene": stranger_scene})
    assert (resp.status_code, resp.json["error"]["code"]) == (422, "not_a_community_share")
    product_id, _ = hood.product(1000)
    resp = hood.mp_as("bob", "POST", "/shares", json={"kind": "product", "target_id": product_id,
                                                     "channel": "qr"})
    resp = hood.mp_as("dan", "POST", "/communities/join-by-share",
                      json={"scene": resp.json["scene"]})
    assert resp.json["error"]["code"] == "not_a_community_share"


def test_members_leave_the_owner_removes_members_leaders_and_owner_stay(hood):
    c = hood.community()
    hood.leader("lily", c)
    hood.join("bob", c)
    hood.join("cat", c)
    for name, role in (("olga", "owner"), ("lily", "leader")):
        resp = hood.mp_as(name, "POST", f"/communities/{c['id']}/leave")
        assert (resp.status_code, resp.json["error"]["details"]) == (409, {"role": role})
    assert hood.mp_as("bob", "POST", f"/communities/{c['id']}/leave").status_code == 204
    resp = hood.mp_as("lily", "POST", f"/communities/{c['id']}/members/remove",
                      json={"user_id": hood.ids["cat"]})
    assert resp.status_code == 403  # leaders do not remove members
    resp = hood.mp_as("olga", "POST", f"/communities/{c['id']}/members/remove",
                      json={"user_id": hood.ids["cat"]})
    assert resp.status_code == 204
    resp = hood.mp_as("olga", "POST", f"/communities/{c['id']}/members/remove",
                      json={"user_id": hood.ids["cat"]})
    assert resp.json["error"]["code"] == "community_member_not_found"
    mine = hood.mp_as("olga", "GET", f"/communities/{c['id']}")
    assert mine.json["members"] == 2  # olga and lily
    assert hood.mp_as("cat", "GET", f"/communities/{c['id']}").json["error"]["code"] == \
        "not_a_member"


def test_a_role_holds_only_in_its_own_community(hood):
    maple, oak = hood.community(), hood.community(owner="omar", name="Oak Court")
    hood.leader("lily", maple)
    hood.join("lily", oak)
    body = {"title": "Tea day", "body": "Come at nine"}
    assert hood.mp_as("lily", "POST", f"/communities/{maple['id']}/announcements",
                      json=body).status_code == 201
    resp = hood.mp_as("lily", "POST", f"/communities/{oak['id']}/announcements", json=body)
    assert (resp.status_code, resp.json["error"]["code"]) == (403, "community_forbidden")
    resp = hood.mp_as("olga", "POST", f"/communities/{oak['id']}/invite-code")
    assert resp.status_code == 403  # owner of maple, nobody in oak
    resp = hood.mp_as("lily", "GET", f"/leader/communities/{oak['id']}/commission")
    assert resp.json["error"]["code"] == "community_forbidden"


def test_staff_manage_leaders_rates_and_the_community(hood, make):
    c = hood.community(bps=500)
    hood.leader("lily", c, bps=800)
    hood.leader("liam", c)
    rows = hood.staff_c("GET", f"/{c['id']}/leaders").json
    assert [(r["commission_bps"], r["effective_bps"], r["point"]["name"]) for r in rows] == \
        [(800, 800, "Gate 3"), (None, 500, "Gate 3")]
    resp = hood.staff_c("PUT", f"/{c['id']}/leaders/{hood.ids['lily']}",
                        json={"commission_bps": None})
    assert (resp.json["commission_bps"], resp.json["effective_bps"]) == (None, 500)
    resp = hood.staff_c("PATCH", f"/{c['id']}", json={"leader_commission_bps": 700})
    assert resp.json["leader_commission_bps"] == 700
    resp = hood.staff_c("POST", f"/{c['id']}/leaders", json={"user_id": hood.ids["olga"]})
    assert resp.status_code == 403  # the owner stays owner
    assert hood.staff_c("DELETE", f"/{c['id']}/leaders/{hood.ids['liam']}").status_code == 204
    resp = hood.staff_c("DELETE", f"/{c['id']}/leaders/{hood.ids['liam']}")
    assert resp.json["error"]["code"] == "leader_not_found"
    make.merchant("rival", name="Rival")
    resp = hood.client.get(f"/api/v1/merchants/{hood.merchant_id}/communities",
                           headers=make.login("rival"))
    assert resp.status_code == 403
    resp = hood.staff_c("POST", json={"name": "X", "owner_id": 999_999})
    assert (resp.status_code, resp.json["error"]["code"]) == (404, "user_not_found")


def test_pinned_offers_link_existing_targets_of_the_shop(hood, make):
    c = hood.community()
    hood.join("bob", c)
    _, sku = hood.product(1000)
    with transaction() as s:
        owner = hood.ids.get("owner") or make.user("owner")
        sale = flash_activities.create(
            s, staff_id=owner, merchant_id=hood.merchant_id, now=clock.now(),
            data={"sku_id": sku, "price_fen": 500, "quota": 1, "per_user_limit": 1,
                  "per_order_limit": 1, "title": "Flash tea", "starts_at": clock.now(),
                  "ends_at": clock.now() + timedelta(hours=1)})
        room = live_rooms.create(s, staff_id=owner, merchant_id=hood.merchant_id,
                                 data={"title": "Tea live"}, now=clock.now())
        sale_id, room_id = sale.id, room.id
    for kind, target in (("flash_sale", sale_id), ("live_room", room_id)):
        resp = hood.staff_c("POST", f"/{c['id']}/offers", json={"kind": kind,
                                                                "target_id": target})
        assert resp.status_code == 201, resp.json
    again = hood.staff_c("POST", f"/{c['id']}/offers", json={"kind": "live_room",
                                                             "target_id": room_id})
    assert again.json["error"]["code"] == "already_pinned"
    gone = hood.staff_c("POST", f"/{c['id']}/offers", json={"kind": "group_buy",
                                                            "target_id": 999_999})
    assert (gone.status_code, gone.json["error"]["code"]) == (404, "group_activity_not_found")
    rival = make.merchant("rival", name="Rival")
    with transaction() as s:
        other_room = live_rooms.create(s, staff_id=make.user("rival"), merchant_id=rival,
                                       data={"title": "Rival live"}, now=clock.now()).id
    resp = hood.staff_c("POST", f"/{c['id']}/offers", json={"kind": "live_room",
                                                            "target_id": other_room})
    assert resp.json["error"]["code"] == "room_not_found"
    listed = hood.mp_as("bob", "GET", f"/communities/{c['id']}/offers").json
    assert sorted((o["kind"], o["title"]) for o in listed) == \
        [("flash_sale", "Flash tea"), ("live_room", "Tea live")]
    assert hood.mp_as("eve", "GET", f"/communities/{c['id']}/offers").status_code == 403
    unpin = hood.staff_c("DELETE", f"/{c['id']}/offers/{listed[0]['id']}")
    assert unpin.status_code == 204
    assert len(hood.mp_as("bob", "GET", f"/communities/{c['id']}/offers").json) == 1
