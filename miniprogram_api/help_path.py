"""The help's lean path (miniprogram_api/lean_path.py): POST
/mp/v1/bargains/<id>/helps with a bearer token and no body (or `{}`). It
counts the same rate limits, reads the client's IP (behind the trusted
proxies, as ProxyFix gives it to the view) and `X-Device-Id` as the view
does, calls the same runtime (groupbuy/help_flow.py) and answers in the
same shapes. A bad device id, and a request past its rate limit, go on to
Flask (the 422; the 429 with its Retry-After header): a request refused by
a rate limit was counted under none, so Flask counts it as the lean path
would have."""

from __future__ import annotations

import re

from app import request_meta
from app.errors import RateLimited
from app.ratelimit import IP, USER
from groupbuy.helps import Helper
from miniprogram_api.bargain import help_answer
from miniprogram_api.lean_path import LeanPath

DEVICE_ENVIRON = "HTTP_" + request_meta.DEVICE_HEADER.upper().replace("-", "_")
HELPER = "mall.lean_helper"  # the environ key _parse leaves the helper under


class LeanHelp(LeanPath):
    # at most 18 digits: always within the 64-bit ids check_url_ids allows
    PATH = re.compile(r"/mp/v1/bargains/([1-9][0-9]{0,17})/helps")
    BODY = False

    def plain(self, data) -> bool:
        """No body, or an empty object (the view reads none)."""
        return data == {}

    def _parse(self, environ) -> tuple[int, dict] | None:
        device = environ.get(DEVICE_ENVIRON)
        if not request_meta.valid_device_id(device):
            return None
        parsed = super()._parse(environ)
        if parsed is None:
            return None
        ip = request_meta.ip_of(request_meta.remote_addr(environ,
                                                         self.settings.trusted_proxies))
        try:
            self.app.extensions["mall.ratelimit"].hit_all(
                "bargain_help", [(IP, ip or "-"), (USER, parsed[0])])
        except RateLimited:
            return None
        environ[HELPER] = Helper(parsed[0], ip=ip, device_id=device)
        return parsed

    def serve(self, match, user_id: int, data: dict, environ) -> tuple[int, dict]:
        """201 HelpOut, or the error's JSON."""
        done = self.app.extensions["groupbuy.helps"].help(
            bargain_id=int(match.group(1)), helper=environ.pop(HELPER))
        return 201, help_answer(done)
