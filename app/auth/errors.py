"""Auth errors with stable codes."""

from enum import StrEnum

from app.errors import DomainError, NotFound, Unauthorized


class ErrorCode(StrEnum):
    """Every error code of this package, each once."""

    USER_NOT_FOUND = "user_not_found"
    UNKNOWN_ROLE = "unknown_role"
    WECHAT_ERROR = "wechat_error"
    INVALID_CODE = "invalid_code"
    CODE_USED = "code_used"
    WECHAT_RATE_LIMITED = "wechat_rate_limited"
    USER_BLOCKED = "user_blocked"
    WECHAT_UNAVAILABLE = "wechat_unavailable"
    INVALID_TOKEN = "invalid_token"
    TOKEN_EXPIRED = "token_expired"
    LOGIN_NOT_CONFIGURED = "login_not_configured"
    TOKEN_REVOKED = "token_revoked"
    NOT_SIGNED_IN = "not_signed_in"
    CSRF_FAILED = "csrf_failed"
    BAD_CREDENTIALS = "bad_credentials"
    WEAK_PASSWORD = "weak_password"


class InvalidCode(Unauthorized):
    code, message = ErrorCode.INVALID_CODE, "The login code is not valid."


class CodeUsed(Unauthorized):
    code, message = ErrorCode.CODE_USED, "The login code was already used; call wx.login again."


class WeChatRateLimited(DomainError):
    code, status, message = (ErrorCode.WECHAT_RATE_LIMITED, 429,
                             "Too many logins; try again shortly.")


class UserBlocked(DomainError):
    code, status, message = ErrorCode.USER_BLOCKED, 403, "WeChat blocked this user as high-risk."


class WeChatUnavailable(DomainError):
    code, status, message = ErrorCode.WECHAT_UNAVAILABLE, 503, "WeChat did not answer; try again."


class InvalidToken(Unauthorized):
    code, message = ErrorCode.INVALID_TOKEN, "The token is not valid."


class TokenExpired(Unauthorized):
    code, message = ErrorCode.TOKEN_EXPIRED, "The token has expired; log in again."


class LoginNotConfigured(DomainError):
    code, status, message = (ErrorCode.LOGIN_NOT_CONFIGURED, 503,
                             "WeChat login is not configured on this server.")


class TokenRevoked(Unauthorized):
    code, message = ErrorCode.TOKEN_REVOKED, "The token was signed out; log in again."


class UserNotFound(NotFound):
    code, message = ErrorCode.USER_NOT_FOUND, "No such user."


class UnknownRole(DomainError):
    code, message = ErrorCode.UNKNOWN_ROLE, "No such role."


class WeChatError(DomainError):
    """WeChat answered an errcode we do not know (502, its errcode in details)."""

    code, status, message = ErrorCode.WECHAT_ERROR, 502, "WeChat refused the request."


class NotSignedIn(Unauthorized):
    """No console session, or one signed out, idle too long or too old."""

    code, message = ErrorCode.NOT_SIGNED_IN, "Sign in to the console first."


class CsrfFailed(DomainError):
    code, status, message = (ErrorCode.CSRF_FAILED, 403,
                             "Send the session's X-CSRF-Token header with every change.")


class BadCredentials(Unauthorized):
    code, message = ErrorCode.BAD_CREDENTIALS, "Wrong login or password."


class WeakPassword(DomainError):
    code, status, message = (ErrorCode.WEAK_PASSWORD, 422,
                             "A password needs at least 8 characters, not all digits.")
