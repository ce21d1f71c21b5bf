"""Which actions an account may take now, asked of the same rules that refuse them."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import TypeVar

from domain.refusal import Refusal
from domain.tasks.model import ActorRef

K = TypeVar("K")
S = TypeVar("S")


def permitted(
    probes: Mapping[K, Callable[[S, ActorRef], None]],
    state: S,
    actor: ActorRef,
    *,
    despite: Collection[str] = (),
) -> list[K]:
    """The probes' keys, in order, whose rule lets `actor` act on `state`; a refusal whose code
    is in `despite` still offers the action (its form will show the refusal)."""
    offered = []
    for action, probe in probes.items():
        try:
            probe(state, actor)
        except Refusal as refusal:
            if refusal.code not in despite:
                continue
        offered.append(action)
    return offered
