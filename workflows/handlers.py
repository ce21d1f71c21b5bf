"""How an update handler of a long-lived workflow takes its turn."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from temporalio import workflow

WAIT_FIRST_RECORD = "handlers-wait-first-record"


@asynccontextmanager
async def acting(lock: asyncio.Lock, ready: Callable[[], bool]) -> AsyncIterator[None]:
    """An action waits for the run's first record (an update can arrive in the very first
    workflow task, before the run has written it), then takes the lock. Runs recorded before
    (where such an update went first) replay as they ran."""
    if workflow.patched(WAIT_FIRST_RECORD):
        await workflow.wait_condition(ready)
    async with lock:
        yield
