"""A business refusal shared by every workflow's rules."""

from __future__ import annotations


class Refusal(Exception):
    """Refused action; `kind` maps to the HTTP status (forbidden 403, conflict 409, invalid 422)."""

    def __init__(self, kind: str, code: str, message: str):
        super().__init__(message)
        self.kind = kind
        self.code = code
        self.message = message
