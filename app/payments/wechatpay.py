"""WeChat Pay v3 over HTTPS: JSAPI prepay, query, close, refund. Requests are
signed with the merchant key (the Authorization header); every response is
verified with the WeChat Pay key its serial names. Keys are passed in: no
certificate download at start-up."""

from __future__ import annotations

import json
from datetime import datetime
from urllib.parse import quote

import requests

from app import clock
from app.payments import crypto
from app.payments.errors import (
    MalformedNotice,
    ProviderError,
    ProviderUnavailable,
    UnverifiedAnswer,
)
from app.payments.notices import Verifier
from app.payments.provider import RefundResult, Trade, request_payment

AUTH_SCHEME = "WECHATPAY2-SHA256-RSA2048"
TIMEOUT_S = 10


class WeChatPay:
    name = "wechat"

    def __init__(self, *, mchid: str, appid: str, private_key, serial: str,
                 verifier: Verifier, notify_url: str,
                 api_base: str = "https://api.mch.weixin.qq.com"):
        self.mchid, self.appid, self.serial = mchid, appid, serial
        self.private_key, self.verifier = private_key, verifier
        self.notify_url, self.api_base = notify_url, api_base.rstrip("/")
        self.http = requests.Session()

    def prepay(self, *, out_trade_no: str, amount_fen: int, description: str,
               openid: str, expires_at: datetime) -> str:
        body = {"appid": self.appid, "mchid": self.mchid, "description": description[:127],
                "out_trade_no": out_trade_no, "notify_url": self.notify_url,
                "time_expire": expires_at.isoformat(timespec="seconds"),
                "amount": {"total": amount_fen, "currency": "CNY"},
                "payer": {"openid": openid}}
        prepay_id = self._call("POST", "/v3/pay/transactions/jsapi", body).get("prepay_id")
        if not isinstance(prepay_id, str) or not prepay_id:
            raise ProviderError("The answer has no prepay_id.")
        return prepay_id

    def request_payment(self, prepay_id: str, now: datetime) -> dict:
        return request_payment(self.private_key, self.appid, prepay_id, now)

    def query(self, out_trade_no: str) -> Trade | None:
        path = f"/v3/pay/transactions/out-trade-no/{quote(out_trade_no)}?mchid={self.mchid}"
        data = self._call("GET", path, missing_ok=True)
        return None if data is None else _parsed(Trade, data)

    def close(self, out_trade_no: str) -> None:
        self._call("POST", f"/v3/pay/transactions/out-trade-no/{quote(out_trade_no)}/close",
                   {"mchid": self.mchid})

    def refund(self, *, out_refund_no: str, out_trade_no: str, refund_fen: int,
               total_fen: int, reason: str) -> RefundResult:
        body = {"out_trade_no": out_trade_no, "out_refund_no": out_refund_no,
                "reason": reason[:80], "notify_url": self.notify_url,
                "amount": {"refund": refund_fen, "total": total_fen, "currency": "CNY"}}
        return _parsed(RefundResult, self._call("POST", "/v3/refund/domestic/refunds", body))

    def query_refund(self, out_refund_no: str) -> RefundResult | None:
        data = self._call("GET", f"/v3/refund/domestic/refunds/{quote(out_refund_no)}",
                          missing_ok=True)
        return None if data is None else _parsed(RefundResult, data)

    def _call(self, method: str, path: str, body: dict | None = None, *,
              missing_ok: bool = False) -> dict | None:
        text = "" if body is None else json.dumps(body, separators=(",", ":"),
                                                  ensure_ascii=False)
        try:
            resp = self.http.request(method, self.api_base + path, data=text.encode() or None,
                                     headers=self._headers(method, path, text),
                                     timeout=TIMEOUT_S)
        except requests.RequestException as exc:
            # the reason names the transport's failure (ConnectTimeout, ReadTimeout, ...)
            raise ProviderUnavailable(details={"reason": type(exc).__name__}) from exc
        if resp.status_code >= 500:
            raise ProviderUnavailable(details={"status": resp.status_code})
        try:
            self.verifier.check_signed(resp.headers, resp.content, clock.now())
        except Exception as exc:
            # An unsigned or forged answer is never trusted, except as a
            # refusal: some gateways send error answers unsigned, and a
            # refusal can only stop us, never credit anything. A "not
            # found" must be signed, since it would be acted on.
            if resp.status_code < 400 or (resp.status_code == 404 and missing_ok):
                raise UnverifiedAnswer() from exc
        try:
            data = resp.json() if resp.content else {}
        except ValueError as exc:
            raise ProviderError("The answer is not JSON.") from exc
        if not isinstance(data, dict):
            raise ProviderError("The answer is not a JSON object.")
        if resp.status_code == 404 and missing_ok:
            return None
        if resp.status_code >= 400:
            raise ProviderError(details={"status": resp.status_code,
                                         "code": str(data.get("code", ""))[:64],
                                         "message": str(data.get("message", ""))[:200]})
        return data

    def _headers(self, method: str, path: str, text: str) -> dict:
        stamp, nonce = str(int(clock.now().timestamp())), crypto.nonce_str()
        signature = crypto.sign(self.private_key, method, path, stamp, nonce, text)
        auth = (f'{AUTH_SCHEME} mchid="{self.mchid}",nonce_str="{nonce}",'
                f'signature="{signature}",timestamp="{stamp}",serial_no="{self.serial}"')
        return {"Authorization": auth, "Accept": "application/json",
                "Content-Type": "application/json", "User-Agent": "social-mall/1"}


def _parsed(kind, data: dict):
    """A Trade or RefundResult from an answer; a malformed answer is the provider's error."""
    try:
        return kind.from_wechat(data)
    except MalformedNotice as exc:
        raise ProviderError("The answer is missing fields.", details=exc.details) from exc
