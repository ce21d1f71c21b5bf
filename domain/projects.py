"""工程项目 registry: the projects whose 一金三制 and 8个100% figures are reported each week."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from domain.cases.intake import ProjectType

# Codes travel in URLs and in Excel cells, so they stay plain: letters, digits, . _ -
# (施工许可证编号 and platform project numbers fit).
PROJECT_CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._\-]{0,63}$"


class ProjectWrite(BaseModel):
    """A project as registered or corrected; the code comes from the URL."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    name: str = Field(min_length=1, max_length=200)
    district: str = Field(min_length=1, max_length=64)
    project_type: ProjectType
    general_contractor: str | None = Field(default=None, max_length=200)
