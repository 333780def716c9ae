"""Owners and leaders by invitation: an invited user holds no role until
they accept through /mp/v1; accepting grants it, declining does not."""

from __future__ import annotations

from sqlalchemy import select

from app.db import transaction
from community.models import Community, CommunityMember


def code(resp) -> tuple[int, str]:
    return resp.status_code, resp.json["error"]["code"]


def roles(community_id: int) -> dict[int, str]:
    with transaction() as s:
        return dict(s.execute(select(CommunityMember.user_id, CommunityMember.role)
                              .where(CommunityMember.community_id == community_id)).all())


def owner_of(community_id: int) -> int | None:
    with transaction() as s:
        return s.get(Community, community_id).owner_id


def invite_leader(hood, c, name, bps=None):
    hood.login(name)
    resp = hood.staff_c("POST", f"/{c['id']}/leaders",
                        json={"user_id": hood.ids[name], "commission_bps": bps})
    assert resp.status_code == 201, resp.json
    return resp.json


def can_lead(hood, name, c) -> bool:
    """Posting to the community and reading the leader's commission."""
    posted = hood.mp_as(name, "POST", f"/communities/{c['id']}/announcements",
                        json={"title": "Tea", "body": "At nine"}).status_code == 201
    listed = hood.mp_as(name, "GET", f"/leader/communities/{c['id']}/commission")
    assert posted == (listed.status_code == 200)
    return posted


def test_an_invited_leader_holds_no_role_until_accepting(hood):
    c = hood.community()
    hood.join("lily", c)  # a member first
    inv = invite_leader(hood, c, "lily", bps=800)
    assert (inv["role"], inv["status"], inv["commission_bps"], inv["community_name"]) == (
        "leader", "pending", 800, "Maple Court")
    assert roles(c["id"])[hood.ids["lily"]] == "member"
    assert not can_lead(hood, "lily", c)
    assert hood.staff_c("GET", f"/{c['id']}/leaders").json == []
    point = {"name": "Gate 3", "address": "1 Maple Road", "opening_hours": "9-21",
             "active": True}
    resp = hood.staff_c("PUT", f"/{c['id']}/leaders/{hood.ids['lily']}/pickup-point",
                        json=point)
    assert code(resp) == (404, "leader_not_found")
    assert [i["id"] for i in hood.invitations("lily")] == [inv["id"]]

    joined = hood.accept("lily", inv["id"])
    assert (joined["role"], joined["community_id"]) == ("leader", c["id"])
    assert can_lead(hood, "lily", c)
    rows = hood.staff_c("GET", f"/{c['id']}/leaders").json
    assert [(r["user_id"], r["commission_bps"]) for r in rows] == [(hood.ids["lily"], 800)]
    assert hood.invitations("lily") == []
    assert code(hood.mp_as("lily", "POST", f"/community-invitations/{inv['id']}/accept")) == (
        409, "invitation_not_pending")
    assert code(hood.staff_c("POST", f"/{c['id']}/leaders",
                             json={"user_id": hood.ids["lily"]})) == (409, "already_has_role")


def test_declining_grants_nothing_and_staff_may_invite_again(hood):
    c = hood.community()
    inv = invite_leader(hood, c, "liam")  # not even a member
    assert code(hood.mp_as("olga", "POST", f"/community-invitations/{inv['id']}/accept")) == (
        404, "invitation_not_found")  # someone else's invitation
    resp = hood.mp_as("liam", "POST", f"/community-invitations/{inv['id']}/decline")
    assert (resp.status_code, resp.json["status"]) == (200, "declined")
    assert hood.ids["liam"] not in roles(c["id"])
    assert code(hood.mp_as("liam", "GET", f"/communities/{c['id']}")) == (403, "not_a_member")
    assert not can_lead(hood, "liam", c)
    assert code(hood.mp_as("liam", "POST", f"/community-invitations/{inv['id']}/accept")) == (
        409, "invitation_not_pending")
    listed = hood.staff_c("GET", f"/{c['id']}/invitations?status=declined").json
    assert [(i["user_id"], i["role"]) for i in listed["items"]] == [(hood.ids["liam"], "leader")]
    again = invite_leader(hood, c, "liam")
    assert (again["id"], again["status"]) == (inv["id"], "pending")
    hood.accept("liam", again["id"])
    assert roles(c["id"])[hood.ids["liam"]] == "leader"


def test_an_invited_owner_holds_nothing_until_accepting(hood):
    hood.login("olga")
    resp = hood.staff_c("POST", json={"name": "Oak Court", "owner_id": hood.ids["olga"]})
    assert (resp.status_code, resp.json["owner_id"]) == (201, None)
    c = resp.json
    assert roles(c["id"]) == {} and owner_of(c["id"]) is None
    assert code(hood.mp_as("olga", "POST", f"/communities/{c['id']}/invite-code")) == (
        403, "community_forbidden")
    assert hood.mp_as("olga", "GET", "/communities").json["items"] == []
    (inv,) = hood.invitations("olga")
    assert (inv["role"], inv["community_id"], inv["merchant_id"]) == (
        "owner", c["id"], hood.merchant_id)

    assert hood.accept("olga", inv["id"])["role"] == "owner"
    assert roles(c["id"]) == {hood.ids["olga"]: "owner"}
    assert owner_of(c["id"]) == hood.ids["olga"]
    assert hood.mp_as("olga", "POST", f"/communities/{c['id']}/invite-code").status_code == 200


def test_a_declined_owner_is_replaced_by_the_next_one_invited(hood):
    hood.login("olga")
    c = hood.staff_c("POST", json={"name": "Oak Court", "owner_id": hood.ids["olga"]}).json
    (first,) = hood.invitations("olga")
    hood.login("omar")
    resp = hood.staff_c("POST", f"/{c['id']}/owner", json={"user_id": hood.ids["omar"]})
    assert (resp.status_code, resp.json["role"]) == (201, "owner")
    # inviting another owner withdrew olga's pending invitation
    assert hood.invitations("olga") == []
    assert code(hood.mp_as("olga", "POST", f"/community-invitations/{first['id']}/accept")) \
        == (409, "invitation_not_pending")
    resp = hood.mp_as("omar", "POST", f"/community-invitations/{resp.json['id']}/decline")
    assert resp.json["status"] == "declined"
    assert roles(c["id"]) == {} and owner_of(c["id"]) is None
    listed = hood.staff_c("GET", f"/{c['id']}/invitations").json["items"]
    assert [(i["user_id"], i["status"]) for i in listed] == [
        (hood.ids["olga"], "withdrawn"), (hood.ids["omar"], "declined")]


def test_ownership_passes_on_acceptance_and_a_leader_who_takes_it_stops_leading(hood):
    c = hood.community()  # olga owns it
    point = hood.leader("lily", c)
    resp = hood.staff_c("POST", f"/{c['id']}/owner", json={"user_id": hood.ids["lily"]})
    assert roles(c["id"]) == {hood.ids["olga"]: "owner", hood.ids["lily"]: "leader"}
    hood.accept("lily", resp.json["id"])
    assert roles(c["id"]) == {hood.ids["olga"]: "member", hood.ids["lily"]: "owner"}
    assert owner_of(c["id"]) == hood.ids["lily"]
    points = hood.mp_as("olga", "GET", f"/communities/{c['id']}/pickup-points").json
    assert point["id"] not in [p["id"] for p in points]
    assert code(hood.staff_c("POST", f"/{c['id']}/owner",
                             json={"user_id": hood.ids["lily"]})) == (409, "already_has_role")
