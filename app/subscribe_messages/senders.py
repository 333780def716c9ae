"""Who delivers a message: WeChat's subscribe-message API when WeChat is
configured and the event has a template, else the log sender (logs; the
message row is the record).

WeChat answers: errcode 0 sent; 43101 the user has no subscription left
there (refused); 40001/42001/40014 a bad or expired access token (dropped,
fetched again, the send tried once more); anything else an error. A network
failure or a 5xx is `retry`: the delivery job decides what happens next."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import redis
import requests

from app.subscribe_messages import keys

log = logging.getLogger(__name__)

REFUSED = 43101
TOKEN_ERRORS = frozenset({40001, 42001, 40014})
TOKEN_MARGIN_S = 300  # drop a cached token this long before WeChat expires it


@dataclass(frozen=True)
class Outgoing:
    message_id: int
    openid: str
    event: str
    template_id: str | None
    page: str
    data: dict  # {key: {"value": text}}
    attempts: int


@dataclass(frozen=True)
class Outcome:
    status: str  # "sent", "refused", "error", "retry"
    sender: str
    errcode: int | None = None


class LogSender:
    name = "log"

    def send(self, out: Outgoing) -> Outcome:
        log.info("subscribe message %s (%s) to %s: %s %s", out.event, out.template_id,
                 out.openid, out.page, out.data)
        return Outcome("sent", self.name)


class TokenUnavailable(Exception):
    pass


class AccessTokens:
    """The app's access token, cached in Redis until shortly before it
    expires; one process at a time fetches a new one (a Redis lock)."""

    def __init__(self, r: redis.Redis, *, appid: str, secret: str, base_url: str,
                 timeout_s: float = 5.0):
        self.redis, self.appid, self.secret = r, appid, secret
        self.url = base_url.rstrip("/") + "/cgi-bin/token"
        self.timeout_s = timeout_s

    def get(self) -> str:
        token = self.redis.get(keys.access_token(self.appid))
        if token:
            return token
        with self.redis.lock(keys.token_lock(self.appid), timeout=15, blocking_timeout=10):
            return self.redis.get(keys.access_token(self.appid)) or self._fetch()

    def drop(self, token: str) -> None:
        """Forget `token` unless another process has replaced it already."""
        with self.redis.pipeline(transaction=True) as pipe:  # WATCH (also on a cluster)
            try:
                pipe.watch(keys.access_token(self.appid))
                if pipe.get(keys.access_token(self.appid)) == token:
                    pipe.multi()
                    pipe.delete(keys.access_token(self.appid))
                    pipe.execute()
            except redis.WatchError:
                pass

    def _fetch(self) -> str:
        params = {"grant_type": "client_credential", "appid": self.appid,
                  "secret": self.secret}
        try:
            data = requests.get(self.url, params=params, timeout=self.timeout_s).json()
        except (requests.RequestException, ValueError) as exc:
            raise TokenUnavailable(str(exc)) from exc
        if not isinstance(data, dict) or not data.get("access_token"):
            raise TokenUnavailable(f"token answer {data!r:.200}")
        ttl = max(60, int(data.get("expires_in") or 7200) - TOKEN_MARGIN_S)
        self.redis.set(keys.access_token(self.appid), data["access_token"], ex=ttl)
        return data["access_token"]


class WeChatSender:
    name = "wechat"

    def __init__(self, tokens: AccessTokens, *, base_url: str, state: str,
                 timeout_s: float = 5.0):
        self.tokens, self.state, self.timeout_s = tokens, state, timeout_s
        self.url = base_url.rstrip("/") + "/cgi-bin/message/subscribe/send"

    def send(self, out: Outgoing) -> Outcome:
        body = {"touser": out.openid, "template_id": out.template_id, "page": out.page,
                "data": out.data, "miniprogram_state": self.state}
        try:
            token = self.tokens.get()
            errcode = self._post(token, body)
            if errcode in TOKEN_ERRORS:
                self.tokens.drop(token)
                errcode = self._post(self.tokens.get(), body)
        except (TokenUnavailable, requests.RequestException, ValueError, redis.RedisError):
            log.warning("subscribe message %s: WeChat unreachable", out.message_id,
                        exc_info=True)
            return Outcome("retry", self.name)
        if errcode == 0:
            return Outcome("sent", self.name, 0)
        return Outcome("refused" if errcode == REFUSED else "error", self.name, errcode)

    def _post(self, token: str, body: dict) -> int:
        resp = requests.post(self.url, params={"access_token": token}, json=body,
                             timeout=self.timeout_s)
        if resp.status_code >= 500:
            raise requests.HTTPError(f"WeChat answered {resp.status_code}")
        data = resp.json()
        return int(data.get("errcode") or 0) if isinstance(data, dict) else -1


def sender_for(settings, r: redis.Redis, template_id: str | None):
    """WeChat for a configured app and template; the log sender otherwise."""
    if not (settings.wechat_configured and template_id):
        return LogSender()
    tokens = AccessTokens(r, appid=settings.wechat_appid, secret=settings.wechat_secret,
                          base_url=settings.wechat_api_base)
    return WeChatSender(tokens, base_url=settings.wechat_api_base,
                        state=settings.notify_mp_state)
