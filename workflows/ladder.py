"""The one interpreter of the escalation ladder (提醒 → 预警 → 督办 → 问责).

Tasks, cases and hazards walk the same data (`domain.escalation`) with the same rules of where
a ladder stands (`domain.ladder`: the next rung on named limits, the rungs kept after a move);
here a rung is climbed — marked fired, recorded by the workflow's own ledger activity (which
notifies its recipients and queues the unit's webhooks in one transaction), then the webhooks
delivered in the background.
The ledger calls' timeout and retry live here too, for every workflow.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import timedelta

from temporalio.common import RetryPolicy

from domain.ladder import Rung
from domain.tasks.records import WebhookInput
from workflows.background import Background

# Ledger writes are short database transactions: as local activities they run inside the
# workflow task, saving the server two task dispatches per write (see docs/benchmarks.md).
LEDGER_TIMEOUT = timedelta(seconds=30)
LEDGER_RETRY = RetryPolicy(maximum_interval=timedelta(minutes=1))


async def climb(
    rung: Rung,
    fired: list[str],
    record: Callable[[Rung], Awaitable[Sequence[WebhookInput]]],
    background: Background,
) -> None:
    """Mark the rung fired before recording it, so a handler that runs meanwhile sees it."""
    fired.append(rung.key)
    background.deliver(await record(rung))
