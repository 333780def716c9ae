"""The providers' push endpoints, and an order's packages for its staff."""

from flask import request

from app import clock
from app.catalog.staff import staff_view
from app.orders import service as orders
from app.orders.errors import OrderNotFound
from app.schema import Blueprint
from app.tracking import flows, service
from app.tracking.errors import ProviderDisabled
from app.tracking.kuaidi100 import Kuaidi100
from app.tracking.sandbox import SIGNATURE_HEADER, TrackingSandbox
from app.tracking.schemas import (
    Kuaidi100PushDoc,
    OrderPackagesOut,
    PushAckOut,
    SandboxPushDoc,
)
from app.tracking.setup import NOTIFY_PATH, provider

notify_bp = Blueprint("tracking_notify", __name__,
                      description="Logistics providers' pushes (waybill changes).")
bp = Blueprint("staff_tracking", __name__, url_prefix="/api/v1/merchants/<int:merchant_id>",
               description="Merchant staff: an order's packages and their tracking.")


def _accept(kind: type):
    """Verified on the raw body, then applied once; a replay answers the same."""
    tracker = provider()
    if not isinstance(tracker, kind):
        raise ProviderDisabled()
    flows.accept_push(tracker, request.headers, request.get_data(cache=False), clock.now())
    return tracker.ack


@notify_bp.post(NOTIFY_PATH.format(name="kuaidi100"))
@notify_bp.response(200, PushAckOut)
@notify_bp.doc(requestBody={"required": True, "content": {
    "application/x-www-form-urlencoded": {"schema": Kuaidi100PushDoc}}})
def kuaidi100_push():
    """Kuaidi100's push: `sign` must be MD5(param + salt) upper-cased (else
    401 `push_bad_signature`, nothing written). Every event is stored once
    per (package, time, text); "signed for" (state 3) marks the package and,
    every package of a wholly shipped order signed, receives the order."""
    return _accept(Kuaidi100)


@notify_bp.post(NOTIFY_PATH.format(name="sandbox"))
@notify_bp.response(200, PushAckOut)
@notify_bp.doc(parameters=[{"in": "header", "name": SIGNATURE_HEADER, "required": True,
                            "schema": {"type": "string"},
                            "description": "sha256=<hex HMAC-SHA256 of the body>"}],
               requestBody={"required": True, "content": {
                   "application/json": {"schema": SandboxPushDoc}}})
def sandbox_push():
    """The tracking sandbox's push (development and tests), applied as a
    real provider's is."""
    return _accept(TrackingSandbox)


@bp.get("/orders/<int:order_id>/packages")
@staff_view
@bp.response(200, OrderPackagesOut)
def order_packages(merchant_id, order_id, session):
    """The order's packages, each with its lines and tracking events (newest first)."""
    order = orders.get_order(session, order_id)
    if order.merchant_id != merchant_id:
        raise OrderNotFound()
    return service.timeline(session, order)
