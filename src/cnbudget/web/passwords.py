"""Password hashes: argon2id with argon2-cffi's default (OWASP-recommended) cost."""

from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 8


@lru_cache(maxsize=1)
def _hasher() -> PasswordHasher:
    return PasswordHasher()


def hash_password(password: str) -> str:
    if len(password) < MIN_LENGTH:
        raise ValueError(f"a password has at least {MIN_LENGTH} characters")
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# verified against when the name is unknown, so that a wrong name costs as long as a
# wrong password (the answer's timing does not tell which names exist)
@lru_cache(maxsize=1)
def dummy_hash() -> str:
    return _hasher().hash("not a password of anyone")
