"""argon2id password hashing; the only place a password is touched.

Parameters are OWASP's first recommended argon2id setting (m = 19 MiB, t = 2, p = 1): a login
costs tens of milliseconds on two cores instead of a second, and a hash made with other
parameters is replaced at the next successful login (`needs_rehash`).
"""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


@cache
def _dummy_hash() -> str:
    """A real hash to verify against when the account does not exist, so a wrong username costs
    as much time as a wrong password and does not reveal which accounts exist."""
    return _hasher.hash("qingling-timing-equaliser")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when the password matches; spends the same time when there is no account."""
    try:
        matches = _hasher.verify(password_hash or _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return False
    return matches and password_hash is not None


def needs_rehash(password_hash: str) -> bool:
    """Whether the stored hash was made with other parameters than today's."""
    try:
        return _hasher.check_needs_rehash(password_hash)
    except InvalidHashError:
        return True
