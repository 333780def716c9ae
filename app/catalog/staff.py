"""Merchant staff views: their ceremony once. `@staff_view` stands where
`@login_required` would on a route under /api/v1/merchants/<merchant_id>: the
bearer is checked, one transaction opens, the caller must be staff of that
merchant (else 403, nothing done), and the view runs with `session`; the
transaction commits when the view returns (the view owns it, as ever).
`@finance_view` is the same for money out of the merchant (withdrawals, the
payable report): only its owner and merchant_finance staff; `@owner_view`
for what only the owner may do (staff and their roles)."""

from __future__ import annotations

from functools import wraps

from flask import g

from app.auth.access import login_required
from app.auth.roles import FINANCE_STAFF, MERCHANT_STAFF
from app.catalog.service import check_staff
from app.db import transaction


def _view_for(roles: tuple[str, ...]):
    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            with transaction() as session:
                check_staff(session, g.user_id, kwargs["merchant_id"], roles)
                return view(*args, session=session, **kwargs)
        return login_required(wrapper)
    return decorate


staff_view = _view_for(MERCHANT_STAFF)
finance_view = _view_for(FINANCE_STAFF)
owner_view = _view_for(("merchant_owner",))  # staff and roles: the owner's alone
