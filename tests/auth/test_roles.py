"""Roles hold only in their own scope; the create-admin command."""

from __future__ import annotations

from app.auth import service
from app.auth.wechat import DevResolver
from app.db import transaction


def test_role_holds_only_in_its_scope(make):
    uid = make.user("carol")
    make.grant("carol", "merchant_operator", 5)
    make.grant("carol", "live_host", 9)
    with transaction() as s:
        assert service.has_role(s, uid, ("merchant_operator",), 5) is True
        assert service.has_role(s, uid, ("merchant_operator",), 6) is False
        assert service.has_role(s, uid, ("merchant_owner",), 5) is False
        assert service.has_role(s, uid, ("live_host",), 9) is True
        assert [(g.role, g.scope_type, g.scope_id) for g in service.roles_of(s, uid)] == [
            ("merchant_operator", "merchant", 5), ("live_host", "room", 9)]


def test_granting_twice_keeps_one_grant(make):
    make.grant("carol", "distributor", 3)
    make.grant("carol", "distributor", 3)
    with transaction() as s:
        assert len(service.roles_of(s, make.user("carol"))) == 1


def test_me_lists_roles(client, make):
    make.grant("dave", "community_leader", 4)
    body = client.get("/mp/v1/me", headers=make.login("dave")).json
    assert body["nickname"] == "dave"
    assert body["roles"] == [{"role": "community_leader", "scope_type": "community",
                              "scope_id": 4}]


def test_create_admin_command(app, client):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["create-admin", "--dev-name", "root"])
    assert result.exit_code == 0, result.output
    assert "is a platform admin" in result.output
    again = runner.invoke(args=["create-admin", "--dev-name", "root"])
    assert again.exit_code == 0
    with transaction() as s:
        from sqlalchemy import select

        from app.auth.models import User

        user = s.scalar(select(User).where(User.openid == DevResolver().resolve("root").openid))
        assert [g.role for g in service.roles_of(s, user.id)] == ["platform_admin"]
    bad = runner.invoke(args=["create-admin"])
    assert bad.exit_code == 2
    missing = runner.invoke(args=["create-admin", "--openid", "nobody"])
    assert missing.exit_code == 1 and "no user with openid nobody" in missing.output


def test_seed_demo_command_is_idempotent(app):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["seed-demo"]).output.strip() == "demo data loaded"
    assert runner.invoke(args=["seed-demo"]).output.strip() == "demo data already present"


def test_login_body_cannot_grant_a_role(client):
    resp = client.post("/mp/v1/auth/login", json={"code": "eve:1", "role": "platform_admin",
                                                   "scope_id": 1})
    assert resp.status_code == 422
    assert resp.json["error"]["details"]["fields"] == {"role": ["Unknown field."],
                                                       "scope_id": ["Unknown field."]}
    resp = client.post("/mp/v1/auth/login", json={"code": "eve:2"})
    me = client.get("/mp/v1/me", headers={"Authorization": f"Bearer {resp.json['token']}"})
    assert me.json["roles"] == []
