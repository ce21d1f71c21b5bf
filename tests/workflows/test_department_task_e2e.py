"""The department-task workflow end to end: dev server, real activities, real ledger."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import Client

from documents.units_file import read_units_file
from domain.tasks.model import CompleteInput, TaskStatus
from domain.units.accounts import AccountCreate
from domain.units.roles import Role
from infra.task_queues import MAIN_TASK_QUEUE
from launcher.demo import UNITS_FILE
from ledger.notifications.tables import Notification
from ledger.tasks.tables import Escalation, Task, TaskEvent
from ledger.units import accounts
from ledger.units import service as units
from tests.polling import eventually
from tests.scenario_dates import machine_today, nth_working_day
from tests.seed import campaign_row
from tests.workflows.task_fixtures import UNIT, task_state
from workflows.department_task import DepartmentTaskWorkflow


async def seed(session_factory: async_sessionmaker[AsyncSession], campaign_id: str) -> None:
    async with session_factory() as session, session.begin():
        await units.upsert_many(session=session, units=read_units_file(UNITS_FILE).units)
        for name, role, unit in (
            ("rsj-user", Role.UNIT, "tj.rsj"),
            ("office-user", Role.OFFICE, "tj.office"),
            ("leader-user", Role.LEADER, "tj"),
        ):
            await accounts.create(
                session=session,
                spec=AccountCreate(username=name, password="password-123", role=role, unit=unit),
            )
        await campaign_row(session, campaign_id, created_by="office-user")


async def test_overdue_task_escalates_and_completes_into_the_ledger(
    dev_client: Client, dev_worker: None, session_factory, quiet_temporal: None, clean_db: None
) -> None:
    await seed(session_factory, "c-e2e")
    # A deadline 6 working days before today (the dev server runs on the machine's clock): its
    # last step, accountability 5 working days after it, lapsed by the end of the working day
    # before today, so remind, warn, supervise and accountability are all due now, whatever
    # holidays lie in between.
    state = task_state(nth_working_day(machine_today(), -6), campaign="c-e2e")
    handle = await dev_client.start_workflow(
        DepartmentTaskWorkflow.run, state, id=state.spec.task_id, task_queue=MAIN_TASK_QUEUE
    )

    async def four_steps() -> bool:
        async with session_factory() as session:
            rows = (await session.scalars(select(Escalation.step_key))).all()
        return len(rows) == 4

    await eventually(four_steps)
    async with session_factory() as session:
        task = await session.get(Task, state.spec.task_id)
        assert task is not None
        assert task.escalation == "accountability"
        assert task.supervising_leader == "leader-user"
        steps = (await session.scalars(select(Escalation).order_by(Escalation.id))).all()
        assert [s.step_key for s in steps] == ["remind", "warn", "supervise", "accountability"]
        assert steps[2].leader == "leader-user"
        inbox = {(n.username, n.kind) for n in (await session.scalars(select(Notification))).all()}
        assert ("rsj-user", "remind") in inbox
        assert ("office-user", "warn") in inbox
        assert ("leader-user", "supervise") in inbox
        assert ("rsj-user", "supervise") not in inbox

    done = await handle.execute_update(
        DepartmentTaskWorkflow.complete,
        CompleteInput(actor=UNIT, note="已全部整改", figures={"检查项目": 8}),
    )
    assert done.status is TaskStatus.COMPLETED
    await handle.result()
    async with session_factory() as session:
        task = await session.get(Task, state.spec.task_id)
        assert task is not None
        assert (task.status, task.progress, task.note) == ("completed", 100, "已全部整改")
        assert task.figures == {"检查项目": "8"}
        kinds = (await session.scalars(select(TaskEvent.kind).order_by(TaskEvent.id))).all()
        assert kinds == [
            "created",
            "escalation_remind",
            "escalation_warn",
            "escalation_supervise",
            "escalation_accountability",
            "completed",
        ]
        office_news = (
            await session.scalars(
                select(Notification.kind).where(Notification.username == "office-user")
            )
        ).all()
        assert "completed" in office_news
