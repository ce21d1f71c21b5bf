"""专项行动: the office starts one from a template or a full plan; everyone reads progress."""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime, timedelta
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator
from sqlalchemy.ext.asyncio import AsyncSession

from api.deps import CurrentActor, OfficeActor, SessionDep, TemporalDep
from api.errors import ApiError
from api.paging import Page, PagingDep
from api.routes.plans import template_path
from api.routing import resource_router
from documents.plan_file import load_plan, plan_text
from domain.campaigns import CampaignStart, CampaignState, resolution_horizon
from domain.escalation import SHANGHAI
from domain.plan.errors import PlanInvalid
from domain.plan.model import Plan
from domain.plan.resolve import ResolvedCampaign, resolve_plan
from domain.units.roles import Role
from infra.clock import today_in_beijing
from ledger.calendar import service as calendar
from ledger.campaigns import service as campaigns
from ledger.units import accounts
from ledger.units import service as units
from workflows.client import close_campaign as signal_close
from workflows.client import start_campaign

router = resource_router("campaigns", "专项行动")
START_AHEAD_DAYS = 366  # next season's campaign may be set up now
START_BACK_DAYS = 31  # a start recorded late; older would put every task overdue at once


def _check_start(start: date, today: date) -> None:
    if start > today + timedelta(days=START_AHEAD_DAYS):
        message = f"开始日期 {start} 晚于今天一年以上"
    elif start < today - timedelta(days=START_BACK_DAYS):
        message = f"开始日期 {start} 早于今天 {START_BACK_DAYS} 天以上，补录的行动请在一个月内启动"
    else:
        return
    raise ApiError(
        422,
        "start_out_of_range",
        f"start: {message}",
        [{"path": "start", "code": "start_out_of_range", "message": message}],
    )


class CampaignPlanBody(BaseModel):
    """Which plan and from which day: what a start and its preview share."""

    model_config = ConfigDict(extra="forbid")

    template: str | None = Field(default=None, description="方案模板 key（与 plan 二选一）")
    plan: dict[str, Any] | None = Field(default=None, description="完整方案（与 template 二选一）")
    start: date | None = Field(
        default=None,
        description="行动开始日期（北京时间，默认今天）；方案各日期相对此日推算，模板不写年份",
    )

    @model_validator(mode="after")
    def _one_source(self) -> Self:
        if (self.template is None) == (self.plan is None):
            raise ValueError("template 与 plan 须且只能提供一个")
        return self


class CampaignCreate(CampaignPlanBody):
    title: str | None = Field(default=None, max_length=200)
    supervising_leader: str | None = Field(default=None, description="督办包案领导的用户名")


class CampaignCreated(BaseModel):
    id: str
    title: str
    task_count: int
    provisional_years: list[int]


class PhaseRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    key: str
    name: str
    kind: str
    start: date
    end: date
    status: str


class CampaignRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    title: str
    plan_key: str
    root_unit: str
    status: str
    period_start: date
    period_end: date | None
    provisional_years: list[int]
    task_count: int
    supervising_leader: str | None
    created_by: str
    created_at: datetime
    closed_at: datetime | None
    summary: str | None


class ProgressRow(BaseModel):
    phase: str | None
    unit: str
    total: int
    completed: int
    overdue: int


class CampaignDetail(CampaignRead):
    phases: list[PhaseRead]
    progress: list[ProgressRow]


def _plan_errors(error: PlanInvalid) -> ApiError:
    details = [e.model_dump() for e in error.errors]
    summary = "；".join(str(e) for e in error.errors[:5])
    return ApiError(422, "invalid_plan", f"方案有误：{summary}", details)


