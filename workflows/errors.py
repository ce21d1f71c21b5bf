"""Business refusals as Temporal failures the API can map to HTTP statuses."""

from __future__ import annotations

from collections.abc import Callable

from temporalio.exceptions import ApplicationError

from domain.refusal import Refusal

ERROR_TYPES = {
    "forbidden": "Forbidden",
    "conflict": "Conflict",
    "invalid": "Invalid",
    "not_found": "NotFound",
}


def refusal(error: Refusal) -> ApplicationError:
    """Non-retryable and typed, with the machine code in details and the Chinese message."""
    return ApplicationError(
        error.message, error.code, type=ERROR_TYPES[error.kind], non_retryable=True
    )


def checked(check: Callable[[], None]) -> None:
    """Run a rule; its refusal becomes the typed failure an update answers with."""
    try:
        check()
    except Refusal as error:
        raise refusal(error) from None
