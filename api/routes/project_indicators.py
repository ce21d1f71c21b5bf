"""Weekly project indicators (一金三制、8个100%) and their district totals: all rows or none."""

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
    require_monday,
    scoped_district,
    validated,
)
from api.paging import Page, PagingDep
from api.routing import resource_router
from documents.indicator_sheet import PROJECT_SHEET
from domain.indicators.districts import percent
from domain.indicators.projects import (
    GROUP_LABELS,
    METRIC_GROUPS,
    PROJECT_METRIC_LABELS,
    MetricGroup,
    ProjectMetric,
    ProjectWeeklySubmission,
)
from ledger.indicators import service as indicators
from ledger.projects import service as projects

router = resource_router("indicators/projects", "指标")


class MetricRead(BaseModel):
    metric: ProjectMetric
    metric_label: str
    group: MetricGroup
    group_label: str
    numerator: int
    denominator: int
    rate: Decimal | None  # percent, one decimal; null when the denominator is 0

    @staticmethod
    def fields(metric: ProjectMetric, numerator: int, denominator: int) -> dict[str, Any]:
        """Labels and the rate, computed one way for projects and district totals alike."""
        group = METRIC_GROUPS[metric]
        return {
            "metric": metric,
            "metric_label": PROJECT_METRIC_LABELS[metric],
            "group": group,
            "group_label": GROUP_LABELS[group],
            "numerator": numerator,
            "denominator": denominator,
            "rate": percent(numerator, denominator),
        }


class ProjectIndicatorRead(MetricRead):
    project: str
    project_name: str
    district: str


class DistrictTotalRead(MetricRead):
    district: str
    projects: int  # projects that reported this metric


async def _save(
    session: AsyncSession,
    actor: Actor,
    submission: ProjectWeeklySubmission,
    places: list[dict[str, Any]],
    districts: dict[str, str],
) -> Saved:
    """Refuse projects of another district, then save every row and commit."""
    owned = [(p, districts[r.project]) for p, r in zip(places, submission.rows, strict=True)]
    refuse_foreign(actor, owned, "项目")
    saved = await indicators.save_project_week(
        session=session, submission=submission, by=actor.username, at=datetime.now(UTC)
    )
    await session.commit()
    return Saved(saved=saved)


@router.put(
    "/{week_start}",
    response_model=Saved,
    summary="报送项目周指标：一金三制、8个100%（逐行校验，全部有效才保存）",
)
async def submit_project_week(
    week_start: date, body: WeekBody, actor: IndicatorWriter, session: SessionDep
) -> Saved:
    submission = validated(ProjectWeeklySubmission, {"week_start": week_start, "rows": body.rows})
    districts = await projects.districts_of(session=session)
    subjects = [row.project for row in submission.rows]
    places = json_places(subjects, districts, field="project", what="项目", code="unknown_project")
    return await _save(session, actor, submission, places, districts)


@router.post(
    "/{week_start}/upload",
    response_model=Saved,
    summary="上传项目周指标 .xlsx（列：项目编码、指标、分子、分母；有错则逐行列出，全部不保存）",
)
async def upload_project_week(
    week_start: date, file: UploadFile, actor: IndicatorWriter, session: SessionDep
) -> Saved:
    districts = await projects.districts_of(session=session)
    submission, places = await read_upload(
        file,
        week_start=week_start,
        sheet=PROJECT_SHEET,
        subjects={code: code for code in districts},
        model=ProjectWeeklySubmission,
    )
    return await _save(session, actor, submission, places, districts)


@router.get(
    "/{week_start}",
    response_model=Page[ProjectIndicatorRead],
    summary="项目周指标（含比率）；区级账号只看本区项目",
)
async def read_project_week(
    week_start: date,
    actor: CurrentActor,
    session: SessionDep,
    paging: PagingDep,
    district: str | None = None,
) -> Page[ProjectIndicatorRead]:
    require_monday(week_start)
    stored, total = await indicators.project_week(
        session=session,
        week_start=week_start,
        district=scoped_district(actor, district),
        limit=paging.limit,
        offset=paging.offset,
    )
    items = [
        ProjectIndicatorRead(
            **MetricRead.fields(ProjectMetric(row.metric), row.numerator, row.denominator),
            project=project.code,
            project_name=project.name,
            district=project.district,
        )
        for row, project in stored
    ]
    return Page[ProjectIndicatorRead].of(items, total, paging)


@router.get(
    "/{week_start}/districts",
    response_model=Page[DistrictTotalRead],
    summary="各区项目指标汇总（各项目分子之和 / 分母之和）",
)
async def read_district_totals(
    week_start: date,
    actor: CurrentActor,
    session: SessionDep,
    paging: PagingDep,
    district: str | None = None,
) -> Page[DistrictTotalRead]:
    require_monday(week_start)
    totals, count = await indicators.district_totals(
        session=session,
        week_start=week_start,
        district=district,
        limit=paging.limit,
        offset=paging.offset,
    )
    items = [
        DistrictTotalRead(
            **MetricRead.fields(total.metric, total.numerator, total.denominator),
            district=total.district,
            projects=total.projects,
        )
        for total in totals
    ]
    return Page[DistrictTotalRead].of(items, count, paging)
