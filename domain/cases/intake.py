"""A wage-arrears case (欠薪案件/线索) as it arrives from any channel."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator

from domain.cases.identifiers import uscc_problem


class CaseSource(StrEnum):
    NATIONAL_PLATFORM = "national_platform"  # 全国根治欠薪线索反映平台
    HOTLINE = "hotline_12345"  # 12345 政务服务热线
    PETITION = "petition"  # 信访
    PUBLIC_OPINION = "public_opinion"  # 舆情
    INSPECTION = "inspection"  # 检查发现
    REFERRAL = "referral"  # 部门移送
    WALK_IN = "walk_in"  # 来访


SOURCE_LABELS = {
    CaseSource.NATIONAL_PLATFORM: "全国根治欠薪线索反映平台",
    CaseSource.HOTLINE: "12345热线",
    CaseSource.PETITION: "信访",
    CaseSource.PUBLIC_OPINION: "舆情",
    CaseSource.INSPECTION: "检查发现",
    CaseSource.REFERRAL: "部门移送",
    CaseSource.WALK_IN: "来访",
}


class ProjectType(StrEnum):
    GOVERNMENT = "government"  # 政府投资
    SOE = "soe"  # 国企
    PPP = "ppp"
    SOCIAL = "social"  # 社会投资


PROJECT_TYPE_LABELS = {
    ProjectType.GOVERNMENT: "政府投资项目",
    ProjectType.SOE: "国企项目",
    ProjectType.PPP: "PPP项目",
    ProjectType.SOCIAL: "社会投资项目",
}


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Complainant(Frozen):
    """Personal data: masked for accounts that do not handle the case, never logged."""

    name: str = Field(min_length=1, max_length=50)
    phone: str | None = Field(default=None, pattern=r"^[0-9+\-]{5,20}$")
    # The shape only: the check digit is checked where a clue enters (`id_number_problems`), so
    # that running workflows given an older number still replay.
    id_number: str | None = Field(default=None, pattern=r"^[0-9]{17}[0-9Xx]$")

    def masked(self) -> Complainant:
        return Complainant.model_construct(
            name=self.name[:1] + "*" * (len(self.name) - 1),
            phone=(self.phone[:3] + "****" + self.phone[-4:])
            if self.phone and len(self.phone) >= 7
            else None,
            id_number=(self.id_number[:6] + "********" + self.id_number[-4:])
            if self.id_number
            else None,
        )


class Employer(Frozen):
    name: str = Field(min_length=1, max_length=200)
    credit_code: str | None = Field(default=None, description="统一社会信用代码")

    @field_validator("credit_code")
    @classmethod
    def _valid_code(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.upper()
        problem = uscc_problem(value)
        if problem:
            raise ValueError(problem)
        return value


class Project(Frozen):
    name: str = Field(min_length=1, max_length=200)
    type: ProjectType = ProjectType.SOCIAL
    general_contractor: str | None = Field(default=None, max_length=200)


class CaseIntake(Frozen):
    """What registers a case; (source, external_id) identifies it across channels."""

    source: CaseSource
    external_id: str = Field(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9._:\-]+$")
    received_at: datetime
    complainants: tuple[Complainant, ...] = Field(min_length=1, max_length=50)
    workers_affected: int = Field(ge=1, le=100_000)
    amount_claimed: Decimal = Field(ge=0, le=Decimal("9999999999.99"), decimal_places=2)
    employer: Employer
    project: Project | None = None
    sector: str = Field(min_length=1, max_length=50)
    district: str = Field(min_length=1, max_length=64, description="区（单位编码）")
    town: str | None = Field(default=None, max_length=64)
    description: str = Field(min_length=1, max_length=5000)
    group_incident: bool = False  # 群体性事件
    extreme_incident: bool = False  # 极端事件
