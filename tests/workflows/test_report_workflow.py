"""The report workflow: its instant and id alone on the time-skipping server (activity replaced
by name), and with its real activity on the dev server, where a duty the plan lacks fails."""

from __future__ import annotations

import contextlib
import uuid
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity
from temporalio.client import Client, WorkflowFailureError
from temporalio.exceptions import ActivityError, ApplicationError
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from domain.calendar.workdays import WorkingCalendar
from domain.plan.model import DayOffRule, ReportKind
from domain.plan.schedule import on_day_off
from domain.reports.requests import GatherInput, ProductionDay, ReportRef, ReportRequest
from infra.task_queues import MAIN_TASK_QUEUE
from ledger.reports.tables import Report
from tests.ledger.report_dataset import CAMPAIGN, bj, seed
from tests.scenario_dates import (
    beijing_date,
    beijing_time,
    next_weekday,
    next_working_day,
    skip_to,
)
from workers.main import sandbox_runner
from workflows.report import ReportWorkflow


class Producer:
    """The two activities by name; the production day from the library's calendar."""

    def __init__(self, env: WorkflowEnvironment) -> None:
        self.env = env
        self.asked: list[tuple[GatherInput, datetime]] = []  # with the server's time
        self.days_asked: list[ProductionDay] = []

    @activity.defn(name="report.produce")
    async def produce(self, request: GatherInput) -> ReportRef:
        self.asked.append((request, await self.env.get_current_time()))
        return ReportRef(report_id=request.report_id, title="t", recipients=0)

    @activity.defn(name="report.production_day")
    async def production_day(self, body: ProductionDay) -> date:
        self.days_asked.append(body)
        return on_day_off(body.due, body.rule, WorkingCalendar())


async def run_alone(
    env: WorkflowEnvironment, request: ReportRequest, *, skipping: bool = False
) -> tuple[GatherInput, datetime, Producer]:
    producer = Producer(env)
    queue = f"report-{uuid.uuid4().hex[:8]}"
    with contextlib.nullcontext() if skipping else env.auto_time_skipping_disabled():
        async with Worker(
            env.client, task_queue=queue, workflows=[ReportWorkflow],
            activities=[producer.produce, producer.production_day],
            workflow_runner=sandbox_runner(),
        ):  # fmt: skip
            await env.client.execute_workflow(
                ReportWorkflow.run, request, id=f"r-{uuid.uuid4().hex[:8]}", task_queue=queue
            )
    [(asked, at)] = producer.asked
    return asked, at, producer


async def test_a_scheduled_run_reports_as_of_the_last_midnight(
    time_skipping_env: WorkflowEnvironment,
) -> None:
    env = time_skipping_env
    day = next_working_day(beijing_date(await env.get_current_time()))
    if day.day == 1:  # a day inside a month, so that the week's midnight is not the month's
        day = next_working_day(day)
    await skip_to(env, beijing_time(day, 12))  # noon: no midnight passes while the runs run
    weekly, _, _ = await run_alone(
        env, ReportRequest(campaign_id="c1", duty_key="w", kind=ReportKind.WEEKLY)
    )
    assert weekly.as_of == beijing_time(day)
    assert weekly.report_id == f"report:c1:w:{day:%Y%m%d}T0000"
    assert weekly.deferred_from is None  # a working day: produced at once
    monthly, _, _ = await run_alone(
        env, ReportRequest(campaign_id="c1", duty_key="m", kind=ReportKind.MONTHLY)
    )
    assert monthly.as_of == beijing_time(day.replace(day=1))


async def test_a_scheduled_run_on_a_day_off_waits_for_the_next_working_day(
    time_skipping_env: WorkflowEnvironment,
) -> None:
    env = time_skipping_env
    day_off = next_weekday(beijing_date(await env.get_current_time()), 5)
    while WorkingCalendar().is_working_day(day_off):  # a 调休 Saturday is worked
        day_off += timedelta(days=1)
    await skip_to(env, beijing_time(day_off, 8))
    daily, _, producer = await run_alone(
        env, ReportRequest(campaign_id="c1", duty_key="d", kind=ReportKind.DAILY)
    )
    assert producer.days_asked == [] and daily.deferred_from is None  # key dates: every day
    assert daily.as_of == beijing_time(day_off)  # produced at once, on the morning it fires
    weekly, made_at, producer = await run_alone(
        env, ReportRequest(campaign_id="c1", duty_key="w", kind=ReportKind.WEEKLY), skipping=True
    )
    monday = next_working_day(day_off)
    assert [(d.due, d.rule) for d in producer.days_asked] == [
        (day_off, DayOffRule.NEXT_WORKING_DAY)
    ]
    assert (weekly.as_of, weekly.deferred_from) == (beijing_time(day_off), day_off)
    assert beijing_time(monday, 8) <= made_at < beijing_time(monday, 8) + timedelta(minutes=5)


async def test_an_asked_instant_and_case_pass_through(
    time_skipping_env: WorkflowEnvironment,
) -> None:
    day = beijing_date(await time_skipping_env.get_current_time()) + timedelta(days=6)
    at = beijing_time(day, 9, 2) + timedelta(seconds=3)  # any instant, here 09:02:03 in Beijing
    asked, _, _ = await run_alone(
        time_skipping_env,
        ReportRequest(campaign_id="c1", duty_key="s", kind=ReportKind.SPECIAL, as_of=at,
                      case_id="case:x", requested_by="office"),
    )  # fmt: skip
    assert (asked.as_of, asked.case_id, asked.requested_by) == (at, "case:x", "office")
    assert asked.report_id == f"report:c1:s:{day:%Y%m%d}T090203.000000:case:x"


@pytest.mark.usefixtures("quiet_temporal", "clean_db", "dev_worker")
async def test_end_to_end_it_stores_the_report_and_refuses_an_unknown_duty(
    dev_client: Client, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    async with session_factory() as session, session.begin():
        await seed(session)
    # The ledger is the fixed report dataset, dated by hand; the report is asked for as of that
    # dataset's Monday, and nothing here reads the dev server's clock, so the date never ages.
    request = ReportRequest(
        campaign_id=CAMPAIGN, duty_key="weekly-bulletin", kind=ReportKind.WEEKLY,
        as_of=bj(2026, 12, 7),
    )  # fmt: skip
    made = await dev_client.execute_workflow(
        ReportWorkflow.run, request, id=f"r-{uuid.uuid4().hex[:8]}", task_queue=MAIN_TASK_QUEUE
    )
    async with session_factory() as session:
        stored = await session.get(Report, made.report_id)
        assert stored is not None
        assert (
            stored.figures["tasks"]["overdue"] == 3
            and stored.period_label == "2026年11月30日—12月6日"
        )
    bad = request.model_copy(update={"duty_key": "no-such-duty"})
    with pytest.raises(WorkflowFailureError) as failed:
        await dev_client.execute_workflow(
            ReportWorkflow.run, bad, id=f"r-{uuid.uuid4().hex[:8]}", task_queue=MAIN_TASK_QUEUE
        )
    assert isinstance(failed.value.cause, ActivityError)
    cause = failed.value.cause.cause
    assert isinstance(cause, ApplicationError) and cause.type == "unknown_duty"
    assert "no-such-duty" in cause.message
