"""The figures a task asks for (数据项), as its plan names them: what the completion form shows."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from domain.escalation import KEY_PATTERN


class FigureField(BaseModel):
    """One figure: its key in the completion's `figures`, the label people read and the unit it
    is counted in (家、个、人、万元 …). A task without named figures takes any figures."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str = Field(pattern=KEY_PATTERN)
    label: str = Field(min_length=1, max_length=50)
    unit: str = Field(default="", max_length=10)
