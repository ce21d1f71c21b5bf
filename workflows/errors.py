"""Business refusals as Temporal failures the API can map to HTTP statuses."""

from __future__ import annotations

from temporalio.exceptions import ApplicationError

from domain.task_rules import TaskRefusal

ERROR_TYPES = {
    "forbidden": "Forbidden",
    "conflict": "Conflict",
    "invalid": "Invalid",
    "not_found": "NotFound",
}


def refusal(error: TaskRefusal) -> ApplicationError:
    """Non-retryable and typed, with the machine code in details and the Chinese message."""
    return ApplicationError(
        error.message, error.code, type=ERROR_TYPES[error.kind], non_retryable=True
    )
