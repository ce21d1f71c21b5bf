"""Weekly district indicators (实名制更新率、项目经理到岗率、监理总监到岗率): all rows or none."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from fastapi import UploadFile
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from api.deps import Actor, CurrentActor, SessionDep
from api.indicator_common import (
    IndicatorWriter,
    Saved,
    WeekBody,
    json_places,
    read_upload,
    refuse_foreign,
    validated,
)
from api.paging import Page, PagingDep
from api.routing import resource_router
from documents.indicator_sheet import DISTRICT_SHEET
from domain.indicators.districts import (
    METRIC_LABELS,
    DistrictMetric,
    IndicatorRow,
    WeeklySubmission,
)
from ledger.indicators import service as indicators
from ledger.units import service as units

router = resource_router("indicators/districts", "指标")

DISTRICT_KINDS = ("district",)


class DistrictIndicatorRead(BaseModel):
    district: str
    metric: DistrictMetric
    metric_label: str
    numerator: int
    denominator: int
    rate: Decimal | None


async def _save(
    session: AsyncSession, actor: Actor, submission: WeeklySubmission, places: list[dict[str, Any]]
) -> Saved:
    """Refuse rows of another district, then save every row and commit."""
    refuse_foreign(
        actor, [(p, r.district) for p, r in zip(places, submission.rows, strict=True)], ""
    )
    saved = await indicators.save_week(
        session=session, submission=submission, by=actor.username, at=datetime.now(UTC)
    )
    await session.commit()
    return Saved(saved=saved)


@router.put(
    "/{week_start}",
    response_model=Saved,
    summary="报送各区周指标（逐行校验，全部有效才保存）",
)
async def submit_district_week(
    week_start: date, body: WeekBody, actor: IndicatorWriter, session: SessionDep
) -> Saved:
    submission = validated(WeeklySubmission, {"week_start": week_start, "rows": body.rows})
    lookup = await units.name_lookup(session=session, kinds=DISTRICT_KINDS)
    subjects = [row.district for row in submission.rows]
    places = json_places(
        subjects, set(lookup.values()), field="district", what="区", code="unknown_district"
    )
    return await _save(session, actor, submission, places)


@router.post(
    "/{week_start}/upload",
    response_model=Saved,
    summary="上传各区周指标 .xlsx（列：区、指标、分子、分母；有错则逐行列出，全部不保存）",
)
async def upload_district_week(
    week_start: date, file: UploadFile, actor: IndicatorWriter, session: SessionDep
) -> Saved:
    lookup = await units.name_lookup(session=session, kinds=DISTRICT_KINDS)
    submission, places = await read_upload(
        file, week_start=week_start, sheet=DISTRICT_SHEET, subjects=lookup, model=WeeklySubmission
    )
    return await _save(session, actor, submission, places)


@router.get(
    "/{week_start}",
    response_model=Page[DistrictIndicatorRead],
    summary="各区周指标（含比率；按区、指标）",
)
async def read_district_week(
    week_start: date, actor: CurrentActor, session: SessionDep, paging: PagingDep
) -> Page[DistrictIndicatorRead]:
    found, total = await indicators.week(
        session=session, week_start=week_start, limit=paging.limit, offset=paging.offset
    )
    answer = []
    for stored in found:
        row = IndicatorRow(
            district=stored.district,
            metric=DistrictMetric(stored.metric),
            numerator=stored.numerator,
            denominator=stored.denominator,
        )
        answer.append(DistrictIndicatorRead(
            district=row.district, metric=row.metric, metric_label=METRIC_LABELS[row.metric],
            numerator=row.numerator, denominator=row.denominator, rate=row.rate,
        ))  # fmt: skip
    return Page[DistrictIndicatorRead].of(answer, total, paging)
