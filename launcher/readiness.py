"""Waiting for a started service to answer, while watching that its processes stay alive."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

import httpx

from launcher.process import ManagedProcess


class NotReady(RuntimeError):
    """The service died or did not answer in time; the message says which, in Chinese."""


def wait_until_ready(
    probe: Callable[[], object],
    *,
    what: str,
    timeout: float,
    watch: Sequence[ManagedProcess],
    interval: float = 0.2,
) -> None:
    """Call `probe` until it returns something truthy without raising.

    The last error is kept for the message, so a failure says why, not only that it failed.
    """
    deadline = time.monotonic() + timeout
    last_error = ""
    while time.monotonic() < deadline:
        for process in watch:
            if process.exit_code() is not None:
                raise NotReady(f"{process.name} 进程已退出：{process.log_tail(8)}")
        try:
            if probe():
                return
        except Exception as error:
            last_error = f"{type(error).__name__}: {error}".strip()
        time.sleep(interval)
    raise NotReady(
        f"{what} 在 {timeout:.0f} 秒内未就绪" + (f"：{last_error}" if last_error else "")
    )


def answers_200(url: str) -> bool:
    """A readiness probe for an HTTP endpoint such as /readyz."""
    return httpx.get(url, timeout=2).status_code == 200
