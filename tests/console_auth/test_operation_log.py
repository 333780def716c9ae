"""The operation log: one row for each successful staff write, by one hook;
reads, refusals and failures leave none; nothing changes a row."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text

from app import clock
from app.db import transaction

UA = {"User-Agent": "console-test/1"}


def test_every_successful_staff_write_appends_one_exact_row(console, make):
    mid = make.merchant("olga")
    owner, csrf = console.staff("olga", None)
    olga = make.user("olga")
    h = {"X-CSRF-Token": csrf, **UA}
    created = owner.post(f"/api/v1/merchants/{mid}/products", headers=h,
                         json={"title": "Tea", "skus": [{"price_fen": 1000, "stock": 5}]})
    pid = created.json["id"]
    clock.advance(timedelta(minutes=1))
    assert owner.patch(f"/api/v1/merchants/{mid}/products/{pid}", headers=h,
                       json={"title": "Green tea"}).status_code == 200
    assert owner.patch(f"/api/v1/merchants/{mid}/products/{pid}", headers=h,
                       json={"title": ""}).status_code == 422  # refused: no row
    assert owner.get(f"/api/v1/merchants/{mid}/products", headers=h).status_code == 200
    assert owner.post(f"/api/v1/merchants/{mid}/products", headers=UA,
                      json={"title": "x"}).status_code == 403  # no CSRF: no row

    rows = owner.get(f"/api/v1/merchants/{mid}/operation-log").json
    assert rows["meta"] == {"page": 1, "per_page": 20, "total": 2}
    assert [{k: v for k, v in row.items() if k != "id"} for row in rows["items"]] == [
        {"user_id": olga, "merchant_id": mid, "method": "PATCH",
         "endpoint": "staff_catalog.update_product",
         "path": f"/api/v1/merchants/{mid}/products/{pid}", "status": 200,
         "targets": {"product_id": pid}, "ip": "127.0.0.1", "user_agent": "console-test/1",
         "at": (clock.now()).isoformat()},
        {"user_id": olga, "merchant_id": mid, "method": "POST",
         "endpoint": "staff_catalog.create_product",
         "path": f"/api/v1/merchants/{mid}/products", "status": 201, "targets": {},
         "ip": "127.0.0.1", "user_agent": "console-test/1",
         "at": (clock.now() - timedelta(minutes=1)).isoformat()},
    ]


def test_the_log_filters_by_user_and_time(console, make):
    mid = make.merchant("olga")
    owner, csrf = console.staff("olga", None)
    operator, op_csrf = console.staff("oscar", "merchant_operator", mid)
    body = {"title": "Tea", "skus": [{"price_fen": 1000, "stock": 5}]}
    owner.post(f"/api/v1/merchants/{mid}/products", headers={"X-CSRF-Token": csrf}, json=body)
    start = clock.now()
    clock.advance(timedelta(minutes=20))  # within the idle timeout
    operator.post(f"/api/v1/merchants/{mid}/products", headers={"X-CSRF-Token": op_csrf},
                  json=body)
    log = f"/api/v1/merchants/{mid}/operation-log"
    by_oscar = operator.get(log, query_string={"user_id": make.user("oscar")}).json
    assert [r["user_id"] for r in by_oscar["items"]] == [make.user("oscar")]
    first_hour = owner.get(log, query_string={
        "from": start.isoformat(), "to": (start + timedelta(minutes=19)).isoformat()}).json
    assert [r["user_id"] for r in first_hour["items"]] == [make.user("olga")]
    bad = owner.get(log, query_string={"from": clock.now().isoformat(),
                                       "to": start.isoformat()})
    assert bad.status_code == 422 and bad.json["error"]["code"] == "bad_time_range"


def test_no_route_changes_the_log_and_hosts_cannot_read_it(console, make):
    mid = make.merchant("olga")
    owner, csrf = console.staff("olga", None)
    h = {"X-CSRF-Token": csrf}
    for method in ("put", "patch", "delete", "post"):
        resp = getattr(owner, method)(f"/api/v1/merchants/{mid}/operation-log", headers=h)
        assert resp.status_code == 405, method
    assert owner.delete(f"/api/v1/merchants/{mid}/operation-log/1", headers=h).status_code == 404
    host, _ = console.staff("harry", "live_host", 1)
    assert host.get(f"/api/v1/merchants/{mid}/operation-log").status_code == 403


def test_the_database_refuses_to_change_a_row(console, make):
    """A trigger on PostgreSQL and on SQLite alike."""
    mid = make.merchant("olga")
    owner, csrf = console.staff("olga", None)
    owner.post(f"/api/v1/merchants/{mid}/products", headers={"X-CSRF-Token": csrf},
               json={"title": "Tea", "skus": [{"price_fen": 1000, "stock": 5}]})
    for sql in ("UPDATE operation_log SET status = 500", "DELETE FROM operation_log"):
        with pytest.raises(Exception, match="append-only"), transaction() as s:
            s.execute(text(sql))
