"""Rate limits, counted in Redis so every node shares them: the one table of
named limits, each per client IP and per user, kept by alisaifee/limits'
moving window on the app's own Redis connection pool.

A request past any of its limits is refused with 429 `rate_limited`,
`details.retry_after` and a `Retry-After` header (whole seconds until the
oldest counted request leaves the window); a refused request is counted
under none of its limits (all are tested before any is counted), except
that the login counts its address before the code names the person. Each
limit is a setting, RATE_LIMIT_<NAME>_<SCOPE> (for example
RATE_LIMIT_SHARE_USER=30/minute), in limits' notation: "N/second|minute|
hour|day", several joined by ";", or "off". When Redis fails the request
passes (logged): an outage of the counter never locks everyone out.
"""

from __future__ import annotations

import logging
import math
import time
from copy import deepcopy
from functools import lru_cache, wraps

import redis
from flask import current_app, g
from limits import RateLimitItem, parse_many
from limits.storage import RedisClusterStorage, RedisStorage
from limits.strategies import MovingWindowRateLimiter

from app import request_meta
from app.config import ConfigError, is_cluster
from app.errors import RateLimited

log = logging.getLogger(__name__)

USER, IP = "user", "ip"
# name: {scope: default}. "upload" is ready for the upload endpoint;
# "staff_login" counts console sign-ins per login and per IP.
LIMITS: dict[str, dict[str, str]] = {
    "login": {USER: "10/minute", IP: "60/minute"},
    "staff_login": {USER: "10/minute", IP: "30/minute"},
    "share": {USER: "30/minute", IP: "120/minute"},
    "coupon_claim": {USER: "30/minute", IP: "120/minute"},
    "bargain_help": {USER: "20/minute", IP: "60/minute"},
    "order": {USER: "20/minute", IP: "120/minute"},
    "upload": {USER: "30/minute", IP: "120/minute"},
    "console_ticket": {USER: "30/minute", IP: "30/minute"},
}
OFF = "off"
KEY_PREFIX = "ratelimit"  # every counter's Redis key starts with "ratelimit:"

TOO_MANY_DOC = {
    "description": "Too many requests: `rate_limited`, `details.retry_after` in seconds.",
    "headers": {"Retry-After": {"description": "Seconds to wait.",
                                "schema": {"type": "integer"}}},
}


def setting_name(name: str, scope: str) -> str:
    return f"RATE_LIMIT_{name.upper()}_{scope.upper()}"


@lru_cache(maxsize=256)
def parse(text: str) -> tuple[RateLimitItem, ...]:
    """A setting's limits; () for "off"; ValueError when it cannot be read."""
    if text.strip().lower() == OFF:
        return ()
    return tuple(parse_many(text))


def check_settings(overrides: dict[str, str]) -> None:
    """Refuse to start with a limit setting that names no limit or cannot be read."""
    bad = []
    for key, text in overrides.items():
        name, _, scope = key.partition(".")
        if scope not in LIMITS.get(name, {}):
            bad.append(f"{setting_name(name, scope)} names no rate limit")
            continue
        try:
            parse(text)
        except ValueError:
            bad.append(f"{setting_name(name, scope)}={text!r} is not like 10/minute")
    if bad:
        raise ConfigError(bad)


class Limiter:
    """Counts hits of (limit, scope, who) in Redis."""

    def __init__(self, client: redis.Redis, settings):
        self.settings = settings
        if is_cluster(settings.redis_url):  # a cluster client of its own (limits' storage)
            storage = RedisClusterStorage(settings.redis_url, key_prefix=KEY_PREFIX)
        else:
            storage = RedisStorage("redis://", connection_pool=client.connection_pool,
                                   key_prefix=KEY_PREFIX)
        self.window = MovingWindowRateLimiter(storage)

    def items(self, name: str, scope: str) -> tuple[RateLimitItem, ...]:
        text = self.settings.rate_limits.get(f"{name}.{scope}") or LIMITS[name][scope]
        return parse(text)

    def hit(self, name: str, scope: str, who: object) -> None:
        """Count one request of `who`; RateLimited when it is one too many."""
        self.hit_all(name, [(scope, who)])

    def hit_all(self, name: str, counted: list[tuple[str, object]]) -> None:
        """Count one request under every (scope, who) at once, or under none:
        each limit is tested first, and only a request within all of them is
        counted (a user past their own limit does not use up the address
        they share with others). Racing requests may both pass the test;
        the counting hit, one script each, still refuses the one too many
        (the limits counted before it in that request stay counted)."""
        checks = [(item, scope, str(who)) for scope, who in counted
                  for item in self.items(name, scope)]
        try:
            if len(checks) == 1:  # one limit: its hit alone refuses without counting
                item, scope, who = checks[0]
                if not self.window.hit(item, name, scope, who):
                    self._refuse(item, name, scope, who)
                return
            for item, scope, who in checks:
                if not self.window.test(item, name, scope, who):
                    self._refuse(item, name, scope, who)
            for item, scope, who in checks:
                if not self.window.hit(item, name, scope, who):
                    self._refuse(item, name, scope, who)
        except redis.RedisError:
            log.warning("rate limit %s not counted: Redis failed", name, exc_info=True)

    def _refuse(self, item: RateLimitItem, name: str, scope: str, who: str) -> None:
        reset, _ = self.window.get_window_stats(item, name, scope, who)
        raise RateLimited(max(1, math.ceil(reset - time.time())))


def install(app) -> None:
    settings = app.extensions["mall.settings"]
    check_settings(settings.rate_limits)
    app.extensions["mall.ratelimit"] = Limiter(app.extensions["mall.redis"], settings)


def limiter() -> Limiter:
    return current_app.extensions["mall.ratelimit"]


def count_user(name: str, user_id: int) -> None:
    limiter().hit(name, USER, user_id)


def limited(name: str):
    """View decorator: count the request under `name` per client IP, then per
    user when signed in (put it under login_required)."""
    if name not in LIMITS:  # fails at import, not at the first request
        raise KeyError(f"no rate limit named {name!r}")

    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            counted = [(IP, request_meta.client_ip() or "-")]
            if (user_id := g.get("user_id")) is not None:
                counted.append((USER, user_id))
            limiter().hit_all(name, counted)
            return view(*args, **kwargs)
        # flask-smorest reads _apidoc: the operation documents its 429
        wrapper._apidoc = deepcopy(getattr(view, "_apidoc", {}))
        wrapper._apidoc.setdefault("manual_doc", {}).setdefault("responses", {})["429"] = \
            TOO_MANY_DOC
        return wrapper
    return decorate
