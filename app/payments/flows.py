"""Use cases that call the provider. The provider's HTTP call never runs
inside a database transaction, so these own their transactions, as views
and jobs do: each step commits on its own, and every step is safe to repeat
(the provider is idempotent by trade and refund number, and so are we)."""

from __future__ import annotations

import logging
from contextlib import contextmanager
from datetime import datetime, timedelta

from flask import Flask, current_app

from app.db import transaction
from app.group_commit import Committer, Pending
from app.payments import notice_batch, refunds, rules, schedule, service
from app.payments.errors import (
    AmountMismatch,
    AppidMismatch,
    MalformedNotice,
    MchidMismatch,
    NoticePending,
    ProviderError,
    UnverifiedAnswer,
)
from app.payments.models import Payment, PaymentIntent, Refund
from app.payments.notices import Notice
from app.payments.provider import Provider, RefundResult, Trade

log = logging.getLogger(__name__)
FOREIGN = {"mchid": MchidMismatch, "appid": AppidMismatch}
NOTICE_WAIT_S = 4.0  # WeChat Pay wants an answer within 5 s


def prepay(pay: Provider, *, buyer_id: int, order_id: int, now: datetime) -> dict:
    """What wx.requestPayment needs for the buyer's pending order."""
    with transaction() as session:
        intent, openid = service.open_intent(session, pay.name, buyer_id=buyer_id,
                                             order_id=order_id, now=now)
        order_title = f"Order {order_id}"
        fields = (intent.id, intent.out_trade_no, intent.prepay_id, intent.amount_fen,
                  intent.expires_at)
    intent_id, out_trade_no, prepay_id, amount_fen, expires_at = fields
    if not prepay_id:
        prepay_id = pay.prepay(out_trade_no=out_trade_no, amount_fen=amount_fen,
                               description=order_title, openid=openid, expires_at=expires_at)
        with transaction() as session:
            intent = service.keep_prepay_id(session, intent_id, prepay_id)
            prepay_id = intent.prepay_id
            schedule.reconcile_at(session, intent_id,
                                  expires_at + timedelta(seconds=rules.RECONCILE_GRACE_S))
    return {"provider": pay.name, "out_trade_no": out_trade_no, "amount_fen": amount_fen,
            "request_payment": pay.request_payment(prepay_id, now)}


def accept_notice(pay: Provider, headers, body: bytes, now: datetime) -> str:
    """Verify and apply one notice; replays answer the same and change nothing.
    A payment notice is credited with the others that arrived with it, in
    one transaction (notice_batch.py), and answered once that commits."""
    notice = pay.verifier.notice(headers, body, now)
    if notice.event_type.startswith(("TRANSACTION.", "REFUND.")):
        check_ours(pay, notice)
    if notice.event_type.startswith("TRANSACTION."):
        try:
            trade = Trade.from_wechat(notice.resource)
        except MalformedNotice:
            if _seen(notice.id):
                return "replay"
            raise
        return notices().credit(notice_batch.Credit(trade, notice.id, notice.event_type, now))
    if _seen(notice.id):
        return "replay"
    if notice.event_type.startswith("REFUND."):
        return settle_refund(RefundResult.from_wechat(notice.resource), now,
                             notice_id=notice.id, event_type=notice.event_type)
    with transaction() as session:
        service.record_notice(session, notice.id, notice.event_type, None, "ignored", now)
    return "ignored"


def _seen(notice_id: str) -> bool:
    with transaction() as session:
        return service.seen(session, notice_id)


class Notices:
    """The payment notices' group committer of one app (app.group_commit)."""

    def __init__(self, app: Flask):
        self.app = app
        self.committer = Committer(self._write, name="notice-committer")

    def credit(self, item: notice_batch.Credit) -> str:
        """The item's outcome once its batch committed, or its error raised."""
        try:
            return self.committer.submit(item).result(timeout=NOTICE_WAIT_S)
        except Pending as exc:  # the provider sends it again; a replay then answers 204
            raise NoticePending() from exc
        except notice_batch.Retry:
            if _seen(item.notice_id):
                return "replay"
            return credit(item.trade, item.now, notice_id=item.notice_id,
                          event_type=item.event_type)

    def _write(self, items: list[notice_batch.Credit]) -> list:
        try:
            with self.app.app_context(), transaction() as session:
                return notice_batch.credit_many(session, items)
        except Exception:  # the batch did not commit: each goes again alone
            log.exception("a batch of %d payment notices failed", len(items))
            return [notice_batch.Retry() for _ in items]


