"""The first platform admin from the command line, and the demo's console logins."""

from __future__ import annotations

from app import clock, demo
from app.db import transaction
from tests.console_auth.conftest import sign_in


def test_create_admin_with_a_console_login(app, client):
    runner = app.test_cli_runner()
    weak = runner.invoke(args=["create-admin", "--login", "root", "--password", "12345678"])
    assert weak.exit_code != 0 and "at least 8 characters" in weak.output
    result = runner.invoke(args=["create-admin", "--login", "root"],
                           input="root-pass-2026\nroot-pass-2026\n")
    assert result.exit_code == 0, result.output
    resp = sign_in(client, "root", "root-pass-2026")
    assert resp.status_code == 200 and resp.json["permissions"][-1] == "platform"
    both = runner.invoke(args=["create-admin", "--login", "x", "--dev-name", "y"])
    assert both.exit_code == 2


def test_the_demo_staff_sign_in_with_the_documented_password(app):
    with transaction() as s:
        assert demo.seed(s, clock.now())
    with transaction() as s:
        assert not demo.seed(s, clock.now())  # a second run adds nothing
    owner, admin, host = (sign_in(app.test_client(), login, "demo-pass-2026")
                          for login in ("owner", "admin", "host"))
    assert [r["role"] for r in owner.json["roles"]] == ["merchant_owner"]
    assert owner.json["merchants"][0]["name"] == "Demo Tea House"
    assert "platform" in admin.json["permissions"]
    assert [r["role"] for r in host.json["roles"]] == ["merchant_operator"]
