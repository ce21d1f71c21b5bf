"""Every workflow and activity the worker runs, in one list each."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import Client

from activities.calendar import CalendarActivities
from activities.campaigns import CampaignActivities
from activities.case_imports import CaseImportActivities
from activities.cases import CaseActivities
from activities.hazards import HazardActivities
from activities.recipient_directory import RecipientDirectory
from activities.reports import ReportActivities
from activities.tasks import TaskActivities
from activities.webhooks import WebhookActivities
from workflows.calendar_broadcast import CalendarBroadcastWorkflow
from workflows.campaign import CampaignWorkflow
from workflows.case import CaseWorkflow
from workflows.case_import import CaseImportWorkflow
from workflows.department_task import DepartmentTaskWorkflow
from workflows.hazard import HazardWorkflow
from workflows.report import ReportWorkflow

WORKFLOWS: Sequence[type] = (
    DepartmentTaskWorkflow,
    CampaignWorkflow,
    CalendarBroadcastWorkflow,
    CaseWorkflow,
    CaseImportWorkflow,
    HazardWorkflow,
    ReportWorkflow,
)


def build_activities(
    session_factory: async_sessionmaker[AsyncSession],
    client: Client,
    http: httpx.AsyncClient,
    recipient_ttl: float,
) -> list[Callable[..., Any]]:
    """Activity instances with their dependencies injected; their bound methods are registered."""
    directory = RecipientDirectory(session_factory, recipient_ttl)
    tasks = TaskActivities(session_factory, directory)
    cases = CaseActivities(session_factory, directory)
    imports = CaseImportActivities(session_factory, client)
    hazards = HazardActivities(session_factory, directory)
    webhooks = WebhookActivities(session_factory, http)
    campaigns = CampaignActivities(session_factory, client)
    calendar = CalendarActivities(session_factory, client)
    reports = ReportActivities(session_factory, client)
    return [
        tasks.record_change,
        tasks.escalate,
        webhooks.deliver,
        campaigns.prepare,
        campaigns.extend,
        campaigns.launch_page,
        campaigns.set_phase,
        campaigns.close,
        calendar.broadcast_page,
        cases.record,
        imports.register_page,
        hazards.record,
        reports.produce,
        reports.production_day,
        reports.create_schedules,
        reports.remove_schedules,
        reports.special_for_case,
    ]
