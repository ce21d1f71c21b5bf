"""Every start, update, signal and query sent from outside a workflow, by name.

The API, the activities and the CLI reach workflows only through here. A workflow module imports
its activities (inside passthrough), and they the ledger: a caller that imported the class would
load all of it. The names below, and the argument and result types of the updates, are checked
against the definitions by tests/workflows/test_client_names.py, so a change on either side fails
the suite.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final, Generic, TypeVar

from temporalio.client import Client, WithStartWorkflowOperation, WorkflowHandle
from temporalio.common import WorkflowIDConflictPolicy, WorkflowIDReusePolicy
from temporalio.exceptions import WorkflowAlreadyStartedError
from temporalio.service import RPCError, RPCStatusCode

from domain.calendar.workdays import YearArrangement
from domain.campaigns import CampaignState
from domain.cases.imports import ImportPage
from domain.cases.state import (
    CaseExtensionRequestInput,
    CaseState,
    DecisionInput,
    FollowUpInput,
    MeasureInput,
    PaymentInput,
    ReasonInput,
    RevisionInput,
    RouteInput,
    TransferInput,
    UnfoundedInput,
    VerifyInput,
)
from domain.hazards.model import CheckInput, HazardState, NoteInput, PlanInput
from domain.reports.requests import REPORT_WORKFLOW, ReportRef, ReportRequest
from domain.tasks.model import (
    CalendarChanged,
    CancelInput,
    CompleteInput,
    ExtensionDecisionInput,
    ExtensionRequestInput,
    ProgressInput,
    ReassignInput,
    TaskState,
)
from infra.task_queues import MAIN_TASK_QUEUE

Arg = TypeVar("Arg")
Result = TypeVar("Result")


class WorkflowType(StrEnum):
    CAMPAIGN = "Campaign"
    TASK = "DepartmentTask"
    CASE = "Case"
    CASE_IMPORT = "CaseImport"
    HAZARD = "Hazard"
    REPORT = REPORT_WORKFLOW
    CALENDAR_BROADCAST = "CalendarBroadcast"


@dataclass(frozen=True)
class UpdateName(Generic[Arg, Result]):
    """An update by its name, with its handler's argument and result types: a caller can send
    only an `Arg` and gets back a `Result`."""

    name: str
    arg_type: type[Arg]
    result_type: type[Result]


class TaskUpdate:
    PROGRESS: Final = UpdateName("progress", ProgressInput, TaskState)
    COMPLETE: Final = UpdateName("complete", CompleteInput, TaskState)
    REQUEST_EXTENSION: Final = UpdateName("request_extension", ExtensionRequestInput, TaskState)
    DECIDE_EXTENSION: Final = UpdateName("decide_extension", ExtensionDecisionInput, TaskState)
    REASSIGN: Final = UpdateName("reassign", ReassignInput, TaskState)
    CANCEL: Final = UpdateName("cancel", CancelInput, TaskState)


class CaseUpdate:
    ROUTE: Final = UpdateName("route", RouteInput, CaseState)
    ACCEPT: Final = UpdateName("accept", ReasonInput, CaseState)
    RETURN: Final = UpdateName("return_case", ReasonInput, CaseState)
    VERIFY: Final = UpdateName("verify", VerifyInput, CaseState)
    UNFOUNDED: Final = UpdateName("unfounded", UnfoundedInput, CaseState)
    RECORD_PAYMENT: Final = UpdateName("record_payment", PaymentInput, CaseState)
    REVISE_AMOUNT: Final = UpdateName("revise_amount", RevisionInput, CaseState)
    ADD_MEASURE: Final = UpdateName("add_measure", MeasureInput, CaseState)
    TRANSFER: Final = UpdateName("transfer", TransferInput, CaseState)
    CLOSE: Final = UpdateName("close", ReasonInput, CaseState)
    FOLLOW_UP: Final = UpdateName("follow_up", FollowUpInput, CaseState)
    ESCALATE: Final = UpdateName("escalate", ReasonInput, CaseState)
    REQUEST_EXTENSION: Final = UpdateName("request_extension", CaseExtensionRequestInput, CaseState)
    DECIDE_EXTENSION: Final = UpdateName("decide_extension", DecisionInput, CaseState)


class HazardUpdate:
    SET_PLAN: Final = UpdateName("set_plan", PlanInput, HazardState)
    RESOLVE: Final = UpdateName("resolve", NoteInput, HazardState)
    FOLLOW_UP: Final = UpdateName("follow_up", CheckInput, HazardState)


CASE_REGISTRATION = "registration"  # the update (no argument) sent with the case's start
CAMPAIGN_CLOSE = "close"  # signal
TASK_CALENDAR_CHANGED = "calendar_changed"  # signal
CURRENT = "current"  # the query every long-lived workflow answers with its state


async def current_state(
    client: Client, workflow_id: str, result_type: type[Result]
) -> Result | None:
    """A long-lived workflow's state as it answers now; None when there is no such workflow."""
    handle = client.get_workflow_handle(workflow_id)
    try:
        state: Result = await handle.query(CURRENT, result_type=result_type)
    except RPCError as error:
        if error.status is not RPCStatusCode.NOT_FOUND:
            raise
        return None
    return state


