"""`qingling up` as a user runs it: start, use, crash everything, start again, data intact."""

from __future__ import annotations

import contextlib
import os
import random
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import httpx
import psutil
import pytest

from launcher.ports import free_port, port_in_use
from tests.scenario_dates import machine_today, next_new_year

pytestmark = pytest.mark.e2e
REPO = Path(__file__).resolve().parents[2]
STARTUP_PATIENCE = 180.0


class Up:
    """One `qingling up` process with its output captured to a file."""

    def __init__(self, data: Path, port: int, *extra: str):
        self.port = port
        self.data = data
        self.log = data.parent / f"up-{time.monotonic_ns()}.out"
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "TEMPORAL_ADDRESS")}
        with self.log.open("w") as out:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "cli",
                    "up",
                    "--data-dir",
                    str(data),
                    "--port",
                    str(port),
                    "--ui-port",
                    str(free_port()),
                    *extra,
                ],
                stdout=out,
                stderr=subprocess.STDOUT,
                env=env,
                cwd=REPO,
            )

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def output(self) -> str:
        """What `up` printed, and the tail of each service log, for a failure message."""
        text = self.log.read_text(encoding="utf-8")
        for log in sorted((self.data / "logs").glob("*.log")):
            lines = log.read_text(encoding="utf-8", errors="replace").splitlines()[-15:]
            text += f"\n--- {log.name}\n" + "\n".join(lines)
        return text

    def wait_ready(self) -> None:
        end = time.monotonic() + STARTUP_PATIENCE
        while time.monotonic() < end:
            assert self.process.poll() is None, f"up exited early:\n{self.output()}"
            if "按 Ctrl-C 停止" in self.output():
                assert httpx.get(f"{self.base}/readyz", timeout=5).status_code == 200
                return
            time.sleep(0.3)
        raise AssertionError(f"up not ready:\n{self.output()}")

    def kill_everything(self) -> None:
        """SIGKILL the launcher and every process below it at once: a crash, not a stop."""
        tree = [
            psutil.Process(self.process.pid),
            *psutil.Process(self.process.pid).children(recursive=True),
        ]
        for proc in tree:
            with contextlib.suppress(psutil.NoSuchProcess):  # a backend that just ended
                proc.send_signal(signal.SIGKILL)
        psutil.wait_procs(tree, timeout=30)
        self.process.wait(10)

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            return self.process.wait(60)
        return self.process.returncode


@pytest.fixture
def ups() -> Iterator[list[Up]]:
    started: list[Up] = []
    yield started
    for up in started:
        if up.process.poll() is None:
            up.kill_everything()


