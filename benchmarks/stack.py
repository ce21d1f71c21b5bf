"""The embedded stack of `qingling up`, in a temporary folder, for one benchmark run."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from launcher.embedded_postgres import EmbeddedPostgres
from launcher.ports import free_port
from launcher.process import ManagedProcess
from launcher.readiness import answers_200, wait_until_ready
from launcher.temporal_dev import TemporalDevServer
from migrations.runner import upgrade


@dataclass(frozen=True)
class Stack:
    root: Path
    database_url: str
    temporal_address: str
    api_url: str


@contextmanager
def embedded_stack() -> Iterator[Stack]:
    root = Path(tempfile.mkdtemp(prefix="qingling-bench-"))
    postgres = EmbeddedPostgres(root / "postgres", port=free_port(), log_path=root / "postgres.log")
    temporal = TemporalDevServer(
        root / "temporal", port=free_port(), ui_port=None, log_path=root / "temporal.log"
    )
    services: list[ManagedProcess] = []
    try:
        postgres.start()
        temporal.start()
        upgrade(postgres.url)
        env = {
            **os.environ,
            "DATABASE_URL": postgres.url,
            "TEMPORAL_ADDRESS": temporal.address,
            "QINGLING_DATA_DIR": str(root / "data"),
            "QINGLING_SECRET_KEY": "benchmark-secret-key-0123456789-0123456789",
            "QINGLING_LOG_LEVEL": "WARNING",
        }
        api_port = free_port()
        worker = ManagedProcess(
            "worker", [sys.executable, "-m", "cli", "worker"], root / "worker.log", env=env
        )
        api = ManagedProcess(
            "api",
            [sys.executable, "-m", "cli", "api", "--port", str(api_port)],
            root / "api.log",
            env=env,
        )
        for process in (worker, api):
            process.start()
            services.append(process)
        api_url = f"http://127.0.0.1:{api_port}"
        wait_until_ready(
            lambda: answers_200(f"{api_url}/readyz"), what="API", timeout=120, watch=[api, worker]
        )
        yield Stack(root, postgres.url, temporal.address, api_url)
    finally:
        for process in reversed(services):
            process.stop()
        temporal.stop()
        postgres.stop()
        shutil.rmtree(root, ignore_errors=True)
