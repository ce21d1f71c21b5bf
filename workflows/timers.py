"""The movable deadline timer every long-lived workflow waits on."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

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


CONTINUE_ANY_TURN = "continue-as-new-any-turn"  # histories from before it continued after timers
MIN_RUN_EVENTS = 10  # what a run adds before it may continue at any turn: more than its start


class Turns:
    """Continue-as-new at the end of any turn of a long-lived loop, after an update as well as
    after a timer, so that a task or case acted on thousands of times keeps a short history.

    `begin()` once per run decides, through `workflow.patched`, whether this run may do so at
    any turn; runs recorded before (whose loops only continued after a timer) replay unchanged.
    """

    def __init__(self) -> None:
        self._any_turn = False
        self._begun_at = 0

    def begin(self) -> None:
        self._any_turn = workflow.patched(CONTINUE_ANY_TURN)
        self._begun_at = workflow.info().get_current_history_length()

    def due(self) -> bool:
        """For the loop's wait: wakes it when the server suggests continuing, and only once
        this run has grown: a state so large that a fresh run is already past the server's
        limit must not continue as new in a loop without doing anything."""
        grown = workflow.info().get_current_history_length() - self._begun_at >= MIN_RUN_EVENTS
        return self._any_turn and grown and workflow.info().is_continue_as_new_suggested()

    async def end(
        self, state: Any, settle: Callable[[], Awaitable[None]], *, after_timer: bool
    ) -> None:
        if not (self.due() or (after_timer and workflow.info().is_continue_as_new_suggested())):
            return
        await settle()  # returns with no handler running: nothing may await before continuing
        workflow.continue_as_new(state)
