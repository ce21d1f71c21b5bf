"""Wait for something another process does (a worker, a timer) without timed assertions."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable

PATIENCE_SECONDS = 30.0


async def eventually(check: Callable[[], bool | Awaitable[bool]]) -> None:
    """Poll `check` until true; fail after PATIENCE_SECONDS (a hang, not a speed limit)."""
    loop = asyncio.get_running_loop()
    end = loop.time() + PATIENCE_SECONDS
    while True:
        answer = check()
        if inspect.isawaitable(answer):
            answer = await answer
        if answer:
            return
        if loop.time() > end:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.05)
