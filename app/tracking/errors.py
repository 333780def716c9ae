"""Tracking errors with stable codes. A push refused with a 4xx writes
nothing (the provider sends it again)."""

from enum import StrEnum

from app.errors import DomainError, NotFound


class ErrorCode(StrEnum):
    """Every error code of this package, each once."""

    MALFORMED_PUSH = "malformed_push"
    PUSH_BAD_SIGNATURE = "push_bad_signature"
    PACKAGE_NOT_FOUND = "package_not_found"
    TRACKING_PROVIDER_DISABLED = "tracking_provider_disabled"
    TRACKING_PROVIDER_ERROR = "tracking_provider_error"
    TRACKING_PROVIDER_UNAVAILABLE = "tracking_provider_unavailable"


class MalformedPush(DomainError):
    code, status, message = (ErrorCode.MALFORMED_PUSH, 400,
                             "The push is not in the tracking provider's format.")


class PushBadSignature(DomainError):
    code, status, message = (ErrorCode.PUSH_BAD_SIGNATURE, 401,
                             "The push's signature does not verify.")


class PackageNotFound(NotFound):
    code, message = ErrorCode.PACKAGE_NOT_FOUND, "No package has this carrier and number."


class ProviderDisabled(NotFound):
    code, message = (ErrorCode.TRACKING_PROVIDER_DISABLED,
                     "This tracking provider is not the one configured.")


class ProviderError(DomainError):
    code, status, message = (ErrorCode.TRACKING_PROVIDER_ERROR, 502,
                             "The tracking provider refused the request.")


class ProviderUnavailable(DomainError):
    code, status, message = (ErrorCode.TRACKING_PROVIDER_UNAVAILABLE, 503,
                             "The tracking provider cannot be reached.")
