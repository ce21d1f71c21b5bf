"""What a start would make, before the office confirms it: phases with their dates, the goals'
days and the task count, resolved by the same code the start uses (or its 422)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime

from pydantic import BaseModel

from api.deps import OfficeActor, SessionDep
from api.routes.campaigns import CampaignPlanBody, resolve_body
from api.routing import resource_router

router = resource_router("campaigns", "专项行动")


class PreviewPhase(BaseModel):
    key: str
    name: str
    kind: str
    start: date
    end: date
    task_count: int


class PreviewGoal(BaseModel):
    key: str
    name: str
    date: date | None


class CampaignPreview(BaseModel):
    plan_key: str
    title: str
    root_unit: str
    period_start: date
    period_end: date | None
    phases: list[PreviewPhase]
    goals: list[PreviewGoal]
    task_count: int
    unit_count: int
    unphased_task_count: int
    provisional_years: list[int]


@router.post(
    "/preview", response_model=CampaignPreview, summary="预览专项行动（领导小组办公室，不启动）"
)
async def preview_campaign(
    body: CampaignPlanBody, actor: OfficeActor, session: SessionDep
) -> CampaignPreview:
    _plan, resolved = await resolve_body(body, session, datetime.now(UTC))
    per_phase = Counter(a.phase_key for a in resolved.assignments)
    return CampaignPreview(
        plan_key=resolved.plan_key,
        title=resolved.title,
        root_unit=resolved.root_unit,
        period_start=resolved.period_start,
        period_end=resolved.period_end,
        phases=[
            PreviewPhase(
                key=p.key,
                name=p.name,
                kind=p.kind.value,
                start=p.start,
                end=p.end,
                task_count=per_phase[p.key],
            )
            for p in resolved.phases
        ],
        goals=[PreviewGoal(key=g.key, name=g.name, date=g.date) for g in resolved.goals],
        task_count=len(resolved.assignments),
        unit_count=len({a.unit for a in resolved.assignments}),
        unphased_task_count=per_phase[None],
        provisional_years=resolved.provisional_years,
    )
