"""The replay guard: every stored history replays against today's workflow code.

Histories were captured from the tests (tests/replay/capture.py) and, for each patched() id,
from the commit before the patched change (files named before-<patch-id>-*). A workflow change
that would make a running workflow's history take a different path fails here, naming the
file; docs/workflow-changes.md says how to make such a change safely.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from temporalio import workflow
from temporalio.client import WorkflowHistory
from temporalio.worker import Replayer

from workers.main import build_replayer
from workers.registry import WORKFLOWS

HISTORIES = Path(__file__).parent / "histories"
STORED = sorted(HISTORIES.glob("*/*.json"))
SIZE_BUDGET = 4 * 1024 * 1024  # bytes for all stored histories: curated, not collected


def _label(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


def _started_type(path: Path) -> str:
    events = json.loads(path.read_text(encoding="utf-8"))["events"]
    return str(events[0]["workflowExecutionStartedEventAttributes"]["workflowType"]["name"])


def _history(path: Path) -> WorkflowHistory:
    return WorkflowHistory.from_json(f"replay-{path.stem}", path.read_text(encoding="utf-8"))


def registered_types() -> set[str]:
    """The workflow type names the worker registers (workers/registry.py)."""
    names = {workflow._Definition.must_from_class(cls).name for cls in WORKFLOWS}
    return {name for name in names if name is not None}


@pytest.fixture(scope="module")
def replayer() -> Replayer:
    return build_replayer()


@pytest.mark.parametrize("path", STORED, ids=_label)
async def test_stored_history_replays(replayer: Replayer, path: Path) -> None:
    result = await replayer.replay_workflow(_history(path), raise_on_replay_failure=False)
    if result.replay_failure is not None:
        pytest.fail(
            f"{path.relative_to(HISTORIES.parents[2])} no longer replays against today's "
            f"workflow code: {type(result.replay_failure).__name__}: {result.replay_failure}\n"
            "A workflow running on this history would get stuck. Put the change behind "
            "workflow.patched() or start a new workflow type (docs/workflow-changes.md).",
            pytrace=False,
        )


def test_every_registered_workflow_type_has_a_stored_history() -> None:
    stored = {path.parent.name for path in STORED}
    missing = registered_types() - stored
    assert not missing, (
        f"no stored history for {sorted(missing)}: capture one into "
        "tests/replay/histories/<WorkflowType>/ (tests/replay/README.md)"
    )


@pytest.mark.parametrize("path", STORED, ids=_label)
def test_a_history_sits_in_its_workflow_types_folder(path: Path) -> None:
    assert _started_type(path) == path.parent.name
    assert path.parent.name in registered_types(), f"{path.parent.name} is not registered"


def test_the_stored_set_stays_small() -> None:
    total = sum(path.stat().st_size for path in STORED)
    assert total <= SIZE_BUDGET, f"{total} bytes of histories: drop near-duplicates"
