"""Stream URLs signed as Tencent Cloud CSS signs them (hotlink protection):

    rtmp://push.example.com/live/room7?txSecret=<md5>&txTime=<hex>
    https://play.example.com/live/room7.flv?txSecret=<md5>&txTime=<hex>

txTime is the URL's expiry as unix seconds in uppercase hexadecimal;
txSecret = md5(key + stream name + txTime), lowercase hex. Push and play
each have their own key. An empty key signs nothing (an unsigned URL). Pure
rules: stdlib only."""

from __future__ import annotations

import hashlib
import hmac
import re

DEV_CDN = "/cdn"  # where the app serves the demo stream outside production
STREAM_NAME = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
TX_TIME = re.compile(r"^[0-9A-F]{1,16}$")


class Refused(Exception):
    """`code` is `stream_signature_invalid` or `stream_url_expired`."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def stream_name(room_id: int) -> str:
    """The CDN stream of a live room."""
    return f"room{room_id}"


def tx_time(expires_s: int) -> str:
    return format(expires_s, "X")


def tx_secret(key: str, stream: str, txtime: str) -> str:
    return hashlib.md5(f"{key}{stream}{txtime}".encode()).hexdigest()


def signed_url(base: str, stream: str, suffix: str, key: str, expires_s: int) -> str:
    """`base` is scheme, domain and AppName (rtmp://push.example.com/live);
    `suffix` the format (".flv", ".m3u8", "" for a push URL)."""
    url = f"{base.rstrip('/')}/{stream}{suffix}"
    if not key:
        return url
    txtime = tx_time(expires_s)
    return f"{url}?txSecret={tx_secret(key, stream, txtime)}&txTime={txtime}"


def verify(key: str, stream: str, secret: str | None, txtime: str | None, now_s: int) -> None:
    """Refused unless `secret` signs `stream` with `key` until `txtime`,
    and `txtime` has not passed."""
    if not secret or not txtime or not TX_TIME.match(txtime):
        raise Refused("stream_signature_invalid")
    if not hmac.compare_digest(secret.lower(), tx_secret(key, stream, txtime)):
        raise Refused("stream_signature_invalid")
    if int(txtime, 16) <= now_s:
        raise Refused("stream_url_expired")