def qingling(data: Path, *args: str, stdin: str) -> subprocess.CompletedProcess[str]:
    """A `qingling` admin command against the running `up` of `data` (found via runtime.json)."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return subprocess.run(
        [sys.executable, "-m", "cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        env={**env, "QINGLING_DATA_DIR": str(data)},
        check=False,
    )


def stable_port() -> int:
    """A free port below the ephemeral range, so no service started meanwhile (they bind to
    port 0) can be handed it before the restart reuses it."""
    rng = random.Random()
    for _ in range(200):
        port = rng.randint(20000, 30000)
        if not port_in_use(port):
            return port
    raise AssertionError("no free port below the ephemeral range")


def login(base: str, username: str, password: str) -> dict[str, str]:
    answer = httpx.post(
        f"{base}/api/v1/auth/token", data={"username": username, "password": password}, timeout=10
    )
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def test_up_demo_crash_and_restart_keeps_everything(
    tmp_path: Path, service_dir: Path, ups: list[Up]
) -> None:
    data = service_dir / "data"
    port = stable_port()
    first = Up(data, port, "--demo")
    ups.append(first)
    first.wait_ready()
    printed = first.output()
    for component in (
        "PostgreSQL",
        "Temporal 开发服务器",
        "数据库迁移",
        "演示数据",
        "Temporal worker",
        "API",
    ):
        assert re.search(rf"✓ {component}.* 已就绪", printed), printed
    assert f"API 文档      {first.base}/docs" in printed
    password = re.search(r"^\s+office\s+office\s+(\S+)$", printed, re.MULTILINE)
    assert password, printed

    # An account made through the CLI against the running system (found via runtime.json).
    added = qingling(
        data,
        "users",
        "add",
        "chief",
        "--role",
        "office",
        "--unit",
        "tj.office",
        "--password-stdin",
        stdin="chief-password-1\n",
    )
    assert added.returncode == 0, added.stderr
    headers = login(first.base, "chief", "chief-password-1")
    assert httpx.get(f"{first.base}/api/v1/me", headers=headers).json()["unit"] == "tj.office"
    demo_headers = login(first.base, "office", password.group(1))
    every = {"limit": 500}
    loaded = httpx.get(f"{first.base}/api/v1/units", params=every, headers=demo_headers).json()[
        "items"
    ]
    assert len([u for u in loaded if u["code"].startswith("tj")]) == 76
    assert {"bz", "mly", "sg", "hqz"} <= {u["code"] for u in loaded}

    # The office loads next year's official arrangement through the CLI (via the API).
    today = machine_today()
    new_year = next_new_year(today)
    year_file = tmp_path / f"{new_year.year}.yaml"
    year_file.write_text(
        f"year: {new_year.year}\nholidays:\n"
        f"  - {{start: {new_year}, end: {new_year + timedelta(days=2)}}}\nmakeup_workdays: []\n",
        encoding="utf-8",
    )
    calendar = qingling(
        data,
        "calendar",
        "load",
        str(year_file),
        "--username",
        "chief",
        "--password-stdin",
        stdin="chief-password-1\n",
    )
    assert calendar.returncode == 0, calendar.stderr
    assert (
        httpx.get(f"{first.base}/api/v1/calendar/{new_year.year}", headers=headers).json()["source"]
        == "loaded"
    )

    # A clue file through `qingling cases import`, with its progress bar and row errors: clues
    # of the last fortnight (a 反映时间 later than now is refused).
    day_1, day_2, day_3 = (today - timedelta(days=n) for n in (11, 10, 9))
    clues = tmp_path / "clues.csv"
    clues.write_text(
        "线索编号,反映时间,反映人,涉及人数,欠薪金额,用人单位,行业,所属区,问题描述\n"
        f"CLI-1,{day_1},张三,3,9000,某公司,工程建设,和平区,三人工资未发\n"
        f"CLI-2,{day_2},李四,1,1000,某公司,餐饮服务,河西,一人工资未发\n"
        f"CLI-3,{day_3},王五,1,-5,某公司,餐饮服务,河西,金额有误\n",
        encoding="utf-8",
    )
    imported = qingling(
        data,
        "cases",
        "import",
        str(clues),
        "--username",
        "chief",
        "--password-stdin",
        stdin="chief-password-1\n",
    )
    assert imported.returncode == 1, imported.stderr
    assert "新登记 2 件，已登记过 0 件，有误 1 行" in imported.stdout
    assert "第 4 行【欠薪金额】" in imported.stderr

    # A second `up` on the same folder refuses while the first runs.
    second = Up(data, free_port())
    assert second.process.wait(60) == 3
    assert "正被另一个 qingling up" in second.output()

    first.kill_everything()
    assert not any(
        str(data) in " ".join(p.info["cmdline"] or []) for p in psutil.process_iter(["cmdline"])
    ), "a process of the first run survived"

    again = Up(data, port)
    ups.append(again)
    again.wait_ready()
    headers = login(again.base, "chief", "chief-password-1")
    assert httpx.get(f"{again.base}/api/v1/me", headers=headers).status_code == 200
    units = httpx.get(f"{again.base}/api/v1/units", params=every, headers=headers).json()
    assert units["total"] == len(loaded)
    assert again.stop() == 0
    assert "已停止" in again.output()
    assert not (data / "runtime.json").exists()


def test_up_refuses_a_busy_api_port(service_dir: Path, ups: list[Up]) -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        up = Up(service_dir / "data", busy.getsockname()[1])
        ups.append(up)
        assert up.process.wait(60) == 1
    assert "API 端口" in up.output() and "已被占用" in up.output()
