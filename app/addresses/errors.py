"""Address errors with stable codes."""

from enum import StrEnum

from app.addresses.rules import MAX_ADDRESSES
from app.errors import Conflict, NotFound


class ErrorCode(StrEnum):
    """Every error code of this package, each once."""

    ADDRESS_NOT_FOUND = "address_not_found"
    ADDRESS_LIMIT_REACHED = "address_limit_reached"


class AddressNotFound(NotFound):
    """Also another buyer's address: it is not yours to know about."""

    code, message = ErrorCode.ADDRESS_NOT_FOUND, "No such address."


class AddressLimitReached(Conflict):
    code, message = (ErrorCode.ADDRESS_LIMIT_REACHED,
                     f"You keep {MAX_ADDRESSES} addresses already; delete one first.")
