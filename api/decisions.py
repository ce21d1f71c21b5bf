"""The office's answer to a request, one body for every `POST …/{request}/decision`."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class DecisionBody(BaseModel):
    """Extension requests of tasks and cases, blacklist proposals and removal requests."""

    model_config = ConfigDict(extra="forbid")
    approve: bool = Field(description="true 同意，false 不同意")
    reason: str = Field(default="", max_length=2000, description="理由")
