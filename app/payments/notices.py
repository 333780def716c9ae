"""Checking what WeChat Pay sends us (notices and API responses): the
signature by the key the serial names, a timestamp within 300 s, then the
AEAD_AES_256_GCM resource decrypted with the APIv3 key (`associated_data`
is optional in the v3 documents: absent or null, it is empty)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey

from app import json_object
from app.payments import crypto
from app.payments.errors import (
    BadCiphertext,
    BadSignature,
    MalformedNotice,
    StaleTimestamp,
    UnknownSerial,
)

MAX_SKEW_S = 300
HEADERS = ("Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Signature",
           "Wechatpay-Serial")


@dataclass(frozen=True)
class Notice:
    id: str
    event_type: str
    original_type: str
    resource: dict


class Verifier:
    def __init__(self, platform_keys: dict[str, RSAPublicKey], apiv3_key: bytes):
        self.platform_keys = platform_keys
        self.apiv3_key = apiv3_key

    def check_signed(self, headers, body: bytes, now: datetime) -> str:
        """Verify a signed message from WeChat Pay; return the body as text."""
        try:
            stamp, nonce, signature, serial = (headers[name] for name in HEADERS)
        except KeyError as exc:
            raise MalformedNotice(details={"missing_header": exc.args[0]}) from exc
        key = self.platform_keys.get(serial)
        if key is None:
            raise UnknownSerial(details={"serial": serial[:64]})
        if not (stamp.isascii() and stamp.isdigit()) or \
                abs(now.timestamp() - int(stamp)) > MAX_SKEW_S:
            raise StaleTimestamp(details={"timestamp": stamp[:20]})
        try:
            text = body.decode("utf-8")
            crypto.verify(key, signature, stamp, nonce, text)
        except (UnicodeDecodeError, crypto.CryptoError) as exc:
            raise BadSignature() from exc
        return text

    def notice(self, headers, body: bytes, now: datetime) -> Notice:
        """A verified, decrypted notice, or a 4xx error."""
        data = json_object.parse(self.check_signed(headers, body, now), MalformedNotice)
        resource = data.get("resource")
        if not isinstance(resource, dict) or \
                resource.get("algorithm") != "AEAD_AES_256_GCM" or \
                not all(isinstance(resource.get(k), str) for k in ("nonce", "ciphertext")) or \
                not isinstance(resource.get("associated_data") or "", str) or \
                not isinstance(data.get("id"), str) or not isinstance(data.get("event_type"), str):
            raise MalformedNotice()
        try:
            plain = crypto.decrypt(self.apiv3_key, nonce=resource["nonce"],
                                   ciphertext=resource["ciphertext"],
                                   associated_data=resource.get("associated_data") or "")
        except crypto.CryptoError as exc:
            raise BadCiphertext() from exc
        return Notice(id=data["id"][:64], event_type=data["event_type"],
                      original_type=str(resource.get("original_type", "")),
                      resource=json_object.parse(plain.decode("utf-8", "replace"), MalformedNotice))
