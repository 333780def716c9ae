"""Region errors with stable codes."""

from enum import StrEnum

from app.errors import DomainError, NotFound


class ErrorCode(StrEnum):
    """Every error code of this package, each once."""

    REGION_NOT_FOUND = "region_not_found"
    UNKNOWN_REGION = "unknown_region"
    REGION_NOT_A_DISTRICT = "region_not_a_district"


class RegionNotFound(NotFound):
    code, message = ErrorCode.REGION_NOT_FOUND, "No such region."


class UnknownRegion(DomainError):
    code, status, message = (ErrorCode.UNKNOWN_REGION, 422,
                             "The region code is not in the administrative divisions.")


class RegionNotADistrict(DomainError):
    code, status, message = (ErrorCode.REGION_NOT_A_DISTRICT, 422,
                             "Name a district (or a city without districts), "
                             "not a province or a city.")
