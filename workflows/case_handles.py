"""Registering a case from outside a workflow (API, import): Update-With-Start, idempotent."""

from __future__ import annotations

from temporalio.client import Client, WithStartWorkflowOperation
from temporalio.common import WorkflowIDConflictPolicy

from domain.cases.state import CaseState
from workflows.case import CaseWorkflow
from workflows.task_queues import MAIN_TASK_QUEUE


async def register_case(client: Client, state: CaseState) -> tuple[CaseState, bool]:
    """The case as registered, and whether this call created it (False: it existed)."""
    registered = await client.execute_update_with_start_workflow(
        CaseWorkflow.registration,
        start_workflow_operation=WithStartWorkflowOperation(
            CaseWorkflow.run,
            state,
            id=state.start.case_id,
            task_queue=MAIN_TASK_QUEUE,
            id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
        ),
    )
    return registered, registered.start.case_number == state.start.case_number
