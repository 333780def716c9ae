"""Staff passwords: argon2id (argon2-cffi's defaults) and the strength rule.

A password is at least 8 characters and not all digits. Checking a login
that does not exist still runs one argon2 verification (against a fixed
hash), so a wrong login and a wrong password take about the same time."""

from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from app.auth.errors import WeakPassword

MIN_LENGTH = 8
MAX_LENGTH = 128

_hasher = PasswordHasher()


def check_strength(password: str) -> None:
    if len(password) < MIN_LENGTH or password.isdigit() or len(password) > MAX_LENGTH:
        raise WeakPassword(details={"min_length": MIN_LENGTH, "max_length": MAX_LENGTH})


def hash_password(password: str) -> str:
    check_strength(password)
    return _hasher.hash(password)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return _hasher.hash("not-a-password-of-anyone")


def verify(password_hash: str | None, password: str) -> bool:
    """True when `password` matches; a missing hash costs one verification too."""
    try:
        return _hasher.verify(password_hash or _dummy_hash(), password) and \
            password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)
