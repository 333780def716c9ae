"""Tokens carry the user's token version; POST /mp/v1/auth/logout-all bumps
it. Every older token is then refused (401 `token_revoked`) on HTTP and at
Socket.IO connects, in process and on a real server over the network; a
new login works. Sockets read the token from the auth payload only."""

from __future__ import annotations

import pytest
import socketio as sio_lib

from app.auth import tokens
from app.socketio import socketio
from tests.live.servers import serve, socket_client

REFUSED = {"code": "token_revoked", "message": "The token was signed out; log in again."}


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def login(client, code: str) -> str:
    resp = client.post("/mp/v1/auth/login", json={"code": code})
    assert resp.status_code == 200, resp.json
    return resp.json["token"]


@pytest.fixture
def signed_out(client):
    """alice signed in on two devices, then signed out everywhere from the
    first: (first, second, a token from a login afterwards)."""
    first, second = login(client, "alice:1"), login(client, "alice:2")
    assert client.get("/mp/v1/me", headers=bearer(second)).status_code == 200
    resp = client.post("/mp/v1/auth/logout-all", headers=bearer(first))
    assert (resp.status_code, resp.data) == (204, b"")
    return first, second, login(client, "alice:3")


def test_old_tokens_are_refused_on_http_and_a_new_login_works(client, signed_out):
    first, second, fresh = signed_out
    for old in (first, second):
        for resp in (client.get("/mp/v1/me", headers=bearer(old)),
                     client.post("/mp/v1/orders", headers=bearer(old),
                                 json={"lines": [{"sku_id": 1, "quantity": 1}]}),
                     client.post("/mp/v1/auth/logout-all", headers=bearer(old))):
            assert (resp.status_code, resp.json) == (401, {"error": {**REFUSED,
                                                                      "details": {}}})
    assert client.get("/mp/v1/me", headers=bearer(fresh)).status_code == 200


def test_each_sign_out_revokes_the_tokens_before_it(client, app):
    tokens_seen = []
    for n in range(3):
        token = login(client, f"bob:{n}")
        tokens_seen.append(token)
        assert client.post("/mp/v1/auth/logout-all", headers=bearer(token)).status_code == 204
    secret = app.extensions["mall.settings"].secret_key
    assert [tokens.claims(secret, t, 60)[1] for t in tokens_seen] == [0, 1, 2]
    assert all(client.get("/mp/v1/me", headers=bearer(t)).status_code == 401
               for t in tokens_seen)


def test_a_token_from_before_versions_counts_as_version_0(client, app, make):
    from itsdangerous import URLSafeTimedSerializer

    uid = make.user("carol")
    legacy = URLSafeTimedSerializer("test-secret", salt=tokens.SALT).dumps({"uid": uid})
    assert client.get("/mp/v1/me", headers=bearer(legacy)).status_code == 200
    assert client.post("/mp/v1/auth/logout-all", headers=bearer(legacy)).status_code == 204
    assert client.get("/mp/v1/me", headers=bearer(legacy)).status_code == 401


@pytest.mark.parametrize("namespace", ["/", "/live"])
def test_sockets_refuse_revoked_and_expired_tokens(app, signed_out, namespace, monkeypatch):
    first, second, fresh = signed_out
    for old in (first, second):
        assert not socketio.test_client(app, namespace=namespace,
                                        auth={"token": old}).is_connected(namespace)
    ok = socketio.test_client(app, namespace=namespace, auth={"token": fresh})
    assert ok.is_connected(namespace)
    ok.disconnect(namespace=namespace)
    monkeypatch.setattr(app.extensions["mall.settings"], "token_max_age_s", -1)
    assert not socketio.test_client(app, namespace=namespace,
                                    auth={"token": fresh}).is_connected(namespace)


def _connect(url: str, namespace: str, auth=None, query: str = "") -> tuple[bool, object]:
    """Connect a python-socketio client over the network: (connected, refusal data)."""
    client, refused = socket_client(reconnection=False), []
    client.on("connect_error", refused.append, namespace=namespace)
    try:
        client.connect(url + query, namespaces=[namespace], transports=["websocket"],
                       auth=auth, wait_timeout=10)
    except sio_lib.exceptions.ConnectionError:
        return False, refused[0] if refused else None
    connected = client.connected
    client.disconnect()
    return connected, None


def test_a_real_server_refuses_old_tokens_and_ignores_the_query_string(app, tmp_path,
                                                                       signed_out):
    first, _second, fresh = signed_out
    with serve(app, tmp_path) as server:
        for namespace in ("/", "/live"):
            assert _connect(server.url, namespace, {"token": first}) == \
                (False, {"message": REFUSED["message"],
                         "data": REFUSED}), namespace
            assert _connect(server.url, namespace, {"token": fresh}) == (True, None)
            # the query string is not read: a token there is no credential and
            # no refusal; the socket is a guest's
            assert _connect(server.url, namespace, query=f"?token={first}") == (True, None)
