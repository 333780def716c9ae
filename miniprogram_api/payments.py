"""Paying for an order: the signed parameters for wx.requestPayment, and in
development the sandbox's "pay" button that makes the provider send its
notice to our notify endpoint."""

from flask import g

from app import clock
from app.auth.access import login_required
from app.db import transaction
from app.payments import flows, schedule, service
from app.payments.errors import SandboxOnly
from app.payments.refunds import order_refunds
from app.payments.sandbox import Sandbox
from app.payments.schemas import PrepayOut, RefundOut, SandboxPayOut
from app.payments.setup import provider
from app.schema import Blueprint

bp = Blueprint("mp_payments", __name__, url_prefix="/mp/v1",
               description="Paying for orders (WeChat Pay JSAPI).")


@bp.post("/orders/<int:order_id>/pay")
@login_required
@bp.response(200, PrepayOut)
def pay(order_id):
    return flows.prepay(provider(), buyer_id=g.user_id, order_id=order_id, now=clock.now())


@bp.get("/orders/<int:order_id>/refunds")
@login_required
@bp.response(200, RefundOut(many=True))
def refunds(order_id):
    with transaction() as session:
        return order_refunds(session, order_id, buyer_id=g.user_id)


@bp.post("/sandbox/orders/<int:order_id>/pay")
@login_required
@bp.response(202, SandboxPayOut)
def sandbox_pay(order_id):
    """Development only: the payer confirms in the sandbox, which then posts
    a signed notice to the notify endpoint (from the worker)."""
    sandbox = provider()
    if not isinstance(sandbox, Sandbox):
        raise SandboxOnly()
    now = clock.now()
    with transaction() as session:
        out_trade_no = service.prepaid_trade(session, buyer_id=g.user_id, order_id=order_id)
    resource = sandbox.pay(out_trade_no, now)
    headers, body = sandbox.notice(resource, now)
    schedule.deliver_notice(headers, body)
    return {"out_trade_no": out_trade_no, "transaction_id": resource["transaction_id"],
            "delivery": "queued"}
