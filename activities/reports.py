"""Producing reports and keeping a campaign's report Schedules: the report workflow's activities."""

from __future__ import annotations

import contextlib
from datetime import date, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity
from temporalio.client import Client, ScheduleAlreadyRunningError
from temporalio.exceptions import ApplicationError, WorkflowAlreadyStartedError
from temporalio.service import RPCError, RPCStatusCode

from activities.report_schedules import report_schedule, scheduled_duties
from documents.report_docx import report_docx
from documents.report_xlsx import report_xlsx
from domain.plan.model import Plan, ReportKind
from domain.plan.schedule import on_day_off
from domain.reports.figures import ReportFigures
from domain.reports.letterhead import Letterhead
from domain.reports.periods import report_id
from domain.reports.requests import (
    GatherInput,
    ProductionDay,
    ReportRef,
    ReportRequest,
    SchedulesInput,
    SpecialInput,
    schedule_id,
)
from domain.units.roles import Role
from infra.clock import today_in_beijing
from infra.settings import get_settings
from ledger.calendar import service as calendar
from ledger.campaigns import service as campaigns
from ledger.cases.tables import Case
from ledger.notifications import service as notifications
from ledger.reports import numbers
from ledger.reports import service as reports
from ledger.reports.figures import UnknownDuty, gather
from ledger.reports.territory import territory
from workflows.client import start_report

SPECIAL_LAG = timedelta(seconds=1)  # a 专报 is as of just after the event that made the case major


async def _recipients(session: AsyncSession, figures: ReportFigures) -> list[str]:
    """The office and the leaders; for a bulletin also every district and every unit it names."""
    names = await notifications.role_accounts(session=session, role=Role.OFFICE)
    names += await notifications.role_accounts(session=session, role=Role.LEADER)
    units = dict.fromkeys([r.code for r in figures.districts] + [r.unit for r in figures.overdue])
    if figures.case is None:
        names += await notifications.unit_accounts(session=session, unit_codes=units)
    return list(dict.fromkeys(names))


async def _letterhead(session: AsyncSession, figures: ReportFigures) -> Letterhead:
    """The 版头 and 版记: the office's 发文字号 of this year (kept on a re-run) and its 代字."""
    issuer = figures.issuer_unit or figures.issuer
    number = await numbers.allocate(
        session=session, report_id=figures.report_id, issuer=issuer, today=today_in_beijing()
    )
    return Letterhead(
        mark=figures.issuer,
        prefix=get_settings().document_prefixes.get(issuer, figures.issuer),
        number=number,
        addressee=figures.addressee,
        copy_to=figures.copy_to,
    )


class ReportActivities:
    def __init__(self, session_factory: async_sessionmaker[AsyncSession], client: Client):
        self.session_factory = session_factory
        self.client = client

    @activity.defn(name="report.produce")
    async def produce(self, request: GatherInput) -> ReportRef:
        """Gather as of the instant, render both files, store them and tell the recipients, in
        one transaction; a retry rewrites the same report and sends nothing twice."""
        async with self.session_factory() as session, session.begin():
            try:
                figures = await gather(session=session, request=request)
            except UnknownDuty as error:
                raise ApplicationError(
                    str(error), type="unknown_duty", non_retryable=True
                ) from None
            await reports.save(
                session=session,
                figures=figures,
                xlsx=report_xlsx(figures),
                docx=report_docx(
                    figures, await _letterhead(session, figures), get_settings().bulletin_template
                ),
            )
            usernames = await _recipients(session, figures)
            await notifications.notify(
                session=session,
                key=figures.report_id,
                usernames=usernames,
                kind="report",
                title=f"{figures.title}已生成",
                body=f"{figures.title}（{figures.period.label}）已生成，可在“报告”中下载。",
                task_id=None,
            )
        activity.logger.info("report produced", extra={"report_id": figures.report_id})
        return ReportRef(
            report_id=figures.report_id, title=figures.title, recipients=len(usernames)
        )

    @activity.defn(name="report.production_day")
    async def production_day(self, body: ProductionDay) -> date:
        """The day a scheduled report is produced: its own, or after a day off the next working
        day, by the calendar the office has loaded (read here, so the answer is recorded)."""
        async with self.session_factory() as session:
            working = await calendar.working_calendar(session=session)
        return on_day_off(body.due, body.rule, working)

    @activity.defn(name="report.create_schedules")
    async def create_schedules(self, body: SchedulesInput) -> int:
        """One Schedule per recurring duty; one that exists already (a retry) is left as it is."""
        duties = scheduled_duties(body)
        for duty in duties:
            with contextlib.suppress(ScheduleAlreadyRunningError):
                await self.client.create_schedule(
                    schedule_id(body.campaign_id, duty.key), report_schedule(body, duty)
                )
        return len(duties)

    @activity.defn(name="report.remove_schedules")
    async def remove_schedules(self, body: SchedulesInput) -> int:
        removed = 0
        for duty in scheduled_duties(body):
            handle = self.client.get_schedule_handle(schedule_id(body.campaign_id, duty.key))
            try:
                await handle.delete()
                removed += 1
            except RPCError as error:
                if error.status is not RPCStatusCode.NOT_FOUND:
                    raise
        return removed

    @activity.defn(name="report.special_for_case")
    async def special_for_case(self, body: SpecialInput) -> int:
        """Start a 专报 in every running campaign whose territory holds the case and whose plan
        asks for special reports; started twice (a retry) it is still one report each."""
        as_of = body.at + SPECIAL_LAG
        async with self.session_factory() as session:
            case = await session.get(Case, body.case_id)
            if case is None:
                return 0
            found: list[ReportRequest] = []
            for campaign in await campaigns.running(session=session):
                duties = [
                    d for d in Plan.model_validate(campaign.plan).reporting
                    if d.kind is ReportKind.SPECIAL
                ]  # fmt: skip
                land = await territory(session=session, root=campaign.root_unit)
                if duties and land.holds(case):
                    found += [
                        ReportRequest(
                            campaign_id=campaign.id,
                            duty_key=d.key,
                            kind=d.kind,
                            as_of=as_of,
                            case_id=case.id,
                        )
                        for d in duties
                    ]
        for request in found:
            with contextlib.suppress(WorkflowAlreadyStartedError):
                await start_report(
                    self.client,
                    request,
                    report_id(
                        campaign_id=request.campaign_id,
                        duty_key=request.duty_key,
                        as_of=as_of,
                        case_id=body.case_id,
                    ),
                )
        return len(found)