def notices() -> Notices:
    app = current_app._get_current_object()
    if "payments.notices" not in app.extensions:
        app.extensions["payments.notices"] = Notices(app)
    return app.extensions["payments.notices"]


def check_ours(pay: Provider, notice: Notice) -> None:
    """A payment or refund notice naming another mchid or appid is refused
    before anything is written (400 mchid_mismatch / appid_mismatch); other
    events are only acknowledged and recorded as ignored."""
    field = rules.foreign_party(notice.resource, mchid=pay.mchid, appid=pay.appid,
                                needs_appid=notice.event_type.startswith("TRANSACTION."))
    if field is not None:
        raise FOREIGN[field](details={"field": field,
                                      "received": str(notice.resource.get(field))[:32]})


@contextmanager
def _recording_mismatch(kind: str, notice_id: str, reference: str, received_fen: int,
                        now: datetime):
    """A wrong amount rolls its transaction back, is recorded in its own, and is raised."""
    try:
        yield
    except AmountMismatch as exc:
        with transaction() as session:
            service.record_anomaly(session, kind=kind, notice_id=notice_id, reference=reference,
                                   expected_fen=exc.details["expected_fen"],
                                   received_fen=received_fen, now=now)
        raise


def credit(trade: Trade, now: datetime, *, notice_id: str = "",
           event_type: str = "query") -> str:
    with _recording_mismatch("amount_mismatch", notice_id, trade.out_trade_no,
                             trade.amount_fen, now), transaction() as session:
        outcome, refund = service.credit_trade(session, trade, now=now)
        order_id = service.intent_by_trade(session, trade.out_trade_no).order_id
        service.record_notice(session, notice_id, event_type, order_id, outcome, now)
        if refund is not None:
            schedule.submit_refund(session, refund.id)
    return outcome


def settle_refund(result: RefundResult, now: datetime, *, notice_id: str = "",
                  event_type: str = "query") -> str:
    with _recording_mismatch("refund_amount_mismatch", notice_id, result.out_refund_no,
                             result.amount_fen, now), transaction() as session:
        outcome = refunds.settle(session, result, now=now)
        order_id = refunds.refund_by_number(session, result.out_refund_no).order_id
        service.record_notice(session, notice_id, event_type, order_id, outcome, now)
    return outcome


def submit_refund(pay: Provider, refund_id: int, now: datetime) -> str:
    """Ask the provider to send a processing refund; apply a final answer."""
    with transaction() as session:
        refund = session.get(Refund, refund_id)
        if refund is None or refund.status != "processing":
            return "done"
        payment = session.get(Payment, refund.payment_id)
        ask = dict(out_refund_no=refund.out_refund_no, out_trade_no=payment.out_trade_no,
                   refund_fen=refund.amount_fen, total_fen=payment.amount_fen,
                   reason=refund.reason or refund.kind)
    try:
        result = pay.refund(**ask)
    except UnverifiedAnswer:  # it may have been made: retry; the sweep asks later
        raise
    except ProviderError as exc:  # refused (no balance, rate limit, ...): never dropped
        log.warning("refund %s refused: %s", refund_id, exc.details)
        with transaction() as session:
            service.note_refused_refund(session, ask["out_refund_no"], ask["refund_fen"],
                                        exc.details.get("code", ""), now)
        return "refused"
    return settle_refund(result, now)


def reconcile(pay: Provider, intent_id: int, now: datetime) -> str:
    """An open trade past its window: credit it if paid, else close it and
    let the order time out. A trade still being paid is left for later."""
    with transaction() as session:
        intent = session.get(PaymentIntent, intent_id)
        if intent is None or intent.status != "open":
            return "settled"
        out_trade_no = intent.out_trade_no
    trade = pay.query(out_trade_no)
    if trade is not None and trade.trade_state in rules.PAID_TRADE_STATES:
        try:
            return credit(trade, now)
        except AmountMismatch:  # recorded; people look at it, the sweep stops asking
            with transaction() as session:
                service.set_intent_status(session, intent_id, "anomaly", now)
            return "anomaly"
    if trade is not None and trade.trade_state in rules.OPEN_TRADE_STATES:
        return "waiting"
    if trade is not None:
        pay.close(out_trade_no)  # a paid trade refuses: the next run credits it
    with transaction() as session:
        return "closed" if service.close_intent(session, intent_id, now) else "settled"
