"""Send an action to a workflow as an Update and turn its refusals into HTTP answers."""

from __future__ import annotations

from typing import TypeVar

from temporalio.client import Client, WorkflowUpdateFailedError
from temporalio.exceptions import ApplicationError
from temporalio.service import RPCError, RPCStatusCode

from api.errors import ApiError
from workflows.client import UpdateName

HTTP_STATUS = {"Forbidden": 403, "Conflict": 409, "Invalid": 422, "NotFound": 404}
# A rule's refusal (domain.refusal.Refusal.kind) checked in the API itself, without a workflow.
REFUSAL_STATUS = {"forbidden": 403, "conflict": 409, "invalid": 422, "not_found": 404}
Arg = TypeVar("Arg")
Result = TypeVar("Result")


async def run_update(
    client: Client,
    workflow_id: str,
    update: UpdateName[Arg, Result],
    body: Arg,
    *,
    when_finished: ApiError,
) -> Result:
    """The workflow's validator decides; `when_finished` answers for a workflow that has ended.

    `update` carries its handler's types, so the body is checked to be its argument and the
    answer is decoded as its result."""
    handle = client.get_workflow_handle(workflow_id)
    try:
        result: Result = await handle.execute_update(
            update.name, body, result_type=update.result_type
        )
    except WorkflowUpdateFailedError as error:
        cause = error.cause
        if isinstance(cause, ApplicationError) and cause.type in HTTP_STATUS:
            code = str(cause.details[0]) if cause.details else "refused"
            raise ApiError(HTTP_STATUS[cause.type], code, cause.message) from None
        raise
    except RPCError as error:
        if error.status is RPCStatusCode.NOT_FOUND:
            raise when_finished from None
        raise
    return result
