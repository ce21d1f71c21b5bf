"""Plan problems as a list an office can work through, each pinned to a path in the template.

Templates are edited by hand; stopping at the first mistake would make fixing one a loop of
upload, read, fix, upload. Everything found in one pass is reported together.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict


class PlanError(BaseModel):
    model_config = ConfigDict(frozen=True)

    path: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class PlanInvalid(ValueError):
    def __init__(self, errors: Sequence[PlanError]) -> None:
        super().__init__("；".join(str(error) for error in errors))
        self.errors = list(errors)


def location(loc: Sequence[int | str]) -> str:
    """`('phases', 2, 'end')` → `phases[2].end`, the way templates are read by people."""
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path
