"""Rate limits, counted in Redis so every node shares them: the one table of
named limits, each per client IP and per user, written in alisaifee/limits'
notation and kept as its moving windows (a list of timestamps per key),
taken by one script per window on the app's own Redis client: all of a
request's windows in one pipelined round trip.

A request past any of its limits is refused with 429 `rate_limited`,
`details.retry_after` and a `Retry-After` header (whole seconds until the
oldest counted request leaves the window); a refused request is counted
under none of its limits (the windows that took it give it back), except
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
from pathlib import Path

import redis
from flask import current_app, g
from limits import RateLimitItem, parse_many
from redis.exceptions import NoScriptError

from app import request_meta
from app.config import ConfigError
from app.errors import RateLimited
from app.group_commit import Committer, Pending
from app.scripts import Script

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
TAKE = Script(Path(__file__).parent / "lua" / "ratelimit_take.lua")
TAKE_WAIT_S = 5.0  # then the request passes uncounted, as when Redis fails

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
    """Counts hits of (limit, scope, who) in Redis: each a moving window in
    limits' key layout, taken by one script (TAKE) per window."""

    def __init__(self, client: redis.Redis, settings):
        self.client = client
        self.settings = settings
        self._batches = Committer(self._take_batch, name="ratelimit")

    def items(self, name: str, scope: str) -> tuple[RateLimitItem, ...]:
        text = self.settings.rate_limits.get(f"{name}.{scope}") or LIMITS[name][scope]
        return parse(text)

    def hit(self, name: str, scope: str, who: object) -> None:
        """Count one request of `who`; RateLimited when it is one too many."""
        self.hit_all(name, [(scope, who)])

    def hit_all(self, name: str, counted: list[tuple[str, object]]) -> None:
        """Count one request under every (scope, who), or under none: each
        window is taken by its own script (one key each, so a cluster runs
        it), and when any refuses, the windows that counted the request give
        it back (a user past their own limit does not use up the address
        they share with others). The requests of a process that arrive
        together are counted in one pipelined round trip (app.group_commit)."""
        checks = [(item, f"{KEY_PREFIX}:{item.key_for(name, scope, str(who))}")
                  for scope, who in counted for item in self.items(name, scope)]
        if not checks:
            return
        try:
            self._batches.submit((name, checks)).result(timeout=TAKE_WAIT_S)
        except Pending:
            log.warning("rate limit %s not counted: Redis did not answer in time", name)

    def _take_batch(self, requests: list[tuple[str, list]]) -> list:
        """Every window of every request in one round trip; per request None
        (counted) or RateLimited (given back where it was counted)."""
        stamp = f"{time.time():.6f}"
        commands = [TAKE.command([key], [stamp, item.amount, item.get_expiry()])
                    for _, checks in requests for item, key in checks]
        try:
            replies = iter(self._take_all(commands))
        except redis.RedisError:
            log.warning("rate limits %s not counted: Redis failed",
                        sorted({name for name, _ in requests}), exc_info=True)
            return [None] * len(requests)
        answers, give_back = [], []
        for _, checks in requests:
            mine = [(item, key, next(replies)) for item, key in checks]
            refused = [(item, reply) for item, _, reply in mine if reply != 1]
            if not refused:
                answers.append(None)
                continue
            give_back += [key for _, key, reply in mine if reply == 1]
            item, oldest = refused[0]
            frees_at = float(oldest) + item.get_expiry()
            answers.append(RateLimited(max(1, math.ceil(frees_at - float(stamp)))))
        if give_back:
            try:
                self._pipelined([("LREM", key, 1, stamp) for key in give_back])
            except redis.RedisError:
                log.warning("refused requests not given back: Redis failed", exc_info=True)
        return answers

    def _take_all(self, commands: list[tuple]) -> list:
        """The TAKE commands in one round trip (EVALSHA, without redis-py's
        per-pipeline SCRIPT EXISTS); those a new or flushed server did not
        know run again once it has the script."""
        replies = self._pipelined(commands)
        missing = [i for i, reply in enumerate(replies) if isinstance(reply, NoScriptError)]
        if missing:
            TAKE.load(self.client)
            for i, reply in zip(missing, self._pipelined([commands[i] for i in missing]),
                                strict=True):
                replies[i] = reply
        for reply in replies:
            if isinstance(reply, Exception):
                raise reply
        return replies

    def _pipelined(self, commands: list[tuple]) -> list:
        with self.client.pipeline(transaction=False) as pipe:
            for command in commands:
                pipe.execute_command(*command)
            return pipe.execute(raise_on_error=False)


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
