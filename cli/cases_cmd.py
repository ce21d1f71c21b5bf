"""`qingling cases import FILE`: a clue file registered through the API, with a progress bar."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from cli.api_session import refusal, signed_in

app = typer.Typer(help="欠薪案件", no_args_is_help=True)
SHOWN_ERRORS = 50


@app.command("import")
def import_file(
    file: Annotated[Path, typer.Argument(help=".xlsx 或 .csv（全国根治欠薪线索反映平台导出格式）")],
    username: Annotated[str, typer.Option(help="登记账号（其单位为首问负责单位）")],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="从标准输入读取密码")
    ] = False,
) -> None:
    """批量登记线索：有效行逐条登记（重复导入不会重复登记），无效行列出行号、列名和原因。"""
    try:
        content = file.read_bytes()
    except OSError as error:
        typer.echo(f"错误：无法读取 {file}：{error.strerror}", err=True)
        raise typer.Exit(2) from None
    with signed_in(username, password_stdin) as http:
        started = http.post("/api/v1/cases/imports", files={"file": (file.name, content)})
        if started.status_code != 202:
            typer.echo(f"错误：{refusal(started)}", err=True)
            raise typer.Exit(2)
        job = started.json()
        with typer.progressbar(length=job["valid_rows"], label="登记中") as bar:
            done = 0
            while job["status"] != "done":
                time.sleep(0.5)
                job = http.get(f"/api/v1/cases/imports/{job['id']}").json()
                progressed = job["registered"] + job["existing"]
                bar.update(progressed - done)
                done = progressed
    typer.echo(
        f"共 {job['total_rows']} 行：新登记 {job['registered']} 件，已登记过 {job['existing']} 件，"
        f"有误 {len({e['row'] for e in job['errors']})} 行"
    )
    for problem in job["errors"][:SHOWN_ERRORS]:
        typer.echo(f"  第 {problem['row']} 行【{problem['column']}】{problem['message']}", err=True)
    if len(job["errors"]) > SHOWN_ERRORS:
        typer.echo(f"  ……另有 {len(job['errors']) - SHOWN_ERRORS} 处错误", err=True)
    if job["errors"]:
        raise typer.Exit(1)
