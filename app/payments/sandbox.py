"""A local WeChat Pay for development and tests. It keeps its trades in
Redis, signs with RSA keys it generated itself (kept under the instance
directory so the web server and the worker share them), encrypts notice
resources with its own APIv3 key, and posts notices to the same notify
endpoint as WeChat Pay: the production verification path is what runs."""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import requests

from app.payments import crypto, keys
from app.payments.errors import NotPayable, ProviderError
from app.payments.notices import Verifier
from app.payments.provider import RefundResult, Trade, request_payment
from app.private_files import private_dir, tighten, write_new

MCHID = "1900000109"


@dataclass(frozen=True)
class SandboxKeys:
    merchant_key: object
    platform_key: object
    serial: str
    apiv3_key: bytes

    @classmethod
    def load_or_create(cls, directory: Path) -> SandboxKeys:
        """Made once, each file 0600 in a 0700 directory; a concurrent first
        start keeps whichever set won the rename."""
        if not directory.exists():
            staging = Path(tempfile.mkdtemp(dir=private_dir(directory.parent)))  # 0700
            write_new(staging / "merchant_key.pem",
                      crypto.private_pem(crypto.new_private_key()))
            write_new(staging / "platform_key.pem",
                      crypto.private_pem(crypto.new_private_key()))
            write_new(staging / "apiv3.key", crypto.nonce_str(32).encode())
            try:
                os.rename(staging, directory)
            except OSError:  # another process made them first
                for child in staging.iterdir():
                    child.unlink()
                staging.rmdir()
        tighten(directory)  # a set made by an older version may be world-readable
        platform = crypto.load_private_key((directory / "platform_key.pem").read_bytes())
        der_hash = hashlib.sha1(crypto.public_pem(platform.public_key())).hexdigest().upper()
        return cls(merchant_key=crypto.load_private_key(
                       (directory / "merchant_key.pem").read_bytes()),
                   platform_key=platform, serial=der_hash,
                   apiv3_key=(directory / "apiv3.key").read_text().strip().encode())


