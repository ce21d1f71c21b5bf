"""Every workflow and activity the worker runs, in one list each."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from activities.tasks import TaskActivities
from activities.webhooks import WebhookActivities
from workflows.department_task import DepartmentTaskWorkflow

WORKFLOWS: Sequence[type] = (DepartmentTaskWorkflow,)


def build_activities(
    session_factory: async_sessionmaker[AsyncSession], http: httpx.AsyncClient
) -> list[Callable[..., Any]]:
    """Activity instances with their dependencies injected; their bound methods are registered."""
    tasks = TaskActivities(session_factory)
    webhooks = WebhookActivities(session_factory, http)
    return [tasks.record_change, tasks.escalate, webhooks.deliver]
