"""Which database the admin commands talk to: DATABASE_URL, else the running `qingling up`."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from infra.settings import Settings


def database_url(settings: Settings) -> str:
    from launcher.runtime_file import read_runtime

    if settings.database_url:
        return settings.database_url
    runtime = read_runtime(settings.data_dir.resolve())
    if runtime is None:
        typer.echo(
            f"错误：未设置 DATABASE_URL，"
            f"且数据目录 {settings.data_dir} 中没有正在运行的 qingling up。"
            "请先运行 qingling up，或设置 DATABASE_URL。",
            err=True,
        )
        raise typer.Exit(2)
    return runtime.database_url


def api_url() -> str:
    """QINGLING_API_URL, else the API of the running `qingling up` of the data folder."""
    explicit = os.environ.get("QINGLING_API_URL")
    if explicit:
        return explicit
    from infra.settings import Settings
    from launcher.runtime_file import read_runtime

    settings = Settings()
    runtime = read_runtime(settings.data_dir.resolve())
    if runtime is None:
        typer.echo(
            f"错误：未设置 QINGLING_API_URL，"
            f"且数据目录 {settings.data_dir} 中没有正在运行的 qingling up。",
            err=True,
        )
        raise typer.Exit(2)
    return runtime.api_url
