"""`qingling up`: the whole system in the foreground on embedded defaults.

Starts what is not given from outside (PostgreSQL, Temporal dev server), applies the
migrations, starts the worker and the API as children, shows each step, and stops
everything it started on Ctrl-C or SIGTERM. Children carry PR_SET_PDEATHSIG, so even a
SIGKILL of the launcher does not leave them behind.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import TypeVar

from infra.settings import Settings
from launcher.data_dir import DataDir, DataDirInUse
from launcher.embedded_postgres import EmbeddedPostgres
from launcher.ports import free_port, port_in_use
from launcher.process import ManagedProcess
from launcher.readiness import answers_200, wait_until_ready
from launcher.runtime_file import Runtime, remove_runtime, write_runtime
from launcher.temporal_dev import TemporalDevServer
from launcher.worker_probe import worker_is_polling

T = TypeVar("T")


class StartupFailed(RuntimeError):
    """A component did not come up; the message names it, the reason and its log."""


class StopRequested(Exception):
    """Ctrl-C or SIGTERM arrived."""


@dataclass(frozen=True)
class UpOptions:
    data_dir: Path
    host: str = "127.0.0.1"
    port: int = 8000
    postgres_port: int | None = None
    temporal_port: int | None = None
    ui_port: int | None = 8233
    demo: bool = False


def _say(message: str) -> None:
    print(message, flush=True)


@contextmanager
def _step(label: str, log: Path | None = None) -> Iterator[None]:
    _say(f"… {label}")
    started = time.monotonic()
    try:
        yield
    except StopRequested:
        raise
    except Exception as error:
        where = f"（日志：{log}）" if log else ""
        raise StartupFailed(f"✗ {label} 失败：{error}{where}") from error
    _say(f"✓ {label} 已就绪（{time.monotonic() - started:.1f} 秒）")


def _raise_stop(signum: int, frame: FrameType | None) -> None:
    raise StopRequested


class Stack:
    """What one `up` started, stopped in reverse order."""

    def __init__(self, options: UpOptions, settings: Settings):
        self.options = options
        self.settings = settings
        self.data = DataDir(options.data_dir)
        self.postgres: EmbeddedPostgres | None = None
        self.temporal: TemporalDevServer | None = None
        self.services: list[ManagedProcess] = []

    def run(self) -> int:
        previous = {sig: signal.signal(sig, _raise_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            self.data.acquire()
            self._start()
            self._supervise()
            return 0
        except DataDirInUse as error:
            _say(f"✗ {error}")
            return 3
        except StartupFailed as error:
            _say(str(error))
            return 1
        except StopRequested:
            _say("收到停止信号，正在停止所有进程……")
            return 0
        finally:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            self._stop_all()
            remove_runtime(self.data.root)
            self.data.release()
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def _start(self) -> None:
        options = self.options
        if port_in_use(options.port, options.host):
            raise StartupFailed(f"✗ API 端口 {options.port} 已被占用，请用 --port 指定其他端口")
        database_url = self._database()
        temporal_address = self._temporal()
        with _step("数据库迁移"):
            from migrations.runner import upgrade

            upgrade(database_url)
        demo_accounts: list[tuple[str, str, str]] = []
        if options.demo:
            with _step("演示数据"):
                from launcher.demo import load_demo

                demo_accounts = asyncio.run(load_demo(database_url, self.data.root))
        base = self._processes(database_url, temporal_address)
        write_runtime(
            self.data.root,
            Runtime(os.getpid(), database_url, temporal_address, base),
        )
        self._print_summary(base, demo_accounts)

    def _database(self) -> str:
        """DATABASE_URL when given, else the embedded PostgreSQL of the data folder."""
        if self.settings.database_url:
            _say("• 使用外部 PostgreSQL（DATABASE_URL）")
            return self.settings.database_url
        logs = self.data.logs
        self.postgres = EmbeddedPostgres(
            self.data.postgres,
            port=self.options.postgres_port or free_port(),
            log_path=logs / "postgresql.log",
        )
        with _step(f"PostgreSQL（127.0.0.1:{self.postgres.port}）", logs / "postgresql.log"):
            self.postgres.start()
        return self.postgres.url

    def _temporal(self) -> str:
        """TEMPORAL_ADDRESS when given, else the dev server of the data folder."""
        if self.settings.temporal_address:
            _say(f"• 使用外部 Temporal（{self.settings.temporal_address}）")
            return self.settings.temporal_address
        ui_port = self.options.ui_port
        if ui_port and port_in_use(ui_port):
            ui_port = free_port()
        logs = self.data.logs
        self.temporal = TemporalDevServer(
            self.data.temporal,
            port=self.options.temporal_port or free_port(),
            ui_port=ui_port,
            log_path=logs / "temporal.log",
            namespace=self.settings.temporal_namespace,
        )
        with _step(f"Temporal 开发服务器（{self.temporal.address}）", logs / "temporal.log"):
            self.temporal.start()
        return self.temporal.address

    def _processes(self, database_url: str, temporal_address: str) -> str:
        """The worker, then the API, each waited for; returns the API's base URL."""
        options, logs = self.options, self.data.logs
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "TEMPORAL_ADDRESS": temporal_address,
            "TEMPORAL_NAMESPACE": self.settings.temporal_namespace,
            "QINGLING_DATA_DIR": str(self.data.root),
            "QINGLING_SECRET_KEY": os.environ.get("QINGLING_SECRET_KEY") or self.data.secret_key(),
            "PYTHONUNBUFFERED": "1",
        }
        worker = ManagedProcess(
            "worker", [sys.executable, "-m", "cli", "worker"], logs / "worker.log", env=env
        )
        api_argv = [sys.executable, "-m", "cli", "api", "--host", options.host]
        api = ManagedProcess(
            "api", [*api_argv, "--port", str(options.port)], logs / "api.log", env=env
        )
        with _step("Temporal worker", worker.log_path):
            worker.start()
            self.services.append(worker)
            namespace = self.settings.temporal_namespace
            wait_until_ready(
                lambda: asyncio.run(worker_is_polling(temporal_address, namespace)),
                what="worker",
                timeout=60,
                watch=[worker],
                interval=0.3,
            )
        base = f"http://{options.host}:{options.port}"
        with _step(f"API（{base}）", api.log_path):
            api.start()
            self.services.append(api)
            wait_until_ready(
                lambda: answers_200(f"{base}/readyz"),
                what="API",
                timeout=60,
                watch=[api, worker],
                interval=0.3,
            )
        return base

    def _print_summary(self, base: str, demo_accounts: list[tuple[str, str, str]]) -> None:
        _say("")
        _say("清零（qingling）已启动：")
        _say(f"  网页          {base}/")
        _say(f"  API 文档      {base}/docs")
        if self.temporal and self.temporal.ui_url:
            _say(f"  Temporal 界面 {self.temporal.ui_url}")
        _say(f"  数据目录      {self.data.root}")
        _say(f"  日志          {self.data.logs}")
        if demo_accounts:
            _say("  演示账号（用户名 / 角色 / 密码）：")
            for username, role, password in demo_accounts:
                _say(f"    {username:<12} {role:<10} {password}")
        _say("按 Ctrl-C 停止。")

    def _supervise(self) -> None:
        while True:
            for process in self.services:
                code = process.exit_code()
                if code is not None:
                    raise StartupFailed(
                        f"✗ {process.name} 意外退出（退出码 {code}），日志：{process.log_path}\n"
                        f"{process.log_tail(10)}"
                    )
            for server in (self.temporal, self.postgres):
                if server and server.process and server.process.exit_code() is not None:
                    raise StartupFailed(
                        f"✗ {server.process.name} 意外退出，日志：{server.process.log_path}"
                    )
            time.sleep(0.5)

    def _stop_all(self) -> None:
        for process in reversed(self.services):
            process.stop()
        if self.temporal:
            self.temporal.stop()
        if self.postgres:
            self.postgres.stop()
        if self.services or self.temporal or self.postgres:
            _say("已停止。")


def run_up(options: UpOptions, settings: Settings) -> int:
    """Run until stopped; the exit code says how it ended (0 stopped, 1 failed, 3 folder busy)."""
    return Stack(options, settings).run()
