"""Wiring, called by create_app: the staff API, the "pickup" order source,
the "community" share describer, the pinned-offer lookups the composition
root hands in, and the order listeners (pickup codes on payment, leader
commission on refund and completion)."""

from __future__ import annotations

from flask import Flask

from app import signals
from app.orders import sources
from app.sharing import targets
from community import communities, leader_commission, offers, pickup


def _paid(_sender, *, session, order, now, **_):
    pickup.on_paid(session, order, now)


def _refunded(_sender, *, session, order, now, refund_id, amount_fen, **_):
    if order.leader_id is not None:
        leader_commission.on_refunded(session, order, refund_id=refund_id,
                                      amount_fen=amount_fen, now=now)
        pickup.on_refunded(session, order)


def _completed(_sender, *, session, order, now, **_):
    if order.leader_id is not None:
        leader_commission.settle(session, [order.id], now)


def connect() -> None:
    """Idempotent: blinker keeps one connection per (signal, receiver)."""
    signals.order_paid.connect(_paid, weak=False)
    signals.order_refunded.connect(_refunded, weak=False)
    signals.order_completed.connect(_completed, weak=False)


def register_sources() -> None:
    sources.register("pickup", pickup.resolve_point)
    targets.register("community", communities.describe)


def init_app(app: Flask, api, offer_lookups: dict[str, offers.Lookup]) -> None:
    from community.api import bp

    api.register_blueprint(bp)
    for kind, lookup in offer_lookups.items():
        offers.register(kind, lookup)
    register_sources()
    connect()
