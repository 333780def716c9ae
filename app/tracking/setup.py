"""The app's tracking provider, made once from the settings:
TRACKING_PROVIDER=kuaidi100 (Kuaidi100's push service; without its key and
salt it is off, and production refuses to start), sandbox (the default;
never in production) or off (packages are not tracked; the 10-day
auto-receive still receives them)."""

from __future__ import annotations

from flask import current_app

from app.config import Settings
from app.production import tracking_missing
from app.tracking.kuaidi100 import Kuaidi100
from app.tracking.provider import Provider
from app.tracking.sandbox import TrackingSandbox, load_key

NOTIFY_PATH = "/tracking/notify/{name}"
_OFF = "off"


def provider() -> Provider | None:
    app = current_app
    if "mall.tracking" not in app.extensions:
        app.extensions["mall.tracking"] = build(app.extensions["mall.settings"],
                                                app.extensions["mall.redis"]) or _OFF
    found = app.extensions["mall.tracking"]
    return None if found == _OFF else found


def notify_url(settings: Settings, name: str) -> str:
    return settings.tracking_notify_url or \
        settings.public_base_url + NOTIFY_PATH.format(name=name)


def build(settings: Settings, redis) -> Provider | None:
    if settings.tracking_provider == "kuaidi100":
        if tracking_missing(settings):  # no key, or pushes anyone could sign: off
            return None
        return Kuaidi100(key=settings.kuaidi100_key, salt=settings.kuaidi100_salt,
                         customer=settings.kuaidi100_customer,
                         poll_url=settings.kuaidi100_poll_url,
                         callback_url=notify_url(settings, "kuaidi100"))
    if settings.tracking_provider == "sandbox" and settings.app_env != "production":
        return TrackingSandbox(load_key(settings.instance_dir), redis,
                               notify_url(settings, "sandbox"))
    return None
