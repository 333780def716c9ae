"""Auth errors with stable codes."""

from app.errors import DomainError, Unauthorized


class InvalidCode(Unauthorized):
    code, message = "invalid_code", "The login code is not valid."


class CodeUsed(Unauthorized):
    code, message = "code_used", "The login code was already used; call wx.login again."


class WeChatRateLimited(DomainError):
    code, status, message = "wechat_rate_limited", 429, "Too many logins; try again shortly."


class UserBlocked(DomainError):
    code, status, message = "user_blocked", 403, "WeChat blocked this user as high-risk."


class WeChatUnavailable(DomainError):
    code, status, message = "wechat_unavailable", 503, "WeChat did not answer; try again."


class InvalidToken(Unauthorized):
    code, message = "invalid_token", "The token is not valid."


class TokenExpired(Unauthorized):
    code, message = "token_expired", "The token has expired; log in again."


class LoginNotConfigured(DomainError):
    code, status, message = ("login_not_configured", 503,
                             "WeChat login is not configured on this server.")


class TokenRevoked(Unauthorized):
    code, message = "token_revoked", "The token was signed out; log in again."
