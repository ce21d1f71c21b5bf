"""`qingling calendar load FILE`: a year's official arrangement (国务院办公厅通知)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from cli.api_session import refusal, signed_in

app = typer.Typer(help="工作日历", no_args_is_help=True)


@app.command("load")
def load(
    file: Annotated[Path, typer.Argument(help="YAML：year, holidays, makeup_workdays, note")],
    username: Annotated[str, typer.Option(help="办公室账号")],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="从标准输入读取密码")
    ] = False,
) -> None:
    """载入某年官方放假安排；通过 API 提交，运行中的任务随即重算期限。"""
    import yaml

    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        typer.echo(f"错误：无法读取 {file}：{error}", err=True)
        raise typer.Exit(2) from None
    if not isinstance(data, dict) or not isinstance(data.get("year"), int):
        typer.echo("错误：文件须包含整数 year 字段", err=True)
        raise typer.Exit(2)
    year = data.pop("year")
    with signed_in(username, password_stdin) as http:
        answer = http.put(
            f"/api/v1/calendar/{year}",
            content=json.dumps(data, default=str),  # YAML dates → ISO text
            headers={"Content-Type": "application/json"},
        )
    if answer.status_code != 200:
        typer.echo(f"错误：{refusal(answer)}", err=True)
        for detail in answer.json()["error"].get("details") or []:
            typer.echo(f"  {detail.get('field', '')}：{detail.get('message', '')}", err=True)
        raise typer.Exit(2)
    typer.echo(f"已载入 {year} 年放假安排，运行中的任务将按新日历重算期限")
