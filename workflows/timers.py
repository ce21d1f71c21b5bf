"""The movable deadline timer every long-lived workflow waits on."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from temporalio import workflow


async def timer_won(due: datetime | None, changed: Callable[[], bool]) -> bool:
    """Wait until `due` or until `changed()`; True when the time came first.

    With no `due` only a change ends the wait. A handler that moves a deadline sets the
    flag `changed` reads, so the caller recomputes its next timer instead of firing.
    """
    if due is None:
        await workflow.wait_condition(changed)
        return False
    delay = (due - workflow.now()).total_seconds()
    if delay <= 0:
        return True
    try:
        await workflow.wait_condition(changed, timeout=timedelta(seconds=delay))
    except TimeoutError:
        return True
    return False
