"""The operation log: one row for every successful staff write, appended
by one hook after the view (no per-view code), never updated or deleted.

A write is an unsafe method (POST, PUT, PATCH, DELETE) on /api/v1 that
answered 2xx for a known user (bearer or console cookie). The row keeps who
(user id), where (the merchant of the URL, when there is one), what (method,
endpoint, path, the other ids of the URL), the status, from where (client
IP as app/request_meta.py reads it, user agent) and when (the app clock)."""

from __future__ import annotations

import logging
from datetime import datetime

from flask import Response, g, request
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.auth.access import UNSAFE, client_meta
from app.console_auth.models import OperationLog
from app.db import paginate, transaction

log = logging.getLogger(__name__)
PREFIX = "/api/v1/"


def record(response: Response) -> Response:
    """after_request: append the row of a successful staff write."""
    user_id = g.get("user_id")
    if (user_id is None or request.method not in UNSAFE or not 200 <= response.status_code < 300
            or not request.path.startswith(PREFIX)):
        return response
    args = dict(request.view_args or {})
    merchant_id = args.pop("merchant_id", None)
    ip, agent = client_meta()
    try:
        with transaction() as session:
            session.add(OperationLog(
                user_id=user_id, merchant_id=merchant_id, method=request.method,
                endpoint=(request.endpoint or "")[:120], path=request.path[:500],
                status=response.status_code,
                targets={k: v for k, v in args.items() if isinstance(v, int)},
                ip=ip or "", user_agent=agent, at=clock.now()))
    except Exception:  # the write itself committed; a lost row is logged, never a 500
        log.exception("operation log row not written: %s %s", request.method, request.path)
    return response


def page(session: Session, *, merchant_id: int, user_id: int | None, since: datetime | None,
         until: datetime | None, page_no: int, per_page: int) -> tuple[list, int]:
    """A merchant's rows, newest first, filtered by user and [since, until)."""
    stmt = select(OperationLog).where(OperationLog.merchant_id == merchant_id)
    if user_id is not None:
        stmt = stmt.where(OperationLog.user_id == user_id)
    if since is not None:
        stmt = stmt.where(OperationLog.at >= since)
    if until is not None:
        stmt = stmt.where(OperationLog.at < until)
    return paginate(session, stmt, order_by=OperationLog.id.desc(), page=page_no,
                    per_page=per_page)
