"""Opt-in capture of the histories tests write, for the replay guard (tests/replay).

    QINGLING_CAPTURE_HISTORIES=/tmp/histories .venv/bin/pytest tests/workflows tests/api \
        tests/replay/test_continue_as_new.py

After each test that ran workflows on a Temporal server, every run it started is fetched and
written to <dir>/<WorkflowType>/<test-module>--<test-name>--<n>.json (the JSON of
`WorkflowHistory.to_json`, which `temporal workflow show --output json` also writes), one line
per file appended to <dir>/index.jsonl (test, workflow id, run id, events, commit, and the
folder `workflows` was imported from). Runs of one test whose event types follow the same
sequence are near-duplicates (a campaign's two hundred tasks): only the first is written.
Worker and client identities and sticky queue names (process id @ host name) are replaced.

Tests reach this through tests/conftest.py: `time_skipping_env` captures before the test
server shuts down; `quiet_temporal`, which every dev-server test uses, captures the runs begun
during the test once they are terminated. Without the variable nothing is fetched or written.
It imports only temporalio, pytest and the standard library, so prepare_checkout.py can copy it
into an older checkout to capture histories of workflow code as it was (README.md here).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from google.protobuf.timestamp_pb2 import Timestamp
from temporalio.api.workflowservice.v1 import (
    ListClosedWorkflowExecutionsRequest,
    ListOpenWorkflowExecutionsRequest,
)
from temporalio.client import Client
from temporalio.service import RPCError, RPCStatusCode

CAPTURE_ENV = "QINGLING_CAPTURE_HISTORIES"
SCRUBBED_IDENTITY = "qingling-test"
PAGE_SIZE = 1000


@dataclass(frozen=True)
class Run:
    workflow_id: str
    run_id: str
    workflow_type: str
    start_time: datetime


def capture_dir() -> Path | None:
    folder = os.environ.get(CAPTURE_ENV)
    return Path(folder) if folder else None


def capture_start() -> datetime:
    """Mark the start of a test on a shared server: runs begun before it are not its own."""
    return datetime.now(UTC)


async def capture_histories(
    client: Client, node: pytest.Item | pytest.Collector, since: datetime | None = None
) -> list[Path]:
    """Write the histories of the runs `node`'s test began (all the server's, without `since`)."""
    folder = capture_dir()
    if folder is None:
        return []
    runs = sorted(await _runs(client, since), key=lambda r: (r.start_time, r.workflow_id))
    commit = _commit(Path(str(node.config.rootpath)))
    written: list[Path] = []
    seen: set[tuple[str, tuple[int, ...]]] = set()
    counters: dict[str, int] = {}
    for run in runs:
        history = await client.get_workflow_handle(
            run.workflow_id, run_id=run.run_id
        ).fetch_history()
        shape = (run.workflow_type, tuple(int(e.event_type) for e in history.events))
        if shape in seen:
            continue
        seen.add(shape)
        counters[run.workflow_type] = counters.get(run.workflow_type, 0) + 1
        path = folder / run.workflow_type / f"{_slug(node)}--{counters[run.workflow_type]}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            json.dumps(_scrub(history.to_json_dict()), ensure_ascii=False, indent=1) + "\n",
            encoding="utf-8",
        )
        written.append(path)
        entry = {
            "file": str(path.relative_to(folder)),
            "test": node.nodeid,
            "workflow_id": run.workflow_id,
            "run_id": run.run_id,
            "events": len(history.events),
            "commit": commit,
            "workflows_from": _workflows_from(),
        }
        with (folder / "index.jsonl").open("a", encoding="utf-8") as index:
            index.write(json.dumps(entry, ensure_ascii=False) + "\n")
    return written


async def _runs(client: Client, since: datetime | None) -> list[Run]:
    """Visibility queries on the dev server; the time-skipping test server has only the older
    open/closed listings (ListWorkflowExecutions is unimplemented there)."""
    query = f"StartTime >= '{since.strftime('%Y-%m-%dT%H:%M:%S.%fZ')}'" if since else None
    try:
        return [
            Run(w.id, w.run_id, w.workflow_type, w.start_time)
            async for w in client.list_workflows(query, page_size=PAGE_SIZE)
        ]
    except RPCError as error:
        if error.status is not RPCStatusCode.UNIMPLEMENTED:
            raise
    return [run for run in await _listed(client) if since is None or run.start_time >= since]


async def _listed(client: Client) -> list[Run]:
    service = client.workflow_service
    runs: list[Run] = []
    for kind in ("open", "closed"):
        token = b""
        while True:
            if kind == "open":
                page: Any = await service.list_open_workflow_executions(
                    ListOpenWorkflowExecutionsRequest(
                        namespace=client.namespace,
                        maximum_page_size=PAGE_SIZE,
                        next_page_token=token,
                    )
                )
            else:
                page = await service.list_closed_workflow_executions(
                    ListClosedWorkflowExecutionsRequest(
                        namespace=client.namespace,
                        maximum_page_size=PAGE_SIZE,
                        next_page_token=token,
                    )
                )
            runs += [
                Run(
                    e.execution.workflow_id,
                    e.execution.run_id,
                    e.type.name,
                    _instant(e.start_time),
                )
                for e in page.executions
            ]
            token = page.next_page_token
            if not token:
                break
    return runs


def _instant(stamp: Timestamp) -> datetime:
    return stamp.ToDatetime(tzinfo=UTC)


def _slug(node: pytest.Item | pytest.Collector) -> str:
    module = Path(str(node.path)).stem.removeprefix("test_")
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", f"{module}--{node.name}").strip("-")


def _scrub(value: Any) -> Any:
    """Identities and sticky queues name the capturing machine's host and process: nothing
    replay reads."""
    if isinstance(value, dict):
        sticky = value.get("kind") == "TASK_QUEUE_KIND_STICKY"
        return {
            k: SCRUBBED_IDENTITY if k == "identity" or (sticky and k == "name") else _scrub(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    return value


def _workflows_from() -> str:
    """The folder the workflow code came from: an older checkout's, when capturing from one."""
    package = sys.modules.get("workflows")
    return str(Path(package.__file__).parent) if package and package.__file__ else "unknown"


def _commit(root: Path) -> str:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return done.stdout.strip()
