"""Community fixtures: a shop (the referral test shop: real APIs, sandbox
payments) with a community made by staff, an owner, leaders with pickup
points, members who joined by invite code, and orders collected at a
point."""

from __future__ import annotations

import pytest

from app.db import transaction
from app.orders.models import Order
from community.models import Pickup
from referral import payout
from tests.referral.conftest import Shop


@pytest.fixture(autouse=True)
def _sandbox_payout():
    old = payout.use(payout.SandboxPayout())
    yield
    payout.use(old)


@pytest.fixture
def sandbox(app):
    from app.payments.setup import provider

    return provider()


class Hood(Shop):
    """A shop with communities, driven through the real APIs."""

    def staff_c(self, method: str, path: str = "", **kw):
        return self.client.open(f"/api/v1/merchants/{self.merchant_id}/communities{path}",
                                method=method, headers=self.staff, **kw)

    def mp_as(self, name: str, method: str, path: str, **kw):
        return self.client.open(f"/mp/v1{path}", method=method, headers=self.login(name), **kw)

    def community(self, owner: str = "olga", name: str = "Maple Court", bps: int = 0) -> dict:
        """Staff make it and invite `owner`, who accepts."""
        self.login(owner)
        resp = self.staff_c("POST", json={"name": name, "owner_id": self.ids[owner],
                                          "leader_commission_bps": bps})
        assert resp.status_code == 201, resp.json
        community = resp.json
        (invitation,) = [i for i in self.invitations(owner)
                         if i["community_id"] == community["id"]]
        self.accept(owner, invitation["id"])
        return {**community, "owner_id": self.ids[owner]}

    def invitations(self, name: str) -> list[dict]:
        resp = self.mp_as(name, "GET", "/community-invitations")
        assert resp.status_code == 200, resp.json
        return resp.json

    def accept(self, name: str, invitation_id: int) -> dict:
        resp = self.mp_as(name, "POST", f"/community-invitations/{invitation_id}/accept")
        assert resp.status_code == 200, resp.json
        return resp.json

    def join(self, name: str, community: dict) -> dict:
        resp = self.mp_as(name, "POST", "/communities/join",
                          json={"invite_code": community["invite_code"]})
        assert resp.status_code == 201, resp.json
        return resp.json

    def leader(self, name: str, community: dict, bps: int | None = None,
               point: str = "Gate 3") -> dict:
        """Invite `name` (who accepts) and give them an open pickup point;
        returns the point."""
        self.login(name)
        cid = community["id"]
        resp = self.staff_c("POST", f"/{cid}/leaders",
                            json={"user_id": self.ids[name], "commission_bps": bps})
        assert resp.status_code == 201, resp.json
        self.accept(name, resp.json["id"])
        resp = self.staff_c("PUT", f"/{cid}/leaders/{self.ids[name]}/pickup-point",
                            json={"name": point, "address": "1 Maple Road",
                                  "opening_hours": "09:00-21:00", "active": True})
        assert resp.status_code == 200, resp.json
        return resp.json

    def pickup_order(self, buyer: str, lines, point: dict) -> int:
        return self.order(buyer, lines, source={"pickup": point["id"]})

    def code_of(self, buyer: str, order_id: int) -> str:
        resp = self.mp_as(buyer, "GET", f"/pickups/{order_id}")
        assert resp.status_code == 200, resp.json
        return resp.json["code"]

    def hand_over(self, leader: str, order_id: int, code: str):
        return self.mp_as(leader, "POST", f"/leader/orders/{order_id}/pickup",
                          json={"code": code})

    def order_row(self, order_id: int) -> Order:
        with transaction() as s:
            return s.get(Order, order_id)

    def pickup_row(self, order_id: int) -> Pickup:
        with transaction() as s:
            return s.get(Pickup, order_id)


@pytest.fixture
def hood(app, client, make, sandbox) -> Hood:
    return Hood(app, client, make, sandbox)
