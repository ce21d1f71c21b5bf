"""runtime.json: where the running `qingling up` can be reached, for the other CLI commands."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from launcher.process import pid_alive

FILE_NAME = "runtime.json"


@dataclass(frozen=True)
class Runtime:
    pid: int
    database_url: str
    temporal_address: str
    api_url: str


def write_runtime(data_root: Path, runtime: Runtime) -> None:
    path = data_root / FILE_NAME
    path.write_text(json.dumps(asdict(runtime)), encoding="utf-8")
    path.chmod(0o600)


def remove_runtime(data_root: Path) -> None:
    (data_root / FILE_NAME).unlink(missing_ok=True)


def read_runtime(data_root: Path) -> Runtime | None:
    """The runtime of a live `up` on this folder, or None."""
    path = data_root / FILE_NAME
    try:
        runtime = Runtime(**json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None
    return runtime if runtime.pid != os.getpid() and pid_alive(runtime.pid) else None
