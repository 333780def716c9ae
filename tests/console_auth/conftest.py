"""Console staff: web credentials for factory users, and signing in."""

from __future__ import annotations

import pytest

from app import clock
from app.console_auth.signin import set_credentials
from app.db import transaction

PASSWORD = "correct-horse-9"


def give_password(make, name: str, password: str = PASSWORD) -> int:
    """The factory user `name` with web login `name` and `password`; their id."""
    uid = make.user(name)
    with transaction() as s:
        set_credentials(s, user_id=uid, login=name, password=password, now=clock.now())
    return uid


def sign_in(client, login: str, password: str = PASSWORD):
    return client.post("/api/v1/console/session", json={"login": login, "password": password})


class Console:
    """A browser's view of the console: a test client with its cookie and CSRF token."""

    def __init__(self, app, make):
        self.app, self.make = app, make

    def staff(self, name: str, role: str = "merchant_owner", scope_id: int = 0):
        """A signed-in test client of a new staff user holding `role`; (client, csrf)."""
        if role:
            self.make.grant(name, role, scope_id)
        give_password(self.make, name)
        client = self.app.test_client()
        resp = sign_in(client, name)
        assert resp.status_code == 200, resp.json
        return client, resp.json["csrf_token"]


@pytest.fixture
def console(app, make) -> Console:
    return Console(app, make)
