"""The payment provider interface and what it returns, parsed from WeChat
Pay v3 JSON (the sandbox speaks the same JSON)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from app.payments import crypto
from app.payments.errors import MalformedNotice
from app.payments.notices import Verifier


@dataclass(frozen=True)
class Trade:
    out_trade_no: str
    transaction_id: str
    trade_state: str
    amount_fen: int

    @classmethod
    def from_wechat(cls, data: dict) -> Trade:
        trade = cls(out_trade_no=data.get("out_trade_no"),
                    transaction_id=data.get("transaction_id") or "",
                    trade_state=data.get("trade_state"), amount_fen=_amount(data, "total"))
        _check(trade.out_trade_no, trade.transaction_id, trade.trade_state,
               fen=trade.amount_fen, resource="transaction")
        return trade


@dataclass(frozen=True)
class RefundResult:
    out_refund_no: str
    refund_id: str
    status: str
    amount_fen: int

    @classmethod
    def from_wechat(cls, data: dict) -> RefundResult:
        result = cls(out_refund_no=data.get("out_refund_no"),
                     refund_id=data.get("refund_id") or "",
                     status=data.get("refund_status") or data.get("status"),
                     amount_fen=_amount(data, "refund"))
        _check(result.out_refund_no, result.refund_id, result.status,
               fen=result.amount_fen, resource="refund")
        return result


def _amount(data: dict, key: str):
    amount = data.get("amount")
    return amount.get(key) if isinstance(amount, dict) else None


def _check(*texts, fen, resource: str) -> None:
    """Every text a str and the amount an int (not a bool), or MalformedNotice."""
    if not (all(isinstance(t, str) for t in texts)
            and isinstance(fen, int) and not isinstance(fen, bool)):
        raise MalformedNotice(details={"resource": resource})


class Provider(Protocol):
    name: str
    mchid: str  # notices for another mchid or appid are refused
    appid: str
    verifier: Verifier

    def prepay(self, *, out_trade_no: str, amount_fen: int, description: str,
               openid: str, expires_at: datetime) -> str: ...

    def request_payment(self, prepay_id: str, now: datetime) -> dict: ...

    def query(self, out_trade_no: str) -> Trade | None: ...

    def close(self, out_trade_no: str) -> None: ...

    def refund(self, *, out_refund_no: str, out_trade_no: str, refund_fen: int,
               total_fen: int, reason: str) -> RefundResult: ...

    def query_refund(self, out_refund_no: str) -> RefundResult | None: ...


def request_payment(key, appid: str, prepay_id: str, now: datetime) -> dict:
    """What the mini-program passes to wx.requestPayment, signed with the
    merchant key over appId, timeStamp, nonceStr and package."""
    stamp, nonce, package = str(int(now.timestamp())), crypto.nonce_str(), f"prepay_id={prepay_id}"
    return {"appId": appid, "timeStamp": stamp, "nonceStr": nonce, "package": package,
            "signType": "RSA", "paySign": crypto.sign(key, appid, stamp, nonce, package)}
