"""The department-task workflow alone, on the time-skipping server, activities replaced by name.

The server's clock starts at the real date, so the holiday cases use the New Year and the
Spring Festival of 2027 (provisional calendar); National Day 2026 is covered by the pure
deadline tests in tests/domain.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta

import pytest
from temporalio import activity
from temporalio.client import WorkflowHandle, WorkflowUpdateFailedError
from temporalio.exceptions import ApplicationError
from temporalio.service import RPCError, RPCStatusCode
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from domain.task_records import EscalationInput, EscalationOutcome, TaskChange, WebhookInput
from domain.tasks import (
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
from domain.workdays import YearArrangement
from tests.polling import eventually
from tests.workflows.task_fixtures import OFFICE, OTHER_UNIT, UNIT, task_state
from workers.main import sandbox_runner
from workflows.department_task import DepartmentTaskWorkflow

BEIJING = timedelta(hours=8)


def beijing(y: int, m: int, d: int, hh: int = 0) -> datetime:
    """A Beijing wall-clock time as UTC."""
    return datetime(y, m, d, hh, tzinfo=UTC) - BEIJING


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


async def sleep_until(env: WorkflowEnvironment, moment: datetime) -> None:
    now = await env.get_current_time()
    if moment > now:
        await env.sleep(moment - now)


async def refused(call: object) -> ApplicationError:
    with pytest.raises(WorkflowUpdateFailedError) as caught:
        await call  # type: ignore[misc]
    cause = caught.value.cause
    assert isinstance(cause, ApplicationError)
    return cause


async def test_completed_on_time_never_escalates(harness) -> None:
    env, recorder, queue = harness
    today = (await env.get_current_time()).date()
    handle = await start(env, queue, task_state(today + timedelta(days=60)))
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


async def test_slip_over_new_year_2027_climbs_every_step_at_exact_times(harness) -> None:
    env, recorder, queue = harness
    handle = await start(env, queue, task_state(date(2027, 1, 4)))
    await sleep_until(env, beijing(2027, 1, 12, 1))
    await eventually(lambda: len(recorder.escalations) == 4)
    assert recorder.steps() == [
        (
            "remind",
            beijing(2026, 12, 29, 9),
        ),  # 3 working days before Mon 01-04: 12-31, 12-30, 12-29
        ("warn", beijing(2027, 1, 5)),  # end of the deadline day
        ("supervise", beijing(2027, 1, 7)),  # end of 01-06, 2 working days after
        ("accountability", beijing(2027, 1, 12)),  # end of 01-11: 5, 6, 7, 8, 11
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


async def test_spring_festival_2027_on_the_provisional_calendar(harness) -> None:
    env, recorder, queue = harness
    handle = await start(env, queue, task_state(date(2027, 2, 3)))
    await sleep_until(env, beijing(2027, 2, 13, 1))
    await eventually(lambda: len(recorder.escalations) == 4)
    assert recorder.steps() == [
        ("remind", beijing(2027, 1, 29, 9)),  # Wed 02-03 minus 3: 02-02, 02-01, Fri 01-29
        ("warn", beijing(2027, 2, 4)),
        ("supervise", beijing(2027, 2, 10)),  # 02-04, then 02-05..08 off, 02-09
        ("accountability", beijing(2027, 2, 13)),  # 02-04, 09, 10, 11, 12
    ]
    await handle.execute_update(
        DepartmentTaskWorkflow.cancel, CancelInput(actor=OFFICE, reason="测试结束")
    )
    await handle.result()


async def test_approved_extension_moves_the_pending_steps(harness) -> None:
    env, recorder, queue = harness
    handle = await start(env, queue, task_state(date(2027, 1, 4)))
    await sleep_until(env, beijing(2026, 12, 30, 12))
    await eventually(lambda: len(recorder.escalations) == 1)
    assert recorder.steps() == [("remind", beijing(2026, 12, 29, 9))]
    request = ExtensionRequestInput(
        actor=UNIT, request_id="r1", new_deadline=date(2027, 1, 15), reason="排查任务量大，需延期"
    )
    asked = await handle.execute_update(DepartmentTaskWorkflow.request_extension, request)
    assert asked.pending_extension() is not None
    decided = await handle.execute_update(
        DepartmentTaskWorkflow.decide_extension,
        ExtensionDecisionInput(actor=OFFICE, request_id="r1", approve=True, reason="同意"),
    )
    assert decided.deadline == date(2027, 1, 15)
    assert decided.deadline_version == 1
    await sleep_until(env, beijing(2027, 1, 16, 1))
    await eventually(lambda: len(recorder.escalations) == 3)
    assert recorder.steps() == [
        ("remind", beijing(2026, 12, 29, 9)),
        ("remind", beijing(2027, 1, 12, 9)),  # the new deadline gets its own reminder
        ("warn", beijing(2027, 1, 16)),
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
    handle = await start(env, queue, task_state(date(2027, 3, 1)))
    request = ExtensionRequestInput(
        actor=UNIT, request_id="r1", new_deadline=date(2027, 3, 20), reason="人手不足"
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
    assert refused_state.deadline == date(2027, 3, 1)
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
    handle = await start(env, queue, task_state(date(2027, 1, 4)))
    official = YearArrangement(
        year=2027,
        holidays=[{"start": date(2027, 1, 1), "end": date(2027, 1, 6)}],
        makeup_workdays=[],
        source="official",
        note="测试用安排",
    )
    await handle.signal(
        DepartmentTaskWorkflow.calendar_changed, CalendarChanged(arrangement=official)
    )
    await sleep_until(env, beijing(2027, 1, 9, 1))
    await eventually(lambda: len(recorder.escalations) == 3)
    # 01-04..06 are now days off: +2 working days from 01-04 is Fri 01-08
    assert recorder.steps()[-1] == ("supervise", beijing(2027, 1, 9))
    await handle.execute_update(
        DepartmentTaskWorkflow.cancel, CancelInput(actor=OFFICE, reason="测试结束")
    )


async def test_reassignment_hands_the_task_over(harness) -> None:
    env, recorder, queue = harness
    today = (await env.get_current_time()).date()
    handle = await start(env, queue, task_state(today + timedelta(days=30)))
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
    handle = await start(env, queue, task_state(date(2027, 1, 4)))
    await handle.execute_update(
        DepartmentTaskWorkflow.cancel, CancelInput(actor=OFFICE, reason="措施调整")
    )
    assert (await handle.result()).status is TaskStatus.CANCELLED
    assert recorder.escalations == []


async def test_duplicate_and_forbidden_actions_are_refused(harness) -> None:
    env, recorder, queue = harness
    today = (await env.get_current_time()).date()
    handle = await start(
        env, queue, task_state(today + timedelta(days=30), deliverables=("note", "figures"))
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
    early = ExtensionRequestInput(
        actor=UNIT, request_id="r1", new_deadline=today, reason="理由充分"
    )
    assert (
        await refused(handle.execute_update(DepartmentTaskWorkflow.request_extension, early))
    ).type == "Invalid"
    later = early.model_copy(update={"new_deadline": today + timedelta(days=40)})
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
    state = task_state(due.date(), deadline_time=due)
    handle = await start(env, queue, state)
    await eventually(lambda: len(recorder.escalations) == 1)  # −3 working days: already past
    await sleep_until(env, due + timedelta(seconds=5))
    await eventually(lambda: len(recorder.escalations) == 2)
    assert recorder.steps()[1] == ("warn", due)
    await handle.execute_update(
        DepartmentTaskWorkflow.cancel, CancelInput(actor=OFFICE, reason="演示结束")
    )
