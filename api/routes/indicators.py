"""Weekly district indicators (实名制更新率、项目经理到岗率、监理总监到岗率): all rows or none."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy import select

from api.deps import CurrentActor, SessionDep
from api.errors import ApiError, validation_details
from domain.indicators import METRIC_LABELS, DistrictMetric, IndicatorRow, WeeklySubmission
from domain.roles import Role
from ledger import indicators
from ledger.units_table import Unit

router = APIRouter(prefix="/api/v1/indicators", tags=["指标"])


class WeekBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rows: list[dict[str, Any]]


class IndicatorRead(BaseModel):
    district: str
    metric: DistrictMetric
    metric_label: str
    numerator: int
    denominator: int
    rate: Decimal | None


class Saved(BaseModel):
    saved: int


@router.put(
    "/districts/{week_start}",
    response_model=Saved,
    summary="报送各区周指标（逐行校验，全部有效才保存）",
)
async def submit_week(
    week_start: date, body: WeekBody, actor: CurrentActor, session: SessionDep
) -> Saved:
    if actor.role not in (Role.OFFICE, Role.DISTRICT):
        raise ApiError(403, "forbidden_role", "周指标由各区或领导小组办公室报送")
    try:
        submission = WeeklySubmission.model_validate({"week_start": week_start, "rows": body.rows})
    except ValidationError as error:
        details = validation_details(list(error.errors()))
        raise ApiError(
            422,
            "invalid_indicators",
            f"指标有误：{details[0]['field']}：{details[0]['message']}",
            details,
        ) from None
    districts = set((await session.scalars(select(Unit.code).where(Unit.kind == "district"))).all())
    problems = []
    for index, row in enumerate(submission.rows):
        if row.district not in districts:
            problems.append(
                {"field": f"rows[{index}].district", "message": f"未知的区：{row.district}"}
            )
        elif actor.role is Role.DISTRICT and row.district != actor.unit:
            raise ApiError(
                403, "forbidden", f"rows[{index}].district: 只能报送本区（{actor.unit}）的指标"
            )
    if problems:
        raise ApiError(
            422,
            "unknown_district",
            f"指标有误：{problems[0]['field']}：{problems[0]['message']}",
            problems,
        )
    saved = await indicators.save_week(session=session, submission=submission, by=actor.username)
    await session.commit()
    return Saved(saved=saved)


@router.get(
    "/districts/{week_start}", response_model=list[IndicatorRead], summary="各区周指标（含比率）"
)
async def read_week(
    week_start: date, actor: CurrentActor, session: SessionDep
) -> list[IndicatorRead]:
    answer = []
    for stored in await indicators.week(session=session, week_start=week_start):
        row = IndicatorRow(
            district=stored.district,
            metric=DistrictMetric(stored.metric),
            numerator=stored.numerator,
            denominator=stored.denominator,
        )
        answer.append(IndicatorRead(
            district=row.district, metric=row.metric, metric_label=METRIC_LABELS[row.metric],
            numerator=row.numerator, denominator=row.denominator, rate=row.rate,
        ))  # fmt: skip
    return answer
