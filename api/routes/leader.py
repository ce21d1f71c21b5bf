"""领导的队列: tasks escalated to this leader for 督办 (the 包案 cases are GET /leader/cases)."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from api.deps import CurrentActor, SessionDep
from api.errors import ApiError
from api.paging import Page, PagingDep
from api.routing import resource_router
from domain.units.roles import Role
from infra.clock import today_in_beijing
from ledger.tasks.leader import days_overdue, leader_tasks

router = resource_router("leader/tasks", "任务")


class LeaderTaskRead(BaseModel):
    id: str
    campaign_id: str
    title: str
    unit_code: str
    deadline: date
    status: str
    escalation: str | None
    step_label: str | None = Field(description="最近一级催办（如 督办、问责）")
    stepped_at: datetime | None
    days_overdue: int


@router.get("", response_model=Page[LeaderTaskRead], summary="领导督办的任务（本人）")
async def list_leader_tasks(
    actor: CurrentActor, session: SessionDep, paging: PagingDep, include_closed: bool = False
) -> Page[LeaderTaskRead]:
    if actor.role is not Role.LEADER:
        raise ApiError(403, "forbidden_role", "领导督办清单仅限领导账号")
    found, total = await leader_tasks(
        session=session,
        leader=actor.username,
        include_closed=include_closed,
        limit=paging.limit,
        offset=paging.offset,
    )
    today = today_in_beijing()
    return Page[LeaderTaskRead].of(
        [
            LeaderTaskRead(
                id=f.task.id,
                campaign_id=f.task.campaign_id,
                title=f.task.title,
                unit_code=f.task.unit_code,
                deadline=f.task.deadline,
                status=f.task.status,
                escalation=f.task.escalation,
                step_label=f.step_label,
                stepped_at=f.stepped_at,
                days_overdue=days_overdue(f.task, today),
            )
            for f in found
        ],
        total,
        paging,
    )
