"""The provider-facing notify endpoint and merchant staff refunds."""

from flask import g, request

from app import clock
from app.catalog.staff import staff_view
from app.payments import flows, refunds, schedule
from app.payments.schemas import NOTICE_HEADERS, NoticeDoc, RefundIn, RefundOut
from app.payments.setup import NOTIFY_PATH, provider
from app.schema import Blueprint

notify_bp = Blueprint("pay_notify", __name__,
                      description="WeChat Pay v3 notices (payments and refunds).")
bp = Blueprint("staff_refunds", __name__, url_prefix="/api/v1/merchants/<int:merchant_id>",
               description="Merchant staff: refunds of paid orders.")


@notify_bp.post(NOTIFY_PATH)
@notify_bp.response(204)
@notify_bp.doc(parameters=NOTICE_HEADERS, requestBody={
    "required": True, "content": {"application/json": {"schema": NoticeDoc}}})
def wechat_notify():
    """Verified, decrypted and applied once; a replay also answers 204.

    The signature (by the key the serial names) and the timestamp are checked
    on the raw body first; then the resource is decrypted and applied under
    the order's row lock. A wrong amount is 400 `amount_mismatch`.
    """
    flows.accept_notice(provider(), request.headers, request.get_data(cache=False),
                        clock.now())
    return ""


@bp.post("/orders/<int:order_id>/refunds")
@staff_view
@bp.arguments(RefundIn)
@bp.response(201, RefundOut)
@bp.alt_response(200, schema=RefundOut, description="The same refund id again.")
def create_refund(data, merchant_id, order_id, session):
    refund, created = refunds.request_refund(
        session, order_id=order_id, merchant_id=merchant_id, refund_key=data["refund_id"],
        lines=data["lines"], reason=data["reason"], restock=data["restock"],
        requested_by=g.user_id, now=clock.now())
    if created:
        schedule.submit_refund(session, refund.id)
    return refund, 201 if created else 200


@bp.get("/orders/<int:order_id>/refunds")
@staff_view
@bp.response(200, RefundOut(many=True))
def list_refunds(merchant_id, order_id, session):
    return refunds.order_refunds(session, order_id, merchant_id=merchant_id)
