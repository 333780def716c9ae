"""Security headers on every answer (app/headers.py): pages, JSON, errors,
static files, the grab's lean path and Socket.IO's polling; no-store on
credentialed JSON; pages free of inline scripts and styles (their CSP
allows none); /docs and /openapi.json off in production unless enabled."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from app.auth import tokens
from app.headers import OTHER_CSP, PAGE_CSP
from tests.live.conftest import room  # noqa: F401 - a fixture
from tests.live.servers import ROOT

ALWAYS = {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
          "Referrer-Policy": "same-origin"}
INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=|\son[a-z]+=", re.I)


def assert_secured(resp, csp: str) -> None:
    for name, value in ALWAYS.items():
        assert resp.headers.get(name) == value, (name, resp.request.path)
    assert resp.headers["Content-Security-Policy"] == csp, resp.request.path
    assert "frame-ancestors 'none'" in csp


@pytest.fixture
def bearer(app, make) -> dict:
    token = tokens.issue(app.extensions["mall.settings"].secret_key, make.user("alice"))
    return {"Authorization": f"Bearer {token}"}


def test_pages_carry_the_page_policy_and_no_inline_code(client, room):  # noqa: F811
    r = room(live=False)  # no in-process socket: made over HTTP only
    for path, status in (("/", 200), ("/docs", 200), (f"/live/{r.id}", 200),
                         ("/s/pNoSuchScene", 404)):
        resp = client.get(path)
        assert (resp.status_code, resp.mimetype) == (status, "text/html"), path
        assert_secured(resp, PAGE_CSP)
        assert INLINE.findall(resp.get_data(as_text=True)) == [], path
        assert "Cache-Control" not in resp.headers


def test_json_answers_and_errors(client, bearer):
    cases = [("get", "/healthz", {}, None, 200),
             ("get", "/mp/v1/products", {}, None, 200),
             ("get", "/openapi.json", {}, None, 200),
             ("get", "/no/such/page", {}, None, 404),
             ("delete", "/mp/v1/products", {}, None, 405),
             ("post", "/mp/v1/auth/login", {}, {}, 422),
             ("get", "/mp/v1/me", {}, None, 401)]
    for method, path, headers, body, status in cases:
        resp = getattr(client, method)(path, headers=headers, json=body)
        assert (resp.status_code, resp.mimetype) == (status, "application/json"), path
        assert_secured(resp, OTHER_CSP)
        assert "Cache-Control" not in resp.headers, path  # nothing private in it


def test_credentialed_json_is_never_stored(client, bearer, make):
    (sku,) = make.product(make.merchant("owner"))
    for method, path, body, status in (
            ("get", "/mp/v1/me", None, 200),
            ("post", "/mp/v1/orders", {"lines": [{"sku_id": sku, "quantity": 1}]}, 201),
            ("get", "/mp/v1/orders/999", None, 404),
            ("post", "/mp/v1/orders", {"lines": []}, 422)):
        resp = getattr(client, method)(path, headers=bearer, json=body)
        assert resp.status_code == status, (path, resp.json)
        assert resp.headers["Cache-Control"] == "no-store", path
        assert_secured(resp, OTHER_CSP)


def test_static_files_images_and_the_lean_grab_path(client, bearer):
    for path, mimetype in (("/static/web/site.css", "text/css"),
                           ("/static/live/live.js", "text/javascript"),
                           ("/static/swagger-ui/swagger-ui.css", "text/css")):
        resp = client.get(path)
        assert (resp.status_code, resp.mimetype) == (200, mimetype), path
        assert_secured(resp, OTHER_CSP)
        resp.close()
    # the plain shape the lean path serves itself (no such sale: its 404)
    grab = client.post("/mp/v1/flashsales/424242/grab", headers=bearer,
                       json={"token": "t0k3n"})
    assert grab.status_code == 404
    assert_secured(grab, OTHER_CSP)
    assert grab.headers["Cache-Control"] == "no-store"


def test_socketio_polling_answers(client):
    resp = client.get("/socket.io/?EIO=4&transport=polling")
    assert resp.status_code == 200
    assert_secured(resp, OTHER_CSP)


PROBE = """
import json, sys
from app import create_app
client = create_app().test_client()
print(json.dumps({"docs": client.get("/docs").status_code,
                  "openapi": client.get("/openapi.json").status_code,
                  "linked": 'href="/docs"' in client.get("/").get_data(as_text=True),
                  "hsts": client.get("/healthz").headers.get("Strict-Transport-Security")}))
"""


def probe(app, tmp_path, **env) -> dict:
    """create_app() in a process of its own (a second app in this one would
    rebind the shared Socket.IO server) with these settings; what it answers."""
    s = app.extensions["mall.settings"]
    run_env = {k: v for k, v in os.environ.items() if k not in ("APP_ENV", "API_DOCS")}
    run_env.update(DATABASE_URL=s.database_url, REDIS_URL=s.redis_url, SECRET_KEY="x",
                   INSTANCE_DIR=str(tmp_path), **env)
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=run_env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


@pytest.mark.parametrize("env,served", [
    ({"APP_ENV": "production"}, False), ({"APP_ENV": "production", "API_DOCS": "on"}, True),
    ({}, True), ({"API_DOCS": "off"}, False)])
def test_docs_only_where_enabled(app, tmp_path, env, served):
    got = probe(app, tmp_path, **env)
    assert (got["docs"], got["openapi"], got["linked"]) == \
        ((200, 200, True) if served else (404, 404, False))


def test_https_sites_add_strict_transport_security(app, tmp_path):
    assert probe(app, tmp_path, PUBLIC_BASE_URL="https://shop.example")["hsts"] == \
        "max-age=31536000"
    assert probe(app, tmp_path)["hsts"] is None
