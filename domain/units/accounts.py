"""What a new account must say, checked before it reaches the ledger."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from domain.units.roles import Role


class AccountCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: str = Field(pattern=r"^[A-Za-z0-9._-]{2,64}$")
    password: str = Field(min_length=8, max_length=256)
    role: Role
    unit: str | None = None
    display_name: str | None = Field(default=None, max_length=100)
    title: str | None = Field(default=None, max_length=100)  # 职务, e.g. 市领导小组副组长


class AccountRefused(ValueError):
    """A business refusal (unknown unit, taken name …) with a Chinese message."""

    def __init__(self, code: str, message: str, field: str):
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field
