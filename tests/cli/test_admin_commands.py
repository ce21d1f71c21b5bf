"""`qingling users add`, `qingling units load`, `qingling migrate` and settings refusals."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from tests.scenario_dates import first_month_day_on_or_after, machine_today

REPO = Path(__file__).resolve().parents[2]
UNITS = REPO / "plans" / "data" / "units-tianjin.yaml"


def qingling(*args: str, env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=120,
        check=False,
    )


@pytest.fixture
def db_env(database_url: str, clean_db: None, tmp_path: Path) -> dict[str, str]:
    return {"DATABASE_URL": database_url, "QINGLING_DATA_DIR": str(tmp_path)}


def test_migrate_is_idempotent(db_env: dict[str, str]) -> None:
    answer = qingling("migrate", env=db_env)
    assert answer.returncode == 0, answer.stderr
    assert "数据库迁移完成" in answer.stdout


def test_units_load_then_users_add(db_env: dict[str, str]) -> None:
    loaded = qingling("units", "load", str(UNITS), env=db_env)
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.strip() == "已导入 76 个单位"
    added = qingling(
        "users",
        "add",
        "chief",
        "--role",
        "office",
        "--unit",
        "tj.office",
        "--password-stdin",
        env=db_env,
        stdin="a-strong-password\n",
    )
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == "已创建账号 chief（office）"
    again = qingling(
        "users",
        "add",
        "chief",
        "--role",
        "office",
        "--password-stdin",
        env=db_env,
        stdin="another-pass\n",
    )
    assert again.returncode == 2
    assert "用户名 chief 已存在" in again.stderr


def test_users_add_refusals(db_env: dict[str, str]) -> None:
    qingling("units", "load", str(UNITS), env=db_env)
    unknown_role = qingling(
        "users", "add", "x1", "--role", "king", "--password-stdin", env=db_env, stdin="password-1\n"
    )
    assert unknown_role.returncode == 2
    assert "未知角色 king" in unknown_role.stderr
    unknown_unit = qingling(
        "users",
        "add",
        "x2",
        "--role",
        "unit",
        "--unit",
        "nope",
        "--password-stdin",
        env=db_env,
        stdin="password-1\n",
    )
    assert unknown_unit.returncode == 2
    assert "单位编码 nope 不存在" in unknown_unit.stderr
    no_unit = qingling(
        "users",
        "add",
        "x3",
        "--role",
        "district",
        "--password-stdin",
        env=db_env,
        stdin="password-1\n",
    )
    assert no_unit.returncode == 2
    assert "必须指定所属单位" in no_unit.stderr
    short = qingling(
        "users", "add", "x4", "--role", "office", "--password-stdin", env=db_env, stdin="short\n"
    )
    assert short.returncode == 2
    assert "password" in short.stderr
    no_stdin = qingling("users", "add", "x5", "--role", "office", env=db_env)
    assert no_stdin.returncode == 2
    assert "--password-stdin" in no_stdin.stderr


def test_units_load_reports_every_problem_with_its_path(
    db_env: dict[str, str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "units:\n"
        "  - {code: a, name: 甲, level: city, kind: office}\n"
        "  - {code: a, name: 乙, level: moon, kind: office}\n",
        encoding="utf-8",
    )
    answer = qingling("units", "load", str(bad), env=db_env)
    assert answer.returncode == 2
    assert "units[1].level" in answer.stderr
    orphan = tmp_path / "orphan.yaml"
    orphan.write_text(
        "units:\n  - {code: b, name: 丙, level: town, kind: town, parent: nowhere}\n",
        encoding="utf-8",
    )
    answer = qingling("units", "load", str(orphan), env=db_env)
    assert answer.returncode == 2
    assert "units[0].parent: 上级单位 nowhere 不存在" in answer.stderr
    missing = qingling("units", "load", str(tmp_path / "none.yaml"), env=db_env)
    assert missing.returncode == 2
    assert "无法读取文件" in missing.stderr


def test_admin_commands_without_a_database_say_so(tmp_path: Path) -> None:
    env = {"QINGLING_DATA_DIR": str(tmp_path), "DATABASE_URL": ""}
    answer = qingling("units", "load", str(UNITS), env=env)
    assert answer.returncode == 2
    assert "未设置 DATABASE_URL" in answer.stderr


def test_production_refuses_a_default_secret(tmp_path: Path) -> None:
    env = {
        "QINGLING_ENV": "production",
        "QINGLING_SECRET_KEY": "",
        "DATABASE_URL": "postgresql://x@127.0.0.1/x",
        "TEMPORAL_ADDRESS": "127.0.0.1:1",
    }
    answer = qingling("api", env=env)
    assert answer.returncode == 2
    assert "必须设置 QINGLING_SECRET_KEY" in answer.stderr
    env["QINGLING_SECRET_KEY"] = "qingling-insecure-development-key-change-me"
    assert qingling("worker", env=env).returncode == 2


def test_plans_check_accepts_the_templates_and_lists_every_error(tmp_path: Path) -> None:
    templates = sorted(str(p) for p in (REPO / "plans").glob("*.yaml"))
    november = first_month_day_on_or_after(machine_today(), 11, 1)  # every template's season
    good = qingling("plans", "check", *templates, "--start", november.isoformat(), env={})
    assert good.returncode == 0, good.stderr
    assert good.stdout.count("✓") == 5
    late = qingling(  # 篇五 started on 12-02 would open its November phase next year
        "plans", "check", str(REPO / "plans" / "pian5-hongqiao-winter.yaml"),
        "--start", november.replace(month=12, day=2).isoformat(), env={},
    )  # fmt: skip
    next_year = november.year + 1  # its month-days fall on or after 12-02
    assert late.returncode == 2
    assert (
        f"phases[1].end: 结束日期 {next_year}-01-15 早于开始日期 {next_year}-11-15" in late.stderr
    )
    start = machine_today()  # a plan starting today, its third phase ending before it starts

    def day(n: int) -> str:
        return (start + timedelta(days=n)).isoformat()

    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "key: bad\ntitle: 坏方案\nlevel: city\nregion: 天津市\nroot_unit: tj\n"
        f"period: {{start: {day(0)}, end: {day(61)}}}\n"
        "phases:\n"
        f"  - {{key: a, name: 宣传, kind: publicity, start: {day(0)}, end: {day(19)}}}\n"
        f"  - {{key: b, name: 排查, kind: screening, start: {day(9)}, end: {day(30)}}}\n"
        f"  - {{key: c, name: 执法, kind: enforcement, start: {day(40)}, end: {day(35)}}}\n",
        encoding="utf-8",
    )
    answer = qingling("plans", "check", str(bad), env={})
    assert answer.returncode == 2
    assert f"phases[2].end: 结束日期 {day(35)} 早于开始日期 {day(40)}" in answer.stderr


def test_the_command_loads_no_server_library_until_a_command_runs() -> None:
    """`qingling --help` starts at once: the database, HTTP, YAML and pydantic stacks load lazily."""
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, cli.main; print(' '.join(sorted(sys.modules)))"],
        capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    heavy = {"sqlalchemy", "httpx", "yaml", "pydantic", "temporalio", "argon2", "openpyxl"}
    assert heavy.isdisjoint(loaded), heavy & set(loaded)
