"""`qingling plans check FILE...`: validate plan files before the office starts a campaign."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(help="方案管理", no_args_is_help=True)


@app.command("check")
def check(
    files: Annotated[list[Path], typer.Argument(help="方案 YAML/JSON 文件")],
    start: Annotated[
        datetime | None,
        typer.Option(
            "--start",
            formats=["%Y-%m-%d"],
            help="按此开始日期推算各日期（YYYY-MM-DD，默认今天）；方案未写开始日期时即行动开始日",
        ),
    ] = None,
) -> None:
    """校验方案文件，列出全部错误及其位置。"""
    from documents.plan_file import load_plan_file
    from domain.plan.errors import PlanInvalid

    failed = False
    for path in files:
        try:
            plan = load_plan_file(path, start=start.date() if start else None)
        except PlanInvalid as error:
            failed = True
            typer.echo(f"✗ {path}：{len(error.errors)} 处错误", err=True)
            for problem in error.errors:
                typer.echo(f"  {problem}", err=True)
            continue
        typer.echo(f"✓ {path}：{plan.title}（{len(plan.phases)} 个阶段，{len(plan.tasks)} 项措施）")
    if failed:
        raise typer.Exit(2)
