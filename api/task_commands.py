"""Send an action to a task's workflow as an Update and turn refusals into HTTP answers."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession
from temporalio.client import Client

from api.deps import Actor
from api.errors import ApiError
from api.updates import run_update
from domain.tasks.model import STATUS_LABELS, ActorRef, TaskState, TaskStatus
from ledger.tasks import service as tasks
from ledger.tasks.tables import Task
from ledger.units import service as units
from workflows.client import UpdateName

Arg = TypeVar("Arg")


def actor_ref(actor: Actor) -> ActorRef:
    return ActorRef(username=actor.username, role=actor.role, unit=actor.unit)


async def visible_task(
    *, session: AsyncSession, actor: Actor, task_id: str, lead_unit_too: bool = False
) -> Task:
    """The task, if the caller may see it: 404 when missing, 403 when another unit's. With
    `lead_unit_too`, the measure's lead unit may see it as well (to follow it and urge it)."""
    task = await tasks.get(session=session, task_id=task_id)
    if task is None:
        raise ApiError(404, "task_not_found", f"任务 {task_id} 不存在")
    if lead_unit_too and actor.unit is not None and actor.unit == task.lead_unit:
        return task
    if not await actor.may_act_for(task.unit_code, session=session):
        names = await units.short_names(session=session, codes=[task.unit_code])
        unit = names.get(task.unit_code, task.unit_code)
        raise ApiError(403, "forbidden", f"此任务由{unit}办理，您无权查看或操作")
    return task


async def send_update(
    client: Client, task: Task, update: UpdateName[Arg, TaskState], body: Arg
) -> TaskState:
    """Run the update; the ledger explains a task whose workflow has ended."""
    label = STATUS_LABELS.get(TaskStatus(task.status), task.status)
    return await run_update(
        client,
        task.id,
        update,
        body,
        when_finished=ApiError(409, "task_closed", f"任务{label}，不能再操作"),
    )