class Sandbox:
    name = "sandbox"

    def __init__(self, keyset: SandboxKeys, redis, notify_url: str, appid: str = "wxsandbox",
                 mchid: str = MCHID):
        self.keys, self.redis, self.notify_url, self.appid = keyset, redis, notify_url, appid
        self.mchid = mchid
        self.verifier = Verifier({keyset.serial: keyset.platform_key.public_key()},
                                 keyset.apiv3_key)

    # -- the provider interface ------------------------------------------
    def prepay(self, *, out_trade_no: str, amount_fen: int, description: str,
               openid: str, expires_at: datetime) -> str:
        key = keys.sandbox_trade(out_trade_no)
        self.redis.hsetnx(key, "prepay_id", "sbx" + secrets.token_hex(16))
        self.redis.hsetnx(key, "state", "NOTPAY")
        self.redis.hset(key, mapping={"amount": amount_fen, "openid": openid,
                                      "expires_at": expires_at.isoformat()})
        return self.redis.hget(key, "prepay_id")

    def request_payment(self, prepay_id: str, now: datetime) -> dict:
        return request_payment(self.keys.merchant_key, self.appid, prepay_id, now)

    def query(self, out_trade_no: str) -> Trade | None:
        data = self.redis.hgetall(keys.sandbox_trade(out_trade_no))
        return self._trade(out_trade_no, data) if data else None

    def close(self, out_trade_no: str) -> None:
        key = keys.sandbox_trade(out_trade_no)
        if self.redis.hget(key, "state") in ("SUCCESS", "REFUND"):
            raise ProviderError(details={"code": "ORDERPAID"})
        if self.redis.exists(key):
            self.redis.hset(key, "state", "CLOSED")

    def refund(self, *, out_refund_no: str, out_trade_no: str, refund_fen: int,
               total_fen: int, reason: str) -> RefundResult:
        """Succeeds at once, like a refund from the merchant's balance; its
        REFUND.SUCCESS notice can be made with notice(refund_resource(...))."""
        existing = self.query_refund(out_refund_no)
        if existing is not None:
            return existing
        trade = self.query(out_trade_no)
        if trade is None or trade.trade_state not in ("SUCCESS", "REFUND") or \
                trade.amount_fen != total_fen:
            raise ProviderError(details={"code": "INVALID_REQUEST"})
        if self.redis.incrby(keys.sandbox_refunded(out_trade_no), refund_fen) > total_fen:
            self.redis.decrby(keys.sandbox_refunded(out_trade_no), refund_fen)
            raise ProviderError(details={"code": "NOT_ENOUGH"})
        result = {"out_refund_no": out_refund_no, "refund_id": "sbr" + secrets.token_hex(12),
                  "out_trade_no": out_trade_no, "transaction_id": trade.transaction_id,
                  "status": "SUCCESS", "amount": {"refund": refund_fen, "total": total_fen}}
        self.redis.set(keys.sandbox_refund(out_refund_no), json.dumps(result))
        self.redis.hset(keys.sandbox_trade(out_trade_no), "state", "REFUND")
        return RefundResult.from_wechat(result)

    def query_refund(self, out_refund_no: str) -> RefundResult | None:
        raw = self.redis.get(keys.sandbox_refund(out_refund_no))
        return None if raw is None else RefundResult.from_wechat(json.loads(raw))

    # -- playing the payer and the provider's notices ----------------------
    def pay(self, out_trade_no: str, now: datetime) -> dict:
        """The payer confirms: the trade succeeds; returns the transaction
        resource a notice carries. Refused once closed or expired."""
        key = keys.sandbox_trade(out_trade_no)
        data = self.redis.hgetall(key)
        if not data or data["state"] == "CLOSED" or \
                now > datetime.fromisoformat(data["expires_at"]):
            raise NotPayable(details={"out_trade_no": out_trade_no})
        self.redis.hsetnx(key, "transaction_id", "42000" + secrets.token_hex(12))
        if data["state"] == "NOTPAY":
            self.redis.hset(key, mapping={"state": "SUCCESS", "paid_at": now.isoformat()})
        return self.transaction_resource(out_trade_no)

    def transaction_resource(self, out_trade_no: str, **changes) -> dict:
        data = self.redis.hgetall(keys.sandbox_trade(out_trade_no))
        resource = {"mchid": self.mchid, "appid": self.appid, "out_trade_no": out_trade_no,
                    "transaction_id": data.get("transaction_id", ""), "trade_type": "JSAPI",
                    "trade_state": "SUCCESS", "trade_state_desc": "支付成功",
                    "success_time": data.get("paid_at", ""),
                    "payer": {"openid": data.get("openid", "")},
                    "amount": {"total": int(data.get("amount", 0)), "currency": "CNY",
                               "payer_total": int(data.get("amount", 0))}}
        resource.update(changes)
        return resource

    def refund_resource(self, out_refund_no: str) -> dict:
        data = json.loads(self.redis.get(keys.sandbox_refund(out_refund_no)))
        data["refund_status"] = data.pop("status")
        data["mchid"] = self.mchid
        return data

    def notice(self, resource: dict, now: datetime, *, event_type: str = "TRANSACTION.SUCCESS",
               notice_id: str | None = None,
               associated_data: bool = True) -> tuple[dict, bytes]:
        """Headers and body of a signed notice with `resource` encrypted (its
        original type as associated data, or none: the field left out)."""
        original = "refund" if event_type.startswith("REFUND") else "transaction"
        sealed = crypto.encrypt(self.keys.apiv3_key, json.dumps(resource).encode(),
                                associated_data=original if associated_data else None)
        body = json.dumps({"id": notice_id or "EV-" + secrets.token_hex(12),
                           "create_time": now.isoformat(timespec="seconds"),
                           "resource_type": "encrypt-resource", "event_type": event_type,
                           "summary": event_type,
                           "resource": {"original_type": original, **sealed}})
        return self.sign(body, now), body.encode()

    def sign(self, body: str, now: datetime) -> dict:
        stamp, nonce = str(int(now.timestamp())), crypto.nonce_str()
        return {"Wechatpay-Timestamp": stamp, "Wechatpay-Nonce": nonce,
                "Wechatpay-Serial": self.keys.serial,
                "Wechatpay-Signature-Type": "WECHATPAY2-SHA256-RSA2048",
                "Wechatpay-Signature": crypto.sign(self.keys.platform_key, stamp, nonce, body),
                "Content-Type": "application/json"}

    def deliver(self, headers: dict, body: bytes) -> int:
        """POST a notice to the notify URL, as WeChat Pay would; raises on a
        non-2xx answer so the job retries."""
        resp = requests.post(self.notify_url, data=body, headers=headers, timeout=10)
        resp.raise_for_status()
        return resp.status_code

    @staticmethod
    def _trade(out_trade_no: str, data: dict) -> Trade:
        return Trade(out_trade_no=out_trade_no, transaction_id=data.get("transaction_id", ""),
                     trade_state=data["state"], amount_fen=int(data["amount"]))
