"""Sharing errors with stable codes."""

from enum import StrEnum

from app.errors import DomainError, NotFound


class ErrorCode(StrEnum):
    """Every error code of this package, each once."""

    SHARE_NOT_FOUND = "share_not_found"
    SHARE_EXPIRED = "share_expired"
    INVALID_SCENE = "invalid_scene"
    SHARE_KIND_UNAVAILABLE = "share_kind_unavailable"
    SHARE_TARGET_REQUIRED = "share_target_required"
    SHARE_TARGET_NOT_ALLOWED = "share_target_not_allowed"
    SHARE_TTL_TOO_LONG = "share_ttl_too_long"


class ShareNotFound(NotFound):
    code, message = ErrorCode.SHARE_NOT_FOUND, "No such share."


class ShareExpired(DomainError):
    code, status, message = ErrorCode.SHARE_EXPIRED, 410, "This share has expired."


class InvalidScene(NotFound):
    """A scene no share could have (bad characters, too long): nothing behind it."""
    code, message = ErrorCode.INVALID_SCENE, "That is not a share code."


class ShareKindUnavailable(DomainError):
    code, status, message = ErrorCode.SHARE_KIND_UNAVAILABLE, 422, "That kind cannot be shared yet."


class ShareTargetRequired(DomainError):
    code, status, message = ErrorCode.SHARE_TARGET_REQUIRED, 422, "Name what is shared (target_id)."


class ShareTargetNotAllowed(DomainError):
    code, status, message = (ErrorCode.SHARE_TARGET_NOT_ALLOWED, 422,
                             "This kind of share has no target.")


class ShareTtlTooLong(DomainError):
    code, status, message = (ErrorCode.SHARE_TTL_TOO_LONG, 422,
                             "A share cannot outlive its kind's validity.")
