"""Kuaidi100's push service (快递100 订阅推送), in its own format.

Subscribe: POST the poll URL, application/x-www-form-urlencoded, with
`schema=json` and `param` = JSON {company, number, key, parameters:
{callbackurl, salt, resultv2}}; it answers {result, returnCode, message}
(200 accepted, 501 already subscribed: both fine).

Push: POST to our callback URL, form fields `param` (JSON: status, message,
lastResult {state, ischeck, com, nu, data: [{time, ftime, context, status,
areaName, ...}] newest first, the whole waybill each time}) and `sign` =
MD5(param + salt), upper-case hex. We answer {"result": true, "returnCode":
"200", "message": "成功"}; anything else makes Kuaidi100 send it again.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Mapping
from urllib.parse import parse_qs

import requests

from app import json_object
from app.shipping import carriers
from app.tracking import rules
from app.tracking.errors import MalformedPush, ProviderError, ProviderUnavailable, PushBadSignature
from app.tracking.provider import MAX_EVENTS, Push, event

POLL_URL = "https://poll.kuaidi100.com/poll"
ACCEPTED = ("200", "501")  # subscribed; already subscribed
TIMEOUT_S = 10


class Kuaidi100:
    name = "kuaidi100"
    ack = {"result": True, "returnCode": "200", "message": "成功"}

    def __init__(self, *, key: str, salt: str, callback_url: str, poll_url: str = POLL_URL,
                 customer: str = ""):
        self.key, self.salt, self.callback_url = key, salt, callback_url
        self.poll_url = poll_url
        self.customer = customer  # the real-time query API's id; the push service needs none

    def subscribe_form(self, carrier: carriers.Carrier, tracking_no: str,
                       phone: str = "") -> dict[str, str]:
        """The subscribe request's form fields, exactly as Kuaidi100 documents them;
        `parameters.phone` (the recipient's, required for SF waybills) when known."""
        parameters = {"callbackurl": self.callback_url, "salt": self.salt, "resultv2": "1"}
        if phone:
            parameters["phone"] = phone
        param = {"company": carrier.kuaidi100, "number": tracking_no, "key": self.key,
                 "parameters": parameters}
        return {"schema": "json",
                "param": json.dumps(param, ensure_ascii=False, separators=(",", ":"))}

    def subscribe(self, carrier: carriers.Carrier, tracking_no: str, phone: str = "") -> None:
        try:
            resp = requests.post(self.poll_url,
                                 data=self.subscribe_form(carrier, tracking_no, phone),
                                 timeout=TIMEOUT_S)
        except requests.RequestException as exc:
            raise ProviderUnavailable(details={"error": type(exc).__name__}) from exc
        try:
            answer = resp.json()
        except ValueError as exc:  # requests' JSONDecodeError is one
            raise ProviderError(details={"status": resp.status_code}) from exc
        answer = answer if isinstance(answer, dict) else {}
        code = str(answer.get("returnCode", ""))
        if code not in ACCEPTED:
            message = str(answer.get("message", ""))[:200]
            raise ProviderError(f"Kuaidi100 refused the subscription: {code[:8]} {message}",
                                details={"return_code": code[:8], "message": message})

    def parse_push(self, headers: Mapping[str, str], body: bytes) -> Push:
        param, sign = _form(body)
        if not hmac.compare_digest(rules.kuaidi100_sign(param, self.salt).encode(),
                                   sign.strip().upper().encode()):
            raise PushBadSignature()
        return _push(json_object.parse(param, MalformedPush))


def _form(body: bytes) -> tuple[str, str]:
    try:
        form = parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=20)
    except (UnicodeDecodeError, ValueError) as exc:
        raise MalformedPush() from exc
    param, sign = form.get("param", []), form.get("sign", [])
    if len(param) != 1 or len(sign) != 1:
        raise MalformedPush(details={"fields": ["param", "sign"]})
    return param[0], sign[0]


def _push(data: dict) -> Push:
    last = data.get("lastResult")
    if not isinstance(last, dict) or not all(
            isinstance(last.get(k), str) for k in ("com", "nu", "state")) or \
            not isinstance(last.get("data"), list):
        raise MalformedPush(details={"field": "lastResult"})
    carrier = carriers.BY_KUAIDI100.get(last["com"])
    events = tuple(_event(item) for item in last["data"][:MAX_EVENTS])
    return Push(carrier=carrier.code if carrier else None,
                tracking_no=carriers.normalise(last["nu"]),
                state=rules.kuaidi100_state(last["state"]), events=events)


def _event(item: object):
    if not isinstance(item, dict) or not isinstance(item.get("time"), str) or \
            not isinstance(item.get("context"), str):
        raise MalformedPush(details={"field": "lastResult.data"})
    try:
        at = rules.kuaidi100_time(item["time"])
    except ValueError as exc:
        raise MalformedPush(details={"field": "lastResult.data.time"}) from exc
    state = item.get("status") if isinstance(item.get("status"), str) else ""
    area = item.get("areaName") if isinstance(item.get("areaName"), str) else ""
    return event(at, item["context"], rules.KUAIDI100_NAMES.get(state, ""), area)
