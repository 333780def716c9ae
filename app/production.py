"""What production (APP_ENV=production) refuses to start without: a
SECRET_KEY given in the environment (never one generated on the spot), and
every setting of the payment provider, of WeChat login and of Kuaidi100
tracking it is given (half a configuration is refused), and the posters' CJK
font file. Settings.from_env raises ConfigError
naming each missing or unusable setting; every entry point builds its
settings there, prints the error and exits non-zero (app.config.exit_refusing)."""

from __future__ import annotations

import os
from pathlib import Path


def wechatpay_values(s) -> dict[str, str]:
    """WeChat Pay's settings by environment name, in the order they are reported."""
    return {"WECHATPAY_MCHID": s.wechatpay_mchid, "WECHATPAY_APIV3_KEY": s.wechatpay_apiv3_key,
            "WECHATPAY_PRIVATE_KEY_FILE": s.wechatpay_private_key_file,
            "WECHATPAY_SERIAL": s.wechatpay_serial,
            "WECHATPAY_PUBLIC_KEYS": s.wechatpay_public_keys,
            "WECHATPAY_APPID": s.wechatpay_appid or s.wechat_appid}


def wechatpay_missing(s) -> list[str]:
    return [name for name, value in wechatpay_values(s).items() if not value]


TRACKING_PROVIDERS = ("kuaidi100", "sandbox", "off")  # the sandbox tracks nothing in production


def tracking_missing(s) -> list[str]:
    """Kuaidi100 needs its key (to subscribe) and a salt (to verify pushes)."""
    if s.tracking_provider != "kuaidi100":
        return []
    return [name for name, value in (("KUAIDI100_KEY", s.kuaidi100_key),
                                     ("KUAIDI100_SALT", s.kuaidi100_salt)) if not value]


def problems(s) -> list[str]:
    """Everything production would refuse in these settings; [] when fine."""
    missing = [] if s.secret_key else ["SECRET_KEY"]
    if bool(s.wechat_appid) != bool(s.wechat_secret):
        missing.append("WECHAT_SECRET" if s.wechat_appid else "WECHAT_APPID")
    found = []
    if s.pay_provider == "wechat":
        missing += wechatpay_missing(s)
        found = _wechatpay_unusable(s)
    elif s.pay_provider != "sandbox":
        found.append(f"PAY_PROVIDER must be wechat or sandbox, not {s.pay_provider!r}")
    missing += tracking_missing(s)
    if not _readable(s.poster_font):
        found.append(f"POSTER_FONT names no readable font file ({s.poster_font}): posters "
                     "would draw Chinese as boxes (install fonts-wqy-microhei)")
    if s.tracking_provider not in TRACKING_PROVIDERS:
        found.append(f"TRACKING_PROVIDER must be one of {', '.join(TRACKING_PROVIDERS)}, "
                     f"not {s.tracking_provider!r}")
    return ([f"missing settings: {', '.join(missing)}"] if missing else []) + found


def _wechatpay_unusable(s) -> list[str]:
    found = []
    if s.wechatpay_apiv3_key and len(s.wechatpay_apiv3_key.encode()) != 32:
        found.append("WECHATPAY_APIV3_KEY must be 32 bytes")
    if s.wechatpay_private_key_file and not _readable(s.wechatpay_private_key_file):
        found.append("WECHATPAY_PRIVATE_KEY_FILE names no readable file")
    for item in filter(None, (p.strip() for p in s.wechatpay_public_keys.split(","))):
        serial, eq, path = item.partition("=")
        if not (eq and serial.strip() and path.strip()):
            found.append("WECHATPAY_PUBLIC_KEYS is SERIAL=path,SERIAL=path")
        elif not _readable(path.strip()):
            found.append(f"WECHATPAY_PUBLIC_KEYS names no readable file for {serial.strip()}")
    return found


def _readable(path: str) -> bool:
    return Path(path).is_file() and os.access(path, os.R_OK)

