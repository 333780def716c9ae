"""Sharing errors with stable codes."""

from app.errors import DomainError, NotFound


class ShareNotFound(NotFound):
    code, message = "share_not_found", "No such share."


class ShareExpired(DomainError):
    code, status, message = "share_expired", 410, "This share has expired."


class InvalidScene(NotFound):
    """A scene no share could have (bad characters, too long): nothing behind it."""
    code, message = "invalid_scene", "That is not a share code."


class ShareKindUnavailable(DomainError):
    code, status, message = "share_kind_unavailable", 422, "That kind cannot be shared yet."


class ShareTargetRequired(DomainError):
    code, status, message = "share_target_required", 422, "Name what is shared (target_id)."


class ShareTargetNotAllowed(DomainError):
    code, status, message = "share_target_not_allowed", 422, "This kind of share has no target."


class ShareTtlTooLong(DomainError):
    code, status, message = "share_ttl_too_long", 422, "A share cannot outlive its kind's validity."


class NoPoster(DomainError):
    code, status, message = "share_has_no_poster", 404, "Only product shares have a poster."
