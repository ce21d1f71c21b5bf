"""Send an action to a workflow as an Update and turn its refusals into HTTP answers."""

from __future__ import annotations

from typing import Any, TypeVar

from temporalio.client import Client, WorkflowUpdateFailedError
from temporalio.exceptions import ApplicationError
from temporalio.service import RPCError, RPCStatusCode

from api.errors import ApiError

HTTP_STATUS = {"Forbidden": 403, "Conflict": 409, "Invalid": 422, "NotFound": 404}
# A rule's refusal (domain.refusal.Refusal.kind) checked in the API itself, without a workflow.
REFUSAL_STATUS = {"forbidden": 403, "conflict": 409, "invalid": 422, "not_found": 404}
T = TypeVar("T")


async def run_update(
    client: Client,
    workflow_id: str,
    update: Any,
    body: Any,
    *,
    result_type: type[T],
    when_finished: ApiError,
) -> T:
    """The workflow's validator decides; `when_finished` answers for a workflow that has ended."""
    handle = client.get_workflow_handle(workflow_id)
    try:
        args = [] if body is None else [body]
        result: T = await handle.execute_update(update, args=args, result_type=result_type)
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
