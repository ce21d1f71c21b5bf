"""`qingling units load FILE`: the unit tree from a YAML file."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cli.targets import database_url

if TYPE_CHECKING:
    from domain.units.model import UnitsFile

app = typer.Typer(help="组织机构管理", no_args_is_help=True)


async def _load(url: str, spec: UnitsFile) -> int:
    from documents.units_file import UnitsFileError
    from infra.database import build_engine, build_session_factory
    from ledger.units import service as units

    engine = build_engine(url, pool_size=1)
    try:
        async with build_session_factory(engine)() as session, session.begin():
            problems = await units.missing_parents(session=session, units=spec.units)
            if problems:
                raise UnitsFileError(problems)
            return await units.upsert_many(session=session, units=spec.units)
    finally:
        await engine.dispose()


@app.command("load")
def load(file: Annotated[Path, typer.Argument(help="单位 YAML 文件")]) -> None:
    """导入或更新单位（按编码合并）。"""
    from documents.units_file import UnitsFileError, read_units_file
    from infra.settings import Settings

    try:
        spec = read_units_file(file)
        count = asyncio.run(_load(database_url(Settings()), spec))
    except UnitsFileError as error:
        for line in error.errors:
            typer.echo(f"错误：{line}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"已导入 {count} 个单位")
