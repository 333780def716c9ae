"""Scan-to-sign-in: the console shows a one-time ticket as a QR code; a
signed-in mini-program user who holds a staff role scans and confirms it;
the console's long poll learns it at once and the one poll that sees it
confirmed gets the session (the ticket is `used` from then on).

A ticket lives TTL on the app clock (Redis' own TTL is only cleanup, a
little longer). Unknown: 404 `ticket_not_found`; past its time: 410
`ticket_expired` to the phone, status `expired` to the console."""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

import redis as redis_lib

from app import clock
from app.console_auth import keys
from app.console_auth.errors import TicketExpired, TicketNotFound, TicketUsed
from app.scripts import Script
from app.sharing import qr

TTL = timedelta(minutes=2)
CLEANUP_S = int(TTL.total_seconds()) + 600  # Redis keeps a ticket this long, real time
QR_PREFIX = "mall-login:"
MAX_TICKET_CHARS = 64
POLL_STEP_S = 1.0  # a poll woken by nobody looks again this often

STEP = Script(keys.LUA / "ticket.lua", {-1: TicketNotFound, -2: TicketExpired,
                                        -3: TicketUsed})


@dataclass(frozen=True)
class Ticket:
    ticket: str
    qr_svg: str
    expires_at: datetime


def create(client: redis_lib.Redis, now: datetime) -> Ticket:
    raw = secrets.token_urlsafe(24)
    expires_at = now + TTL
    key = keys.ticket(raw)
    pipe = client.pipeline(transaction=True)
    pipe.hset(key, mapping={"status": "pending", "expires_ms": clock.to_ms(expires_at)})
    pipe.expire(key, CLEANUP_S)
    pipe.execute()
    return Ticket(raw, qr.svg(QR_PREFIX + raw).decode(), expires_at)


def _step(client, raw: str, step: str, now: datetime, user_id: int | None = None) -> tuple:
    if not raw or len(raw) > MAX_TICKET_CHARS:
        raise TicketNotFound()
    reply = STEP(client, [keys.ticket(raw), keys.wake(raw)],
                 [step, clock.to_ms(now), user_id or "", CLEANUP_S * 1000])
    return reply[1], reply[2]


def scan(client, raw: str, now: datetime) -> str:
    return _step(client, raw, "scan", now)[0]


def confirm(client, raw: str, user_id: int, now: datetime) -> str:
    """The caller checked that the user is staff."""
    return _step(client, raw, "confirm", now, user_id)[0]


def poll(client, raw: str, *, wait_s: float, now=clock.now) -> tuple[str, int | None]:
    """(status, user id to sign in or None): at once when it changed or when
    `wait_s` is 0, else blocks on the wake list (gevent yields there) up to
    `wait_s` seconds of real time. Status "claimed" carries the user."""
    deadline = time.monotonic() + wait_s
    first = None
    while True:
        try:
            status, user = _step(client, raw, "poll", now())
        except TicketExpired:
            return "expired", None
        if status == "claimed":
            return "confirmed", int(user)
        first = first or status
        remaining = deadline - time.monotonic()
        if status != first or remaining <= 0:
            return status, None
        client.blpop([keys.wake(raw)], timeout=min(remaining, POLL_STEP_S))
