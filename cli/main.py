"""The `qingling` command: run the system, run its parts, administer it.

Every command imports what it needs when it runs, so `qingling --help` starts at once.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cli.calendar_cmd import app as calendar_app
from cli.cases_cmd import app as cases_app
from cli.plans_cmd import app as plans_app
from cli.units_cmd import app as units_app
from cli.users_cmd import app as users_app

if TYPE_CHECKING:
    from infra.settings import Settings

app = typer.Typer(
    help="清零：根治欠薪专项行动协同系统（qingling）",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(users_app, name="users")
app.add_typer(units_app, name="units")
app.add_typer(plans_app, name="plans")
app.add_typer(calendar_app, name="calendar")
app.add_typer(cases_app, name="cases")


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment, or a clear refusal (e.g. a default secret in production)."""
    from pydantic import ValidationError

    from infra.settings import Settings

    try:
        return Settings(**{k: v for k, v in overrides.items() if v is not None})  # type: ignore[arg-type]
    except ValidationError as error:
        for problem in error.errors():
            typer.echo(f"配置错误：{problem['msg'].removeprefix('Value error, ')}", err=True)
        raise typer.Exit(2) from None


DataDirOption = Annotated[
    Path | None,
    typer.Option("--data-dir", help="数据目录（默认 ./.qingling，或 QINGLING_DATA_DIR）"),
]


@app.command()
def up(
    data_dir: DataDirOption = None,
    host: Annotated[str, typer.Option(help="API 监听地址")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="API 端口")] = 8000,
    postgres_port: Annotated[
        int | None, typer.Option(help="内嵌 PostgreSQL 端口（默认自动选择空闲端口）")
    ] = None,
    temporal_port: Annotated[
        int | None, typer.Option(help="Temporal 开发服务器端口（默认自动选择）")
    ] = None,
    ui_port: Annotated[int, typer.Option(help="Temporal Web 界面端口（被占用时自动选择）")] = 8233,
    demo: Annotated[bool, typer.Option("--demo", help="加载演示数据并打印演示账号")] = False,
) -> None:
    """在前台运行整个系统（内嵌 PostgreSQL 与 Temporal 开发服务器，除非另行配置）。"""
    from infra.logging import configure_logging
    from launcher.up import UpOptions, run_up

    settings = load_settings(data_dir=data_dir)
    configure_logging("WARNING")
    options = UpOptions(
        data_dir=settings.data_dir,
        host=host,
        port=port,
        postgres_port=postgres_port,
        temporal_port=temporal_port,
        ui_port=ui_port,
        demo=demo,
    )
    raise typer.Exit(run_up(options, settings))


@app.command()
def worker() -> None:
    """运行 Temporal worker（需要 DATABASE_URL 与 TEMPORAL_ADDRESS）。"""
    from workers.main import run_worker

    asyncio.run(run_worker(load_settings()))


@app.command()
def api(
    host: Annotated[str, typer.Option(help="监听地址")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="端口")] = 8000,
    workers: Annotated[int, typer.Option(help="uvicorn 进程数")] = 1,
) -> None:
    """运行 API 服务（需要 DATABASE_URL 与 TEMPORAL_ADDRESS）。"""
    import uvicorn

    from infra.logging import configure_logging

    settings = load_settings()
    settings.require_database_url()
    settings.require_temporal_address()
    configure_logging(settings.log_level)
    uvicorn.run(
        "api.main:app",
        host=host,
        port=port,
        workers=workers,
        log_config=None,
        proxy_headers=True,
    )


@app.command()
def migrate() -> None:
    """将数据库结构升级到最新版本。"""
    from cli.targets import database_url
    from migrations.runner import upgrade

    upgrade(database_url(load_settings()))
    typer.echo("数据库迁移完成")


def main() -> None:
    app()
