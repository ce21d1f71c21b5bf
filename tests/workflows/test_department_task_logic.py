"""The department-task workflow alone, on the time-skipping server, activities replaced by name.

The server's clock starts at the real now, so every date is chosen from that clock: the holiday
cases take the next New Year break and the next Spring Festival of a year chinese_calendar has
not published (provisional calendar); other holidays are covered by the pure deadline tests in
tests/domain.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import date, datetime, timedelta

import pytest
from temporalio import activity
from temporalio.client import WorkflowHandle, WorkflowUpdateFailedError
from temporalio.exceptions import ApplicationError
from temporalio.service import RPCError, RPCStatusCode
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from domain.calendar.workdays import WorkingCalendar
from domain.tasks.model import (
    CalendarChanged,
    CancelInput,
    CompleteInput,
    ExtensionDecisionInput,
    ExtensionRequestInput,
    ProgressInput,
    ReassignInput,
    TaskState,
    TaskStatus,
)
from domain.tasks.records import EscalationInput, EscalationOutcome, TaskChange, WebhookInput
from tests.polling import eventually
from tests.scenario_dates import (
    arrangement_with_days_off,
    beijing_date,
    beijing_time,
    days_off_around,
    next_new_year_break,
    next_ordinary_monday,
    next_provisional_spring_festival,
    next_working_day,
    nth_working_day,
    skip_to,
)
from tests.workflows.task_fixtures import OFFICE, OTHER_UNIT, UNIT, task_state
from workers.main import sandbox_runner
from workflows.department_task import DepartmentTaskWorkflow


def lapsed(day: date) -> datetime:
    """The instant a Beijing day has fully gone by: its following midnight."""
    return beijing_time(day + timedelta(days=1))


class Recorder:
    """Stand-ins for the ledger activities that remember what they were asked to write."""

    def __init__(self) -> None:
        self.changes: list[TaskChange] = []
        self.escalations: list[EscalationInput] = []

    @activity.defn(name="task.record_change")
    async def record_change(self, change: TaskChange) -> None:
        self.changes.append(change)

    @activity.defn(name="task.escalate")
    async def escalate(self, body: EscalationInput) -> EscalationOutcome:
        self.escalations.append(body)
        return EscalationOutcome(recorded=True)

    @activity.defn(name="webhook.deliver")
    async def deliver(self, body: WebhookInput) -> None:
        raise AssertionError("no webhooks in logic tests")

    def steps(self) -> list[tuple[str, datetime]]:
        return [(e.step.key, e.due_at) for e in self.escalations]


@pytest.fixture
async def harness(
    time_skipping_env: WorkflowEnvironment,
) -> AsyncIterator[tuple[WorkflowEnvironment, Recorder, str]]:
    recorder = Recorder()
    queue = f"task-logic-{uuid.uuid4().hex[:8]}"
    async with Worker(
        time_skipping_env.client,
        task_queue=queue,
        workflows=[DepartmentTaskWorkflow],
        activities=[recorder.record_change, recorder.escalate, recorder.deliver],
        workflow_runner=sandbox_runner(),
    ):
        yield time_skipping_env, recorder, queue


async def start(
    env: WorkflowEnvironment, queue: str, state: TaskState
) -> WorkflowHandle[DepartmentTaskWorkflow, TaskState]:
    return await env.client.start_workflow(
        DepartmentTaskWorkflow.run, state, id=state.spec.task_id, task_queue=queue
    )


async def today(env: WorkflowEnvironment) -> date:
    return beijing_date(await env.get_current_time())


async def refused(call: object) -> ApplicationError:
    with pytest.raises(WorkflowUpdateFailedError) as caught:
        await call  # type: ignore[misc]
    cause = caught.value.cause
    assert isinstance(cause, ApplicationError)
    return cause


async def test_completed_on_time_never_escalates(harness) -> None:
    env, recorder, queue = harness
    handle = await start(env, queue, task_state(await today(env) + timedelta(days=60)))
    await handle.execute_update(
        DepartmentTaskWorkflow.progress, ProgressInput(actor=UNIT, percent=40, note="已印发明白纸")
    )
    done = await handle.execute_update(
        DepartmentTaskWorkflow.complete, CompleteInput(actor=UNIT, note="宣传 32 场，覆盖 5,000 人")
    )
    assert done.status is TaskStatus.COMPLETED
    result = await handle.result()
    assert result.status is TaskStatus.COMPLETED
    assert recorder.escalations == []
    assert [c.kind for c in recorder.changes] == ["created", "progress", "completed"]
    assert [c.event_key.rsplit(":", 1)[1] for c in recorder.changes] == ["e1", "e2", "e3"]
    assert recorder.changes[-1].snapshot.status is TaskStatus.COMPLETED
    assert recorder.changes[-1].snapshot.progress == 100


async def test_slip_over_new_year_climbs_every_step_at_exact_times(harness) -> None:
    env, recorder, queue = harness
    calendar = WorkingCalendar()
    new_year = next_new_year_break(await today(env), lead_days=14, calendar=calendar)
    deadline = next_working_day(new_year.end, calendar)  # the first working day after it
    handle = await start(env, queue, task_state(deadline))
    await skip_to(env, beijing_time(nth_working_day(deadline, 5, calendar) + timedelta(days=1), 1))
    await eventually(lambda: len(recorder.escalations) == 4)
    assert recorder.steps() == [
        # the 3 working days before the deadline are the 3 before the break
        ("remind", beijing_time(nth_working_day(new_year.start, -3, calendar), 9)),
        ("warn", lapsed(deadline)),  # end of the deadline day
        ("supervise", lapsed(nth_working_day(deadline, 2, calendar))),
        ("accountability", lapsed(nth_working_day(deadline, 5, calendar))),
    ]
    for record in recorder.escalations:
        assert timedelta(0) <= record.at - record.due_at < timedelta(minutes=1)
    state = await handle.query(DepartmentTaskWorkflow.current)
    assert state.fired_steps == ["remind", "warn", "supervise", "accountability"]
    await handle.execute_update(
        DepartmentTaskWorkflow.complete, CompleteInput(actor=UNIT, note="补办完成")
    )
    await handle.result()
    assert len(recorder.escalations) == 4  # each step exactly once


async def test_spring_festival_on_the_provisional_calendar(harness) -> None:
    env, recorder, queue = harness
    calendar = WorkingCalendar()
    festival = next_provisional_spring_festival(await today(env), lead_days=30, calendar=calendar)
    assert calendar.is_provisional(festival.year)  # nobody has published that year yet
    holiday = days_off_around(festival, calendar)
    # the provisional break holds at least the statutory days, 除夕 to 初三
    assert holiday.start <= festival - timedelta(days=1)
    assert festival + timedelta(days=2) <= holiday.end
    # The deadline is 2 working days before the break: the first working day after the
    # deadline is the last before the break, the second is the first after it.
    deadline = nth_working_day(holiday.start, -2, calendar)
    handle = await start(env, queue, task_state(deadline))
    after_break = nth_working_day(holiday.end, 1, calendar)
    await skip_to(
        env, beijing_time(nth_working_day(holiday.end, 4, calendar) + timedelta(days=1), 1)
    )
    await eventually(lambda: len(recorder.escalations) == 4)
    assert recorder.steps() == [
        ("remind", beijing_time(nth_working_day(holiday.start, -5, calendar), 9)),
        ("warn", lapsed(deadline)),
        ("supervise", lapsed(after_break)),
        ("accountability", lapsed(nth_working_day(after_break, 3, calendar))),
    ]
    await handle.execute_update(
        DepartmentTaskWorkflow.cancel, CancelInput(actor=OFFICE, reason="测试结束")
    )
    await handle.result()


async def test_approved_extension_moves_the_pending_steps(harness) -> None:
    env, recorder, queue = harness
    calendar = WorkingCalendar()
    reminded = next_working_day(await today(env) + timedelta(days=6), calendar)
    deadline = nth_working_day(reminded, 3, calendar)  # so its reminder falls on `reminded`
    extended = nth_working_day(deadline, 9, calendar)  # and the new one 6 after the deadline
    handle = await start(env, queue, task_state(deadline))
    await skip_to(env, beijing_time(reminded, 12))
    await eventually(lambda: len(recorder.escalations) == 1)
    assert recorder.steps() == [("remind", beijing_time(reminded, 9))]
    request = ExtensionRequestInput(
        actor=UNIT, request_id="r1", new_deadline=extended, reason="排查任务量大，需延期"
    )
    asked = await handle.execute_update(DepartmentTaskWorkflow.request_extension, request)
    assert asked.pending_extension() is not None
    decided = await handle.execute_update(
        DepartmentTaskWorkflow.decide_extension,
        ExtensionDecisionInput(actor=OFFICE, request_id="r1", approve=True, reason="同意"),
    )
    assert decided.deadline == extended
    assert decided.deadline_version == 1
    await skip_to(env, beijing_time(extended + timedelta(days=1), 1))
    await eventually(lambda: len(recorder.escalations) == 3)
    assert recorder.steps() == [
        ("remind", beijing_time(reminded, 9)),
        # the new deadline gets its own reminder; the old deadline's warning never came
        ("remind", beijing_time(nth_working_day(deadline, 6, calendar), 9)),
        ("warn", lapsed(extended)),
    ]
    assert recorder.escalations[1].escalation_key.endswith(":d1:remind")
    kinds = [c.kind for c in recorder.changes]
    assert kinds == ["created", "extension_requested", "extension_approved"]
    await handle.execute_update(
        DepartmentTaskWorkflow.complete, CompleteInput(actor=UNIT, note="已完成")
    )
    await handle.result()


async def test_refused_extension_keeps_the_deadline(harness) -> None:
    env, _, queue = harness
    deadline = await today(env) + timedelta(days=60)  # no step comes due during the test
    handle = await start(env, queue, task_state(deadline))
    request = ExtensionRequestInput(
        actor=UNIT, request_id="r1", new_deadline=deadline + timedelta(days=19), reason="人手不足"
    )
    await handle.execute_update(DepartmentTaskWorkflow.request_extension, request)
    no_reason = ExtensionDecisionInput(actor=OFFICE, request_id="r1", approve=False)
    assert (
        await refused(handle.execute_update(DepartmentTaskWorkflow.decide_extension, no_reason))
    ).type == "Invalid"
    refused_state = await handle.execute_update(
        DepartmentTaskWorkflow.decide_extension,
        ExtensionDecisionInput(
            actor=OFFICE, request_id="r1", approve=False, reason="时间节点不能推迟"
        ),
    )
    assert refused_state.deadline == deadline
    assert refused_state.extensions[0].status == "refused"
    again = ExtensionDecisionInput(actor=OFFICE, request_id="r1", approve=True, reason="改为同意")
    assert (
        await refused(handle.execute_update(DepartmentTaskWorkflow.decide_extension, again))
    ).type == "Conflict"
    await handle.execute_update(
        DepartmentTaskWorkflow.cancel, CancelInput(actor=OFFICE, reason="测试结束")
    )


async def test_calendar_reload_moves_the_timers(harness) -> None:
    env, recorder, queue = harness
    calendar = WorkingCalendar()
    # A deadline on the Monday of an ordinary week: on the calendar in force supervision
    # (+2 working days) lapses at the end of Wednesday.
    monday = next_ordinary_monday(await today(env), lead_days=14, calendar=calendar)
    wednesday, friday = monday + timedelta(days=2), monday + timedelta(days=4)
    assert nth_working_day(monday, 2, calendar) == wednesday
    handle = await start(env, queue, task_state(monday))
    # The office loads an arrangement of that year with Monday to Wednesday off.
    official = arrangement_with_days_off(monday.year, (monday, wednesday))
    await handle.signal(
        DepartmentTaskWorkflow.calendar_changed, CalendarChanged(arrangement=official)
    )
    await skip_to(env, beijing_time(friday + timedelta(days=1), 1))
    await eventually(lambda: len(recorder.escalations) == 3)
    loaded = WorkingCalendar([official])
    assert recorder.steps() == [
        ("remind", beijing_time(nth_working_day(monday, -3, loaded), 9)),
        ("warn", lapsed(monday)),  # the deadline day itself, though now a day off
        ("supervise", lapsed(friday)),  # Thursday and Friday are the 2 working days after it
    ]
    await handle.execute_update(
        DepartmentTaskWorkflow.cancel, CancelInput(actor=OFFICE, reason="测试结束")
    )


async def test_reassignment_hands_the_task_over(harness) -> None:
    env, recorder, queue = harness
    handle = await start(env, queue, task_state(await today(env) + timedelta(days=30)))
    moved = await handle.execute_update(
        DepartmentTaskWorkflow.reassign,
        ReassignInput(actor=OFFICE, unit="tj.zjw", unit_ancestors=("tj",), reason="职责调整"),
    )
    assert moved.unit == "tj.zjw"
    old = CompleteInput(actor=UNIT, note="完成")
    assert (
        await refused(handle.execute_update(DepartmentTaskWorkflow.complete, old))
    ).type == "Forbidden"
    await handle.execute_update(
        DepartmentTaskWorkflow.complete, CompleteInput(actor=OTHER_UNIT, note="完成")
    )
    assert (await handle.result()).status is TaskStatus.COMPLETED
    change = next(c for c in recorder.changes if c.kind == "reassigned")
    assert change.detail == {"from_unit": "tj.rsj", "to_unit": "tj.zjw", "reason": "职责调整"}
    assert change.notify_units == ("tj.rsj", "tj.zjw")


async def test_cancellation_stops_the_ladder(harness) -> None:
    env, recorder, queue = harness
    handle = await start(env, queue, task_state(await today(env) + timedelta(days=30)))
    await handle.execute_update(
        DepartmentTaskWorkflow.cancel, CancelInput(actor=OFFICE, reason="措施调整")
    )
    assert (await handle.result()).status is TaskStatus.CANCELLED
    assert recorder.escalations == []


async def test_duplicate_and_forbidden_actions_are_refused(harness) -> None:
    env, recorder, queue = harness
    day = await today(env)
    handle = await start(
        env, queue, task_state(day + timedelta(days=30), deliverables=("note", "figures"))
    )
    nothing = CompleteInput(actor=UNIT, note="")
    missing = await refused(handle.execute_update(DepartmentTaskWorkflow.complete, nothing))
    assert (missing.type, missing.message) == (
        "Invalid",
        "缺少应交内容：办理情况说明（note）、数据（figures）",
    )
    stranger = await refused(
        handle.execute_update(
            DepartmentTaskWorkflow.progress, ProgressInput(actor=OTHER_UNIT, percent=10)
        )
    )
    assert stranger.type == "Forbidden"
    assert stranger.message == "此任务由单位 tj.rsj 办理，您无权操作"
    not_office = CancelInput(actor=UNIT, reason="不想做了")
    assert (
        await refused(handle.execute_update(DepartmentTaskWorkflow.cancel, not_office))
    ).type == "Forbidden"
    await handle.execute_update(
        DepartmentTaskWorkflow.progress, ProgressInput(actor=UNIT, percent=50)
    )
    back = await refused(
        handle.execute_update(
            DepartmentTaskWorkflow.progress, ProgressInput(actor=UNIT, percent=20)
        )
    )
    assert (back.type, back.message) == ("Invalid", "进度不能回退（当前 50%）")
    early = ExtensionRequestInput(actor=UNIT, request_id="r1", new_deadline=day, reason="理由充分")
    assert (
        await refused(handle.execute_update(DepartmentTaskWorkflow.request_extension, early))
    ).type == "Invalid"
    later = early.model_copy(update={"new_deadline": day + timedelta(days=40)})
    await handle.execute_update(DepartmentTaskWorkflow.request_extension, later)
    again = later.model_copy(update={"request_id": "r2"})
    pending = await refused(handle.execute_update(DepartmentTaskWorkflow.request_extension, again))
    assert (pending.type, pending.message) == ("Conflict", "已有待审批的延期申请，请等待办公室决定")
    full = CompleteInput(actor=UNIT, note="完成", figures={"宣传场次": 12})
    await handle.execute_update(DepartmentTaskWorkflow.complete, full)
    await handle.result()
    with pytest.raises(RPCError) as closed:  # the API answers 409 from the ledger
        await handle.execute_update(DepartmentTaskWorkflow.complete, full)
    assert closed.value.status is RPCStatusCode.NOT_FOUND
    kinds = [c.kind for c in recorder.changes]
    assert kinds == ["created", "progress", "extension_requested", "completed"]


async def test_a_deadline_to_the_minute_fires_its_warning_on_the_minute(harness) -> None:
    env, recorder, queue = harness
    now = await env.get_current_time()
    due = (now + timedelta(minutes=10)).replace(microsecond=0)
    state = task_state(beijing_date(due), deadline_time=due)
    handle = await start(env, queue, state)
    await eventually(lambda: len(recorder.escalations) == 1)  # −3 working days: already past
    await skip_to(env, due + timedelta(seconds=5))
    await eventually(lambda: len(recorder.escalations) == 2)
    assert recorder.steps()[1] == ("warn", due)
    await handle.execute_update(
        DepartmentTaskWorkflow.cancel, CancelInput(actor=OFFICE, reason="演示结束")
    )
