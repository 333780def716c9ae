"""Merchant staff views: their ceremony once. `@staff_view` stands where
`@login_required` would on a route under /api/v1/merchants/<merchant_id>: the
bearer is checked, one transaction opens, the caller must be staff of that
merchant (else 403, nothing done), and the view runs with `session`; the
transaction commits when the view returns (the view owns it, as ever)."""

from __future__ import annotations

from functools import wraps

from flask import g

from app.auth.access import login_required
from app.catalog.service import check_staff
from app.db import transaction


def staff_view(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        with transaction() as session:
            check_staff(session, g.user_id, kwargs["merchant_id"])
            return view(*args, session=session, **kwargs)
    return login_required(wrapper)
