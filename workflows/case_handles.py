"""Registering a case from outside a workflow (API, import): Update-With-Start, idempotent.

A case whose workflow has ended (finished after 回头看) must not start again: the default
reuse policy would begin a fresh run under the same id, renumber the case and overwrite its
ledger row. Duplicates are refused at start and answered with the case as it ended.
"""

from __future__ import annotations

from temporalio.client import Client, WithStartWorkflowOperation
from temporalio.common import WorkflowIDConflictPolicy, WorkflowIDReusePolicy
from temporalio.exceptions import WorkflowAlreadyStartedError
from temporalio.service import RPCError, RPCStatusCode

from domain.cases.state import CaseState
from workflows.case import CaseWorkflow
from workflows.task_queues import MAIN_TASK_QUEUE


async def register_case(client: Client, state: CaseState) -> tuple[CaseState, bool]:
    """The case as registered, and whether this call created it (False: it existed)."""
    try:
        registered = await client.execute_update_with_start_workflow(
            CaseWorkflow.registration,
            start_workflow_operation=WithStartWorkflowOperation(
                CaseWorkflow.run,
                state,
                id=state.start.case_id,
                task_queue=MAIN_TASK_QUEUE,
                id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
                id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
            ),
        )
    except WorkflowAlreadyStartedError:
        pass  # its workflow has ended
    except RPCError as error:  # older servers report the same refusal without the mapping
        if error.status is not RPCStatusCode.ALREADY_EXISTS:
            raise
    else:
        return registered, registered.start.case_number == state.start.case_number
    ended = client.get_workflow_handle_for(CaseWorkflow.run, state.start.case_id)
    return await ended.query(CaseWorkflow.current), False
