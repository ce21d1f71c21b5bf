"""`qingling users …`: accounts from the command line (the first office account, say)."""

from __future__ import annotations

import asyncio
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from cli.targets import database_url

if TYPE_CHECKING:
    from domain.units.accounts import AccountCreate

app = typer.Typer(help="账号管理", no_args_is_help=True)


async def _create(url: str, spec: AccountCreate) -> None:
    from infra.database import build_engine, build_session_factory
    from ledger.units import accounts

    engine = build_engine(url, pool_size=1)
    try:
        async with build_session_factory(engine)() as session, session.begin():
            await accounts.create(session=session, spec=spec)
    finally:
        await engine.dispose()


@app.command("add")
def add(
    username: Annotated[str, typer.Argument(help="用户名（字母、数字、._-）")],
    role: Annotated[str, typer.Option(help="角色：office / leader / unit / district")],
    unit: Annotated[
        str | None, typer.Option(help="所属单位编码（unit、district 角色必填）")
    ] = None,
    display_name: Annotated[str | None, typer.Option(help="显示名称（姓名）")] = None,
    title: Annotated[
        str | None, typer.Option(help="职务，如 市领导小组副组长（通报中与姓名一同列出）")
    ] = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="从标准输入读取密码")
    ] = False,
) -> None:
    """新建账号。"""
    from pydantic import ValidationError

    from domain.units.accounts import AccountCreate, AccountRefused
    from domain.units.roles import Role
    from infra.settings import Settings

    if not password_stdin:
        typer.echo(
            "错误：请用 --password-stdin 从标准输入提供密码（避免出现在命令历史中）", err=True
        )
        raise typer.Exit(2)
    if role not in {r.value for r in Role}:
        typer.echo(f"错误：未知角色 {role}（可选：office、leader、unit、district）", err=True)
        raise typer.Exit(2)
    password = sys.stdin.readline().rstrip("\r\n")
    try:
        spec = AccountCreate(
            username=username,
            password=password,
            role=Role(role),
            unit=unit,
            display_name=display_name,
            title=title,
        )
    except ValidationError as error:
        for problem in error.errors():
            field = ".".join(str(p) for p in problem["loc"])
            message = {
                "string_pattern_mismatch": "只能包含字母、数字和 ._-，长度 2–64",
                "string_too_short": "长度不足（密码至少 8 个字符）",
            }.get(problem["type"], problem["msg"])
            typer.echo(f"错误：{field}：{message}", err=True)
        raise typer.Exit(2) from None
    try:
        asyncio.run(_create(database_url(Settings()), spec))
    except AccountRefused as refusal:
        typer.echo(f"错误：{refusal.message}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"已创建账号 {username}（{role}）")