async def start_campaign(client: Client, state: CampaignState) -> None:
    await client.start_workflow(
        WorkflowType.CAMPAIGN,
        state,
        id=f"campaign:{state.start.campaign_id}",
        task_queue=MAIN_TASK_QUEUE,
    )


async def close_campaign(client: Client, campaign_id: str, reason: str) -> None:
    await client.get_workflow_handle(f"campaign:{campaign_id}").signal(CAMPAIGN_CLOSE, reason)


async def start_task(client: Client, state: TaskState) -> None:
    """Raises WorkflowAlreadyStartedError for a task started before (a retried launch page)."""
    await client.start_workflow(
        WorkflowType.TASK,
        state,
        id=state.spec.task_id,
        task_queue=MAIN_TASK_QUEUE,
        id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
    )


async def tell_task_calendar(client: Client, task_id: str, change: CalendarChanged) -> None:
    await client.get_workflow_handle(task_id).signal(TASK_CALENDAR_CHANGED, change)


async def register_case(client: Client, state: CaseState) -> tuple[CaseState, bool]:
    """Update-With-Start: the case as registered, and whether this call created it.

    A case whose workflow has ended (finished after 回头看) must not start again: the default
    reuse policy would begin a fresh run under the same id, renumber the case and overwrite
    its ledger row. Duplicates are refused at start and answered with the case as it ended.
    """
    try:
        registered = await client.execute_update_with_start_workflow(
            CASE_REGISTRATION,
            start_workflow_operation=WithStartWorkflowOperation(
                WorkflowType.CASE,
                state,
                id=state.start.case_id,
                task_queue=MAIN_TASK_QUEUE,
                id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
                id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
                result_type=CaseState,
            ),
            result_type=CaseState,
        )
    except WorkflowAlreadyStartedError:
        pass  # its workflow has ended
    except RPCError as error:  # older servers report the same refusal without the mapping
        if error.status is not RPCStatusCode.ALREADY_EXISTS:
            raise
    else:
        return registered, registered.start.case_number == state.start.case_number
    ended = client.get_workflow_handle(state.start.case_id)
    return await ended.query(CURRENT, result_type=CaseState), False


async def start_case_import(client: Client, page: ImportPage) -> None:
    await client.start_workflow(
        WorkflowType.CASE_IMPORT,
        page,
        id=f"case-import:{page.import_id}",
        task_queue=MAIN_TASK_QUEUE,
    )


async def start_hazard(client: Client, state: HazardState) -> None:
    await client.start_workflow(
        WorkflowType.HAZARD, state, id=state.start.hazard_id, task_queue=MAIN_TASK_QUEUE
    )


async def start_calendar_broadcast(
    client: Client, arrangement: YearArrangement, workflow_id: str
) -> None:
    await client.start_workflow(
        WorkflowType.CALENDAR_BROADCAST,
        arrangement,
        id=workflow_id,
        task_queue=MAIN_TASK_QUEUE,
    )


async def produce_report(
    client: Client, request: ReportRequest, workflow_id: str
) -> WorkflowHandle[Any, ReportRef]:
    """The office's "produce now": a run already under way for the same instant is joined."""
    return await client.start_workflow(
        WorkflowType.REPORT,
        request,
        id=workflow_id,
        task_queue=MAIN_TASK_QUEUE,
        id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
        result_type=ReportRef,
    )


async def start_report(client: Client, request: ReportRequest, workflow_id: str) -> None:
    """A 专报 asked for twice is one report: raises WorkflowAlreadyStartedError the second
    time, even after the first has finished (its id is its instant)."""
    await client.start_workflow(
        WorkflowType.REPORT,
        request,
        id=workflow_id,
        task_queue=MAIN_TASK_QUEUE,
        id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
    )