async def resolve_body(
    body: CampaignPlanBody, session: AsyncSession, now: datetime
) -> tuple[Plan, ResolvedCampaign]:
    """The plan as a start would run it, or a 422 listing every error with its path: the start
    and its preview both come through here."""
    if body.start is not None:
        _check_start(body.start, today_in_beijing())
    working = await calendar.working_calendar(session=session)
    text = (
        template_path(body.template).read_text(encoding="utf-8")
        if body.template
        else plan_text(body.plan or {})
    )
    try:
        plan = load_plan(text, calendar=working, now=now, start=body.start)
        resolved = resolve_plan(
            plan,
            calendar=working,
            now=now,
            units=await units.all_specs(session=session),
            horizon=resolution_horizon(plan.period.standing, now),
        )
    except PlanInvalid as error:
        raise _plan_errors(error) from None
    return plan, resolved


@router.post(
    "", response_model=CampaignCreated, status_code=201, summary="启动专项行动（领导小组办公室）"
)
async def start_campaign_from_plan(
    body: CampaignCreate, actor: OfficeActor, session: SessionDep, client: TemporalDep
) -> CampaignCreated:
    now = datetime.now(UTC)
    plan, resolved = await resolve_body(body, session, now)
    if body.supervising_leader:
        leader = await accounts.get_by_username(session=session, username=body.supervising_leader)
        if leader is None or leader.role != Role.LEADER.value:
            raise ApiError(
                422, "unknown_leader", f"supervising_leader: {body.supervising_leader} 不是领导账号"
            )
    campaign_id = f"c{now.astimezone(SHANGHAI).strftime('%Y%m%d')}-{secrets.token_hex(3)}"
    start = CampaignStart(
        campaign_id=campaign_id,
        plan=plan.model_dump(mode="json"),
        created_by=actor.username,
        created_at=now,
        title=body.title,
        supervising_leader=body.supervising_leader,
    )
    await start_campaign(client, CampaignState(start=start))
    return CampaignCreated(
        id=campaign_id,
        title=body.title or resolved.title,
        task_count=len(resolved.assignments),
        provisional_years=resolved.provisional_years,
    )


@router.get("", response_model=Page[CampaignRead], summary="专项行动列表（新的在前）")
async def list_campaigns(
    actor: CurrentActor, session: SessionDep, paging: PagingDep
) -> Page[CampaignRead]:
    found, total = await campaigns.listed(session=session, limit=paging.limit, offset=paging.offset)
    return Page[CampaignRead].of([CampaignRead.model_validate(c) for c in found], total, paging)


@router.get(
    "/{campaign_id}", response_model=CampaignDetail, summary="专项行动详情与各阶段、各单位进度"
)
async def campaign_detail(
    campaign_id: str, actor: CurrentActor, session: SessionDep
) -> CampaignDetail:
    campaign = await campaigns.get(session=session, campaign_id=campaign_id)
    if campaign is None:
        raise ApiError(404, "campaign_not_found", f"专项行动 {campaign_id} 不存在")
    rows = await campaigns.progress(
        session=session, campaign_id=campaign_id, today=today_in_beijing()
    )
    if actor.role in (Role.UNIT, Role.DISTRICT):
        visible = await units.descendants(session=session, code=actor.unit or "")
        rows = [r for r in rows if r["unit"] in visible]
    return CampaignDetail(
        **CampaignRead.model_validate(campaign).model_dump(),
        phases=[
            PhaseRead.model_validate(p)
            for p in await campaigns.phases(session=session, campaign_id=campaign_id)
        ],
        progress=[ProgressRow(**r) for r in rows],
    )


class CloseBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: str = Field(min_length=2, max_length=500)


@router.post("/{campaign_id}/close", status_code=202, summary="结束专项行动（领导小组办公室）")
async def close_campaign(
    campaign_id: str, body: CloseBody, actor: OfficeActor, session: SessionDep, client: TemporalDep
) -> dict[str, str]:
    campaign = await campaigns.get(session=session, campaign_id=campaign_id)
    if campaign is None:
        raise ApiError(404, "campaign_not_found", f"专项行动 {campaign_id} 不存在")
    if campaign.status == "closed":
        raise ApiError(409, "campaign_closed", "专项行动已结束")
    await signal_close(client, campaign_id, body.reason)
    return {"status": "closing"}
