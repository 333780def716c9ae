"""Resolving a wx.login code to an identity: WeChat's code2session over HTTP
when WECHAT_APPID/SECRET are set, else a development resolver.

Development codes look like `alice` or `alice:2`: the part before the first
colon names the person, so each fresh code of one person maps to the same
stable fake openid.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass

import requests

from app.auth.errors import (
    CodeUsed,
    InvalidCode,
    UserBlocked,
    WeChatError,
    WeChatRateLimited,
    WeChatUnavailable,
)

CODE_RE = re.compile(r"^[A-Za-z0-9_\-:.]{1,128}$")

# code2session errcode -> our error
ERRCODES = {
    40029: InvalidCode,
    40163: CodeUsed,
    45011: WeChatRateLimited,
    40226: UserBlocked,
    -1: WeChatUnavailable,
}


@dataclass(frozen=True)
class Identity:
    openid: str
    unionid: str | None
    session_key: str


def check_code_format(code: str) -> None:
    if not CODE_RE.match(code):
        raise InvalidCode()


class DevResolver:
    def resolve(self, code: str) -> Identity:
        person = code.split(":", 1)[0]
        if not person:
            raise InvalidCode()
        digest = hashlib.sha256(person.encode()).hexdigest()[:24]
        return Identity(openid=f"dev_{digest}", unionid=None,
                        session_key=secrets.token_urlsafe(18))


class WeChatResolver:
    def __init__(self, appid: str, secret: str, base_url: str, timeout_s: float = 5.0):
        self.appid, self.secret = appid, secret
        self.url = base_url.rstrip("/") + "/sns/jscode2session"
        self.timeout_s = timeout_s

    def resolve(self, code: str) -> Identity:
        params = {"appid": self.appid, "secret": self.secret, "js_code": code,
                  "grant_type": "authorization_code"}
        try:
            resp = requests.get(self.url, params=params, timeout=self.timeout_s)
            data = resp.json()
        except (requests.RequestException, ValueError) as exc:
            raise WeChatUnavailable() from exc
        if not isinstance(data, dict):
            raise WeChatUnavailable()
        errcode = data.get("errcode") or 0
        if errcode:
            err = ERRCODES.get(errcode)
            if err is None:
                raise WeChatError(f"WeChat answered errcode {errcode}.",
                                  details={"errcode": errcode})
            raise err(details={"errcode": errcode})
        if not data.get("openid") or not data.get("session_key"):
            raise WeChatError("WeChat gave no openid.")
        return Identity(openid=data["openid"], unionid=data.get("unionid"),
                        session_key=data["session_key"])
