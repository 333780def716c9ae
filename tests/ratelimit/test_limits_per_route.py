"""Each limit, per user and per client IP: the request past it is refused
with 429 `rate_limited` and retry_after, and changes nothing; another user
or another address still passes. Limits are set small per test."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
import requests
from sqlalchemy import func, select

from app import clock
from app.auth.models import User
from app.catalog.models import Sku
from app.coupons.models import UserCoupon
from app.db import transaction
from app.errors import RateLimited
from app.orders.models import Order
from app.ratelimit import limiter
from tests.conftest import iso, stock_of
from tests.live.servers import serve
from tests.ratelimit.conftest import OTHER_IP, assert_refused


def _count(model) -> int:
    with transaction() as s:
        return s.scalar(select(func.count()).select_from(model))


def login(client, code: str, environ=None):
    return client.post("/mp/v1/auth/login", json={"code": code}, environ_base=environ or {})


def test_login_per_person(client, limit):
    limit(**{"login.user": "3/minute"})
    since = time.time()
    assert [login(client, f"alice:{i}").status_code for i in range(3)] == [200] * 3
    refused = login(client, "alice:3")
    assert_refused(refused, 60, since)
    assert "token" not in refused.json
    assert login(client, "bob:1").status_code == 200  # same address, another person


def test_login_per_address_counts_new_accounts(client, limit):
    limit(**{"login.ip": "3/minute"})
    since = time.time()
    assert [login(client, f"new{i}:1").status_code for i in range(3)] == [200] * 3
    assert_refused(login(client, "new3:1"), 60, since)
    assert _count(User) == 3  # refused before the code is even looked at
    assert login(client, "new3:1", OTHER_IP).status_code == 200


def test_a_refused_request_is_not_counted_and_the_window_moves_on(client, limit):
    limit(**{"login.user": "2/second"})
    since = time.time()
    assert [login(client, f"carol:{i}").status_code for i in range(2)] == [200, 200]
    assert assert_refused(login(client, "carol:2"), 1, since) == 1
    time.sleep(1.05)
    assert login(client, "carol:3").status_code == 200


def share(client, headers, product_id, environ=None):
    return client.post("/mp/v1/shares", headers=headers, environ_base=environ or {},
                       json={"kind": "product", "target_id": product_id, "channel": "moments"})


@pytest.fixture
def sku(make) -> int:
    (sku_id,) = make.product(make.merchant("owner"), skus=((1000, 50),))
    return sku_id


@pytest.fixture
def product(sku) -> int:
    with transaction() as s:
        return s.get(Sku, sku).product_id


@pytest.mark.parametrize("scope", ["user", "ip"])
def test_share_creation(client, make, limit, product, scope):
    limit(**{f"share.{scope}": "3/minute"})
    alice, bob = make.login("alice"), make.login("bob")
    since = time.time()
    assert [share(client, alice, product).status_code for _ in range(3)] == [201, 200, 200]
    assert_refused(share(client, alice, product), 60, since)
    other = share(client, bob, product) if scope == "user" else \
        share(client, alice, product, OTHER_IP)
    assert other.status_code in (200, 201)


def order(client, headers, sku, environ=None):
    return client.post("/mp/v1/orders", headers=headers, environ_base=environ or {},
                       json={"lines": [{"sku_id": sku, "quantity": 1}]})


@pytest.mark.parametrize("scope", ["user", "ip"])
def test_order_creation(client, make, limit, sku, scope):
    limit(**{f"order.{scope}": "3/minute"})
    alice, bob = make.login("alice"), make.login("bob")
    since = time.time()
    assert [order(client, alice, sku).status_code for _ in range(3)] == [201] * 3
    assert_refused(order(client, alice, sku), 60, since)
    assert (_count(Order), stock_of(sku)) == (3, 47)  # the refused one took nothing
    other = order(client, bob, sku) if scope == "user" else \
        order(client, alice, sku, OTHER_IP)
    assert other.status_code == 201


@pytest.fixture
def coupon(client, make) -> int:
    merchant = make.merchant("owner")
    staff, url = make.login("owner"), f"/api/v1/merchants/{merchant}/coupons"
    made = client.post(url, headers=staff, json={
        "name": "Five off", "kind": "no_threshold", "amount_fen": 500, "total": 100,
        "per_user_limit": 10, "valid_from": iso(days=-1), "valid_until": iso(days=6)})
    assert made.status_code == 201, made.json
    assert client.post(f"{url}/{made.json['id']}/activate", headers=staff).status_code == 200
    return made.json["id"]


@pytest.mark.parametrize("scope", ["user", "ip"])
def test_coupon_claims(client, make, limit, coupon, scope):
    limit(**{f"coupon_claim.{scope}": "3/minute"})
    alice, bob = make.login("alice"), make.login("bob")
    url = f"/mp/v1/coupons/{coupon}/claim"
    since = time.time()
    assert [client.post(url, headers=alice).status_code for _ in range(3)] == [201] * 3
    assert_refused(client.post(url, headers=alice), 60, since)
    assert _count(UserCoupon) == 3
    other = client.post(url, headers=bob) if scope == "user" else \
        client.post(url, headers=alice, environ_base=OTHER_IP)
    assert other.status_code == 201


def _bargains(client, make, starters: list[str]) -> list[int]:
    """One bargain activity (helpers may help 10 times) and a bargain of each starter."""
    merchant = make.merchant("owner")
    (sku,) = make.product(merchant, skus=((1000, 50),))
    made = client.post(f"/api/v1/merchants/{merchant}/bargain-activities",
                       headers=make.login("owner"), json={
                           "title": "Cut", "sku_id": sku, "start_price_fen": 1000,
                           "floor_price_fen": 100, "helpers_needed": 5, "help_limit": 10,
                           "daily_help_limit": 10,
                           "starts_at": (clock.now() - timedelta(hours=1)).isoformat(),
                           "ends_at": (clock.now() + timedelta(days=3)).isoformat()})
    assert made.status_code == 201, made.json
    url = f"/mp/v1/bargain-activities/{made.json['id']}/bargains"
    started = [client.post(url, headers=make.login(name)) for name in starters]
    assert [r.status_code for r in started] == [201] * len(starters), started[0].json
    return [r.json["id"] for r in started]


@pytest.mark.parametrize("scope", ["user", "ip"])
def test_bargain_helps(client, make, limit, scope):
    limit(**{f"bargain_help.{scope}": "3/minute"})
    bargains = _bargains(client, make, ["s1", "s2", "s3", "s4"])
    helper, other_helper = make.login("helper"), make.login("other")
    since = time.time()
    helped = [client.post(f"/mp/v1/bargains/{b}/helps", headers=helper) for b in bargains[:3]]
    assert [r.status_code for r in helped] == [201] * 3, helped[0].json
    assert_refused(client.post(f"/mp/v1/bargains/{bargains[3]}/helps", headers=helper), 60,
                   since)
    other = client.post(f"/mp/v1/bargains/{bargains[3]}/helps", headers=other_helper) \
        if scope == "user" else client.post(f"/mp/v1/bargains/{bargains[3]}/helps",
                                            headers=helper, environ_base=OTHER_IP)
    assert other.status_code == 201, other.json


@pytest.mark.parametrize("name", ["upload", "staff_login"])
def test_limits_ready_for_uploads_and_staff_sign_in(app, limit, name):
    """No upload endpoint or staff sign-in page yet: their limits are ready."""
    limit(**{f"{name}.user": "3/minute"})
    for _ in range(3):
        limiter().hit(name, "user", 7)
    with pytest.raises(RateLimited) as refused:
        limiter().hit(name, "user", 7)
    assert refused.value.details["retry_after"] in (59, 60)
    limiter().hit(name, "user", 8)  # another user


def test_an_unreadable_or_unknown_limit_setting_refuses_to_start(app):
    from app import create_app
    from app.config import ConfigError

    s = app.extensions["mall.settings"]
    for bad, named in (({"share.user": "lots"}, "RATE_LIMIT_SHARE_USER='lots'"),
                       ({"shares.user": "3/minute"}, "RATE_LIMIT_SHARES_USER names no")):
        with pytest.raises(ConfigError, match=named):
            create_app(database_url=s.database_url, redis_url=s.redis_url,
                       instance_dir=s.instance_dir, secret_key="x", rate_limits=bad)


def test_a_forwarded_address_is_not_believed_without_trusted_proxies(client, limit):
    """TRUSTED_PROXIES=0 (the default): X-Forwarded-For cannot dodge the limit."""
    limit(**{"login.ip": "3/minute"})
    since, codes = time.time(), []
    for i in range(4):
        codes.append(client.post("/mp/v1/auth/login", json={"code": f"x{i}:1"},
                                 headers={"X-Forwarded-For": f"10.0.0.{i}"}))
    assert [r.status_code for r in codes[:3]] == [200] * 3
    assert_refused(codes[3], 60, since)


def test_behind_a_trusted_proxy_each_client_address_counts(app, tmp_path):
    """A real server with TRUSTED_PROXIES=1 counts the address the proxy forwarded."""
    env = {"TRUSTED_PROXIES": "1", "RATE_LIMIT_LOGIN_IP": "2/minute"}
    with serve(app, tmp_path, extra_env=env) as server:
        def login_from(ip: str, n: int) -> int:
            resp = requests.post(server.url + "/mp/v1/auth/login", json={"code": f"p{n}:1"},
                                 headers={"X-Forwarded-For": ip}, timeout=10)
            return resp.status_code
        assert [login_from("203.0.113.7", n) for n in range(3)] == [200, 200, 429]
        assert login_from("203.0.113.8", 3) == 200


def test_the_openapi_document_names_every_limited_route_s_429(client):
    paths = client.get("/openapi.json").json["paths"]
    limited = {("/mp/v1/auth/login", "post"), ("/mp/v1/shares", "post"),
               ("/mp/v1/coupons/{coupon_id}/claim", "post"), ("/mp/v1/orders", "post"),
               ("/mp/v1/bargains/{bargain_id}/helps", "post"),
               ("/mp/v1/bargains/{bargain_id}/buy", "post"),
               ("/mp/v1/groups/{group_id}/join", "post"),
               ("/mp/v1/group-activities/{group_activity_id}/groups", "post"),
               ("/api/v1/console/session", "post"), ("/api/v1/console/login-tickets", "post"),
               ("/mp/v1/uploads", "post"), ("/api/v1/merchants/{merchant_id}/uploads", "post")}
    # other operations may answer 429 with codes of their own (a flash grab's
    # rate, a pickup code's tries); the limits send Retry-After
    documented = {(path, method) for path, ops in paths.items() for method, op in ops.items()
                  if isinstance(op, dict)
                  and "Retry-After" in op.get("responses", {}).get("429", {}).get("headers", {})}
    assert documented == limited
    assert paths["/mp/v1/shares"]["post"]["responses"]["429"]["headers"] == {
        "Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer"}}}


def test_a_request_refused_by_the_user_limit_does_not_use_up_the_address(client, make,
                                                                         limit, product):
    """One user hammering past their own limit from a shared address (a campus
    or carrier NAT) must not lock out the others behind it: the refused
    requests are counted under no limit at all."""  # the address: 2 of alice's and 2 of bob's
    limit(**{"share.user": "2/minute", "share.ip": "4/minute"})
    alice, bob = make.login("alice"), make.login("bob")
    codes = [share(client, alice, product).status_code for _ in range(8)]
    assert codes == [201, 200] + [429] * 6
    assert [share(client, bob, product).status_code for _ in range(2)] == [201, 200]


def test_a_request_refused_by_a_later_limit_of_a_setting_is_not_counted_by_the_first(
        client, make, limit, product):
    """"N/hour;M/minute": a request refused by the minute limit leaves the
    hour's count alone."""
    limit(**{"share.user": "4/hour;2/minute"})
    alice = make.login("alice")
    assert [share(client, alice, product).status_code for _ in range(5)] == \
        [201, 200, 429, 429, 429]
    hour = next(i for i in limiter().items("share", "user") if i.GRANULARITY.seconds == 3600)
    alice_id = client.get("/mp/v1/me", headers=alice).json["id"]
    hour_key = f"ratelimit:{hour.key_for('share', 'user', str(alice_id))}"
    assert limiter().client.llen(hour_key) == 2  # the two answered, of the hour's 4
