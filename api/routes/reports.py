"""报告: produced reports to list and download, the office's "produce it now", and the Schedules."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime
from typing import Any, Literal
from urllib.parse import quote

from fastapi import Query, Response
from pydantic import BaseModel, ConfigDict, Field
from temporalio.client import WorkflowFailureError, WorkflowHandle
from temporalio.exceptions import ActivityError, ApplicationError
from temporalio.service import RPCError, RPCStatusCode

from api.deps import CurrentActor, OfficeActor, SessionDep, TemporalDep
from api.errors import ApiError
from api.paging import Page, PagingDep
from api.routing import joined, resource_router
from domain.escalation import SHANGHAI, end_of_day, start_of_day
from domain.plan.model import DayOffRule, Plan, ReportKind
from domain.plan.schedule import on_day_off
from domain.reports.periods import PRODUCED_KINDS, SCHEDULED_KINDS, report_id, report_instant
from domain.reports.requests import ReportRef, ReportRequest, schedule_id
from ledger.calendar import service as calendar
from ledger.campaigns.tables import Campaign
from ledger.cases.tables import Case
from ledger.reports import service as reports
from ledger.reports.territory import territory
from workflows.client import produce_report

TAG = "报告"
report_router = resource_router("reports", TAG)
campaign_report_router = resource_router("campaigns/{campaign_id}/reports", TAG)
schedule_router = resource_router("campaigns/{campaign_id}/report-schedules", TAG)
WAIT_FOR_REPORT = 30.0  # seconds the API waits before answering 202 with the running report
MEDIA = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


class ReportRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    campaign_id: str
    duty_key: str
    kind: ReportKind
    title: str
    period_start: datetime
    period_end: datetime
    period_label: str
    requested_by: str
    created_at: datetime


class ReportDetail(ReportRead):
    figures: dict[str, Any]


class TriggerBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    duty_key: str = Field(min_length=1, max_length=64, description="方案中的报送事项 key")
    as_of: datetime | None = Field(default=None, description="统计截止时刻，缺省为当前")
    case_id: str | None = Field(default=None, description="专报所涉重大案件")


class Triggered(BaseModel):
    id: str
    status: Literal["done", "running"]
    report: ReportRead | None = None


DAY_OFF_NOTES = {
    DayOffRule.NEXT_WORKING_DAY: "触发日遇休息日的，顺延至下一工作日报送（民法典第二百零三条）",
    DayOffRule.KEEP: "节假日照常报送",
    DayOffRule.PREVIOUS_WORKING_DAY: "触发日遇休息日的，提前至前一工作日报送",
}


class ReportScheduleRead(BaseModel):
    id: str
    duty_key: str
    title: str
    paused: bool
    next_runs: list[datetime] = Field(description="Schedule 的下几次触发时间（北京时间）")
    on_day_off: DayOffRule
    next_productions: list[datetime] = Field(
        description="按工作日历，下几次实际生成报告的时间：触发日为休息日的顺延至下一工作日"
    )
    note: str


@report_router.get("", response_model=Page[ReportRead], summary="报告列表（新的在前）")
async def list_reports(
    actor: CurrentActor,
    session: SessionDep,
    paging: PagingDep,
    campaign_id: str | None = None,
    kind: ReportKind | None = None,
    duty_key: str | None = Query(default=None, max_length=64, description="报送事项 key"),
    period_from: date | None = Query(default=None, description="统计期含此日或之后的日子"),
    period_to: date | None = Query(default=None, description="统计期含此日或之前的日子"),
) -> Page[ReportRead]:
    found, total = await reports.listed(
        session=session,
        f=reports.ReportFilter(
            campaign_id=campaign_id,
            kind=None if kind is None else kind.value,
            duty_key=duty_key,
            covering_from=None if period_from is None else start_of_day(period_from),
            covering_before=None if period_to is None else end_of_day(period_to),
        ),
        limit=paging.limit,
        offset=paging.offset,
    )
    return Page[ReportRead].of([ReportRead.model_validate(r) for r in found], total, paging)


@report_router.get("/{report_id}", response_model=ReportDetail, summary="报告详情与数据")
async def report_detail(report_id: str, actor: CurrentActor, session: SessionDep) -> ReportDetail:
    found = await reports.get(session=session, report_id=report_id)
    if found is None:
        raise ApiError(404, "report_not_found", f"报告 {report_id} 不存在")
    return ReportDetail.model_validate(found)


@report_router.get("/{report_id}/{fmt}", summary="下载报告（xlsx 表格或 docx 通报）")
async def download_report(
    report_id: str, fmt: str, actor: CurrentActor, session: SessionDep
) -> Response:
    if fmt not in MEDIA:
        raise ApiError(404, "unknown_format", f"没有 {fmt} 格式，可选 xlsx 或 docx")
    found = await reports.get(session=session, report_id=report_id, with_files=True)
    if found is None:
        raise ApiError(404, "report_not_found", f"报告 {report_id} 不存在")
    name = quote(f"{found.title}（{found.period_label}）.{fmt}")
    return Response(
        content=found.xlsx if fmt == "xlsx" else found.docx,
        media_type=MEDIA[fmt],
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{name}"},
    )


async def _campaign_and_plan(session: SessionDep, campaign_id: str) -> tuple[Campaign, Plan]:
    campaign = await session.get(Campaign, campaign_id)
    if campaign is None:
        raise ApiError(404, "campaign_not_found", f"专项行动 {campaign_id} 不存在")
    return campaign, Plan.model_validate(campaign.plan)


def _as_of(body: TriggerBody, campaign: Campaign) -> datetime:
    now = datetime.now(UTC)
    as_of = body.as_of or now
    if as_of.tzinfo is None:
        raise ApiError(422, "naive_time", "as_of: 请带时区（如 2026-12-01T00:00:00+08:00）")
    if as_of > now:
        raise ApiError(422, "as_of_in_future", "as_of: 统计截止时刻不能晚于现在")
    if as_of <= start_of_day(campaign.period_start):
        start = campaign.period_start.isoformat()
        raise ApiError(422, "as_of_before_start", f"as_of: 专项行动自 {start} 开始，此前无可统计")
    return as_of.astimezone(UTC)


async def _check_subject(
    session: SessionDep, campaign: Campaign, kind: ReportKind, case_id: str
) -> None:
    """A 专报's case must exist in the campaign's territory."""
    case = await session.get(Case, case_id)
    if kind is not ReportKind.SPECIAL or case is None:
        raise ApiError(422, "unknown_case", f"case_id: 案件 {case_id} 不存在或该报送事项不是专报")
    land = await territory(session=session, root=campaign.root_unit)
    if not land.holds(case):
        raise ApiError(
            422, "case_outside_campaign", f"case_id: 案件 {case.case_number} 不在本专项行动范围内"
        )


async def _answer(handle: WorkflowHandle[Any, ReportRef], session: SessionDep) -> Triggered:
    try:
        done = await asyncio.wait_for(handle.result(), timeout=WAIT_FOR_REPORT)
    except TimeoutError:
        return Triggered(id=handle.id, status="running")
    except WorkflowFailureError as failure:
        cause = failure.cause.cause if isinstance(failure.cause, ActivityError) else failure.cause
        reason = cause.message if isinstance(cause, ApplicationError) else str(cause)
        raise ApiError(502, "report_failed", f"报告生成失败：{reason}") from None
    stored = await reports.get(session=session, report_id=done.report_id)
    assert stored is not None
    return Triggered(id=done.report_id, status="done", report=ReportRead.model_validate(stored))


@campaign_report_router.post(
    "",
    response_model=Triggered,
    status_code=201,
    summary="立即生成报告（办公室；30 秒内未完成答 202）",
)
async def produce_report_now(
    campaign_id: str,
    body: TriggerBody,
    actor: OfficeActor,
    session: SessionDep,
    client: TemporalDep,
    response: Response,
) -> Triggered:
    campaign, plan = await _campaign_and_plan(session, campaign_id)
    duty = next((d for d in plan.reporting if d.key == body.duty_key), None)
    if duty is None:
        keys = "、".join(d.key for d in plan.reporting) or "（无）"
        raise ApiError(
            422, "unknown_duty", f"duty_key: 方案中没有报送事项 {body.duty_key}，可选：{keys}"
        )
    if duty.kind not in PRODUCED_KINDS:
        raise ApiError(
            422, "owed_by_units", f"duty_key: {duty.title}由各单位作为任务报送，系统不代为生成"
        )
    if body.case_id is not None:
        await _check_subject(session, campaign, duty.kind, body.case_id)
    as_of = report_instant(duty.kind, _as_of(body, campaign), campaign.period_start)
    request = ReportRequest(
        campaign_id=campaign.id,
        duty_key=duty.key,
        kind=duty.kind,
        as_of=as_of,
        case_id=body.case_id,
        requested_by=actor.username,
    )
    await session.close()  # no connection held while the report is produced
    handle = await produce_report(
        client, request, report_id(campaign.id, duty.key, as_of, body.case_id)
    )
    answer = await _answer(handle, session)
    if answer.status == "running":
        response.status_code = 202
    return answer


@schedule_router.get(
    "",
    response_model=Page[ReportScheduleRead],
    summary="专项行动的定时报告（Temporal Schedules）",
)
async def list_report_schedules(
    campaign_id: str,
    actor: CurrentActor,
    session: SessionDep,
    client: TemporalDep,
    paging: PagingDep,
) -> Page[ReportScheduleRead]:
    campaign, plan = await _campaign_and_plan(session, campaign_id)
    working = await calendar.working_calendar(session=session)
    found = []
    for duty in (d for d in plan.reporting if d.kind in SCHEDULED_KINDS):
        try:
            described = await client.get_schedule_handle(
                schedule_id(campaign.id, duty.key)
            ).describe()
        except RPCError as error:
            if error.status is RPCStatusCode.NOT_FOUND:
                continue
            raise
        runs = [t.astimezone(SHANGHAI) for t in described.info.next_action_times[:5]]
        rule = duty.day_off_rule()
        found.append(
            ReportScheduleRead(
                id=described.id,
                duty_key=duty.key,
                title=duty.title,
                paused=described.schedule.state.paused,
                next_runs=runs,
                on_day_off=rule,
                next_productions=[
                    datetime.combine(on_day_off(t.date(), rule, working), t.timetz()) for t in runs
                ],
                note=DAY_OFF_NOTES[rule],
            )
        )
    return Page[ReportScheduleRead].cut(found, paging)


router = joined(report_router, campaign_report_router, schedule_router)
