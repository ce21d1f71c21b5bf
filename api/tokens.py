"""Bearer tokens (JWT, HS256) that name the account, its role and its unit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt

ALGORITHM = "HS256"


@dataclass(frozen=True)
class TokenClaims:
    username: str
    role: str
    unit: str | None


class InvalidToken(Exception):
    """Malformed, tampered with or expired."""


def issue_token(claims: TokenClaims, *, secret: str, expire_minutes: int) -> str:
    now = datetime.now(UTC)
    payload = {
        "sub": claims.username,
        "role": claims.role,
        "unit": claims.unit,
        "iat": now,
        "exp": now + timedelta(minutes=expire_minutes),
    }
    return jwt.encode(payload, secret, algorithm=ALGORITHM)


def read_token(token: str, *, secret: str) -> TokenClaims:
    try:
        payload = jwt.decode(
            token, secret, algorithms=[ALGORITHM], options={"require": ["sub", "exp"]}
        )
    except jwt.PyJWTError as error:
        raise InvalidToken(str(error)) from error
    return TokenClaims(
        username=str(payload["sub"]), role=str(payload.get("role")), unit=payload.get("unit")
    )
