"""A local logistics provider for development, tests and the demo. It keeps
each subscribed waybill's timeline in Redis, moves it on when asked
(collected, in transit, out for delivery, signed), and pushes the whole
timeline, signed with HMAC-SHA256 under a key it generated once under the
instance directory (shared by the web server and the worker), to the same
verification path a real provider's pushes take.

Push: POST JSON {carrier, tracking_no, state, events: [{time, state,
context, location}] newest first}, header `X-Tracking-Signature:
sha256=<hex HMAC of the body>`."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

import requests

from app.private_files import read_or_create
from app.shipping import carriers
from app.tracking import keys, rules
from app.tracking.errors import MalformedPush, PushBadSignature
from app.tracking.provider import MAX_EVENTS, Push, event

SIGNATURE_HEADER = "X-Tracking-Signature"
KEY_FILE = "tracking-sandbox.key"
TIMELINE_TTL_S = 90 * 24 * 3600
# the sandbox's waybill, one step at a time: (state, context, location)
STEPS = (
    (rules.COLLECTED, "快件已由【深圳南山科技园营业点】揽收", "广东省深圳市南山区"),
    (rules.IN_TRANSIT, "快件已到达【上海转运中心】，正发往【上海浦东营业点】", "上海市"),
    (rules.OUT_FOR_DELIVERY, "快件正在派送中，派送员：王师傅，电话 138****0000",
     "上海市浦东新区"),
    (rules.SIGNED, "快件已签收，签收人：本人", "上海市浦东新区"),
)
STEP_STATES = tuple(state for state, _, _ in STEPS)


def load_key(instance_dir: str) -> bytes:
    """Made once (0600 in the 0700 instance directory); every process reads it."""
    return read_or_create(Path(instance_dir) / KEY_FILE,
                          lambda: secrets.token_hex(32).encode()).strip()


class TrackingSandbox:
    name = "sandbox"
    ack = {"result": True, "returnCode": "200", "message": "成功"}

    def __init__(self, key: bytes, redis, notify_url: str):
        self.key, self.redis, self.notify_url = key, redis, notify_url

    # -- the provider interface ------------------------------------------
    def subscribe(self, carrier: carriers.Carrier, tracking_no: str, phone: str = "") -> None:
        self.redis.set(keys.sandbox_subscribed(carrier.code, tracking_no), self.notify_url,
                       ex=TIMELINE_TTL_S)

    def parse_push(self, headers: Mapping[str, str], body: bytes) -> Push:
        given = (headers.get(SIGNATURE_HEADER) or "").encode("ascii", "replace")
        if not hmac.compare_digest(self.sign(body).encode(), given):
            raise PushBadSignature()
        try:
            data = json.loads(body)
        except (ValueError, RecursionError) as exc:
            raise MalformedPush() from exc
        if not isinstance(data, dict) or not all(
                isinstance(data.get(k), str) for k in ("carrier", "tracking_no", "state")) or \
                not isinstance(data.get("events"), list):
            raise MalformedPush()
        return Push(carrier=data["carrier"] if data["carrier"] in carriers.BY_CODE else None,
                    tracking_no=data["tracking_no"],
                    state=data["state"] if data["state"] in rules.STATES else "",
                    events=tuple(_event(item) for item in data["events"][:MAX_EVENTS]))

    # -- playing the carrier ----------------------------------------------
    def subscribed(self, carrier: str, tracking_no: str) -> bool:
        return bool(self.redis.exists(keys.sandbox_subscribed(carrier, tracking_no)))

    def advance(self, carrier: str, tracking_no: str, now: datetime,
                to: str | None = None) -> tuple[dict, bytes]:
        """The waybill's next step (or every step up to `to`), at `now`;
        returns the signed push of the whole timeline."""
        key = keys.sandbox_timeline(carrier, tracking_no)
        done = self.redis.llen(key)
        last = STEP_STATES.index(to) + 1 if to else done + 1
        for state, context, location in STEPS[done:last]:
            self.redis.rpush(key, json.dumps({"time": now.isoformat(), "state": state,
                                              "context": context, "location": location},
                                             ensure_ascii=False))
        self.redis.expire(key, TIMELINE_TTL_S)
        return self.push(carrier, tracking_no)

    def push(self, carrier: str, tracking_no: str) -> tuple[dict, bytes]:
        """Headers and body of the signed push of the timeline so far."""
        items = [json.loads(raw) for raw in
                 self.redis.lrange(keys.sandbox_timeline(carrier, tracking_no), 0, -1)]
        body = json.dumps({"carrier": carrier, "tracking_no": tracking_no,
                           "state": items[-1]["state"] if items else "",
                           "events": items[::-1]}, ensure_ascii=False).encode()
        return {SIGNATURE_HEADER: self.sign(body), "Content-Type": "application/json"}, body

    def sign(self, body: bytes) -> str:
        return "sha256=" + hmac.new(self.key, body, hashlib.sha256).hexdigest()

    def deliver(self, headers: dict, body: bytes) -> int:
        """POST a push to the notify URL, as a provider would; raises on a non-2xx."""
        resp = requests.post(self.notify_url, data=body, headers=headers, timeout=10)
        resp.raise_for_status()
        return resp.status_code


def _event(item: object):
    if not isinstance(item, dict) or not all(
            isinstance(item.get(k), str) for k in ("time", "state", "context")):
        raise MalformedPush(details={"field": "events"})
    try:
        at = datetime.fromisoformat(item["time"])
    except ValueError as exc:
        raise MalformedPush(details={"field": "events.time"}) from exc
    if at.tzinfo is None:
        raise MalformedPush(details={"field": "events.time"})
    location = item.get("location") if isinstance(item.get("location"), str) else ""
    state = item["state"] if item["state"] in rules.STATES else ""
    return event(at, item["context"], state, location)
