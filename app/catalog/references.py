"""Ids a product may name that another area owns (its freight template).

The owning area registers one check per field when its module is imported;
the catalogue runs it whenever a product is saved with that field set (not None),
so a product never names another merchant's row. The catalogue imports no
such area. A field nobody registered a check for cannot be set.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from app.errors import ValidationFailed

# (session, merchant_id, the named id): raises a DomainError unless the
# merchant owns that row; it may lock the row (deleting it waits)
Check = Callable[[Session, int, int], None]

FIELDS = ("freight_template_id",)
_checks: dict[str, Check] = {}


def register(field: str, check: Check) -> None:
    if field not in FIELDS:
        raise ValueError(f"products name no {field!r}")
    _checks[field] = check


def check(session: Session, merchant_id: int, data: dict) -> None:
    for field in FIELDS:
        value = data.get(field)
        if value is None:
            continue
        checker = _checks.get(field)
        if checker is None:
            raise ValidationFailed(details={"fields": {field: ["Nothing can be named here."]}})
        checker(session, merchant_id, value)
