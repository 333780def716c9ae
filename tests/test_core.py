"""The core's contracts: JSON errors with stable codes, health, the OpenAPI
document and its docs page, money helpers, the clock."""

from __future__ import annotations

import socket
from datetime import UTC, datetime, timedelta

import pytest
import redis
from hypothesis import given
from hypothesis import strategies as st

from app import clock, create_app, money


def test_healthz(client):
    assert client.get("/healthz").json == {"status": "ok", "db": "ok", "redis": "ok"}


@pytest.mark.parametrize("method,path,status,code", [
    ("get", "/no/such/page", 404, "not_found"),
    ("delete", "/mp/v1/products", 405, "method_not_allowed"),
    ("put", "/mp/v1/auth/login", 405, "method_not_allowed"),
])
def test_http_errors_have_the_json_shape(client, method, path, status, code):
    resp = getattr(client, method)(path)
    assert resp.status_code == status
    assert resp.json["error"]["code"] == code
    assert set(resp.json["error"]) == {"code", "message", "details"}


def test_malformed_json_and_wrong_types(client):
    resp = client.post("/mp/v1/auth/login", data="{not json", content_type="application/json")
    assert (resp.status_code, resp.json["error"]["code"]) == (400, "malformed_json")
    resp = client.post("/mp/v1/auth/login", json={"code": 12})
    assert resp.status_code == 422
    assert resp.json["error"]["details"] == {"fields": {"code": ["Not a valid string."]}}
    resp = client.post("/mp/v1/auth/login", json={})
    assert resp.json["error"]["details"] == {"fields": {"code": ["Missing data for required "
                                                                 "field."]}}


def test_oversized_body_is_refused(client):
    resp = client.post("/mp/v1/auth/login", data="x" * (1024 * 1024 + 1),
                       content_type="application/json")
    assert (resp.status_code, resp.json["error"]["code"]) == (413, "payload_too_large")


def test_unexpected_errors_are_json_500_without_internals(app):
    s = app.extensions["mall.settings"]
    other = create_app(database_url=s.database_url, redis_url=s.redis_url,
                       instance_dir=s.instance_dir, secret_key="x")

    @other.get("/boom-test")
    def boom():
        raise RuntimeError("secret internals")

    resp = other.test_client().get("/boom-test")
    assert resp.status_code == 500
    assert resp.json == {"error": {"code": "internal_error", "details": {},
                                   "message": "Something went wrong on our side."}}


def test_openapi_document_is_generated_from_the_schemas(client):
    spec = client.get("/openapi.json").json
    assert spec["openapi"] == "3.0.3"
    assert spec["info"]["title"] == "Live & social commerce API"
    login = spec["paths"]["/mp/v1/auth/login"]["post"]
    assert login["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/LoginIn"}
    assert spec["components"]["schemas"]["LoginIn"]["required"] == ["code"]
    assert spec["components"]["schemas"]["LoginIn"]["additionalProperties"] is False
    assert "session_key" not in str(spec)
    order = spec["paths"]["/mp/v1/orders"]["post"]
    assert order["security"] == [{"bearerAuth": []}]
    assert "security" not in spec["paths"]["/mp/v1/products"]["get"]
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"


def test_docs_page_uses_local_assets(client):
    html = client.get("/docs").get_data(as_text=True)
    assert '<script src="/static/swagger-ui/swagger-ui-bundle.js">' in html
    assert "//" not in html.split("swagger-ui-bundle.js")[0].split("<script src=")[-1]
    js = client.get("/static/swagger-ui/swagger-ui-bundle.js")
    assert js.status_code == 200 and len(js.data) > 100_000


def test_money_helpers():
    assert money.apply_bps(9999, 1000) == 999
    assert money.apply_bps(9999, 500) == 499
    assert money.yuan(123456) == "1234.56"
    assert money.yuan(-5) == "-0.05"
    assert money.check_fen(0) == 0
    for bad in (1.5, True, "1"):
        with pytest.raises(TypeError):
            money.check_fen(bad)
    for bad in (-1, money.MAX_FEN + 1):
        with pytest.raises(ValueError):
            money.check_fen(bad)
    with pytest.raises(ValueError):
        money.check_fen(0, allow_zero=False)


@given(st.integers(0, 10**10), st.lists(st.integers(1, 10**6), min_size=1, max_size=20))
def test_split_proportional_sums_exactly(total, weights):
    parts = money.split_proportional(total, weights)
    assert sum(parts) == total
    assert all(p >= 0 for p in parts)
    assert all(p == total * w // sum(weights) for p, w in zip(parts[:-1], weights, strict=False))


def test_clock_is_aware_utc_and_movable():
    clock.reset()
    assert clock.now().tzinfo is not None
    at = datetime(2030, 1, 1, tzinfo=UTC)
    clock.freeze(at)
    clock.advance(timedelta(minutes=5))
    assert clock.now() == at + timedelta(minutes=5)
    assert clock.as_utc(datetime(2030, 1, 1)) == at


def test_insert_ignore_says_whether_it_inserted(make):
    from app.db import insert_ignore, transaction
    from app.payments.models import PaymentNotice

    values = {"notice_id": "n-1", "event_type": "TRANSACTION.SUCCESS", "outcome": "credited",
              "received_at": clock.now()}
    with transaction() as s:
        assert insert_ignore(s, PaymentNotice, **values) is True
    with transaction() as s:
        assert insert_ignore(s, PaymentNotice, **values) is False


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_healthz_says_which_part_is_down_with_503(app, tmp_path, monkeypatch):
    """A Redis that refuses connections and a database file that cannot be
    opened: 503 degraded naming each, never internal_error."""
    monkeypatch.setenv("REDIS_URL", f"redis://127.0.0.1:{_closed_port()}/0")
    down = create_app(database_url=f"sqlite:///{tmp_path}/missing/dir/x.db",
                      instance_dir=str(tmp_path), testing=True, secret_key="k")
    resp = down.test_client().get("/healthz")
    assert (resp.status_code, resp.json) == (
        503, {"status": "degraded", "db": "down", "redis": "down"})


def test_healthz_with_only_redis_down(app, monkeypatch):
    closed = f"redis://127.0.0.1:{_closed_port()}/0"
    monkeypatch.setitem(app.extensions, "mall.redis_probe",
                        redis.Redis.from_url(closed, socket_timeout=2))
    resp = app.test_client().get("/healthz")
    assert (resp.status_code, resp.json) == (
        503, {"status": "degraded", "db": "ok", "redis": "down"})
