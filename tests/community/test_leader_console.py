"""The leader's console workbench API (/api/v1/leader): the communities I
lead with my point and rate, my pick list, and hand-over by code; nothing
of a community I do not lead."""

from __future__ import annotations


def test_a_leader_lists_only_what_they_lead_and_hands_over(hood):
    mine = hood.community("olga", name="Maple Court", bps=300)
    point = hood.leader("lily", mine, bps=500, point="Gate 3")
    other = hood.community("pat", name="Elm Yard")
    hood.leader("mia", other, point="East Gate")
    hood.join("ann", mine)
    _, sku = hood.product(1_280, title="Osmanthus cake")
    order_id = hood.pickup_order("ann", [(sku, 2)], point)
    lily = hood.login("lily")

    led = hood.client.get("/api/v1/leader/communities", headers=lily).json
    assert [(c["id"], c["name"]) for c in led] == [(mine["id"], "Maple Court")]
    assert (led[0]["leader"]["effective_bps"], led[0]["leader"]["point"]["name"]) == (500, "Gate 3")
    assert hood.client.get("/api/v1/leader/communities", headers=hood.login("ann")).json == []

    sheet = hood.client.get(f"/api/v1/leader/communities/{mine['id']}/pick-list", headers=lily)
    assert [(s["title"], s["quantity"]) for s in sheet.json["skus"]] == [("Osmanthus cake", 2)]
    resp = hood.client.get(f"/api/v1/leader/communities/{other['id']}/pick-list", headers=lily)
    assert (resp.status_code, resp.json["error"]["code"]) == (403, "community_forbidden")

    code = hood.code_of("ann", order_id)
    resp = hood.client.post(f"/api/v1/leader/orders/{order_id}/pickup", headers=hood.login("mia"),
                            json={"code": code})
    assert (resp.status_code, resp.json["error"]["code"]) == (404, "pickup_not_found")
    resp = hood.client.post(f"/api/v1/leader/orders/{order_id}/pickup", headers=lily,
                            json={"code": code})
    assert resp.status_code == 200 and resp.json["status"] == "picked_up"
    assert hood.order_row(order_id).status == "received"
