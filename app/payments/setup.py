"""The app's payment provider, made once from the settings: WeChat Pay when
PAY_PROVIDER=wechat (every WECHATPAY_* key given), otherwise the sandbox,
which production refuses."""

from __future__ import annotations

from pathlib import Path

from flask import current_app

from app.config import Settings
from app.payments import crypto
from app.payments.errors import PaymentsNotConfigured
from app.payments.notices import Verifier
from app.payments.provider import Provider
from app.payments.sandbox import Sandbox, SandboxKeys
from app.payments.wechatpay import WeChatPay
from app.production import wechatpay_missing

NOTIFY_PATH = "/pay/notify/wechat"


def provider() -> Provider:
    app = current_app
    if "mall.pay" not in app.extensions:
        app.extensions["mall.pay"] = build(app.extensions["mall.settings"],
                                           app.extensions["mall.redis"])
    return app.extensions["mall.pay"]


def notify_url(settings: Settings) -> str:
    return settings.pay_notify_url or settings.public_base_url + NOTIFY_PATH


def build(settings: Settings, redis) -> Provider:
    if settings.pay_provider == "wechat":
        if missing := wechatpay_missing(settings):
            raise PaymentsNotConfigured(details={"missing": missing})
        if len(settings.wechatpay_apiv3_key.encode()) != 32:
            raise PaymentsNotConfigured("WECHATPAY_APIV3_KEY must be 32 bytes.")
        return WeChatPay(mchid=settings.wechatpay_mchid,
                         appid=settings.wechatpay_appid or settings.wechat_appid,
                         private_key=crypto.load_private_key(
                             Path(settings.wechatpay_private_key_file).read_bytes()),
                         serial=settings.wechatpay_serial,
                         verifier=Verifier(public_keys(settings.wechatpay_public_keys),
                                           settings.wechatpay_apiv3_key.encode()),
                         notify_url=notify_url(settings),
                         api_base=settings.wechatpay_api_base)
    if settings.app_env == "production" or settings.pay_provider != "sandbox":
        raise PaymentsNotConfigured(details={"pay_provider": settings.pay_provider})
    keyset = SandboxKeys.load_or_create(Path(settings.instance_dir) / "pay-sandbox")
    return Sandbox(keyset, redis, notify_url(settings),
                   appid=settings.wechat_appid or "wxsandbox")


def public_keys(spec: str) -> dict:
    """"SERIAL=path,SERIAL=path" -> {serial: public key}."""
    keys = {}
    for item in filter(None, (part.strip() for part in spec.split(","))):
        serial, eq, path = item.partition("=")
        if not eq or not serial.strip() or not path.strip():
            raise PaymentsNotConfigured("WECHATPAY_PUBLIC_KEYS is SERIAL=path,SERIAL=path.")
        keys[serial.strip()] = crypto.load_public_key(Path(path.strip()).read_bytes())
    return keys
