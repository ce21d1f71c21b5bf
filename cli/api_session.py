"""Commands that act through the API (so its rules and workflows apply) sign in here."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import typer

from cli.targets import api_url

if TYPE_CHECKING:
    import httpx


def refusal(answer: httpx.Response) -> str:
    """The Chinese message of an error answer."""
    try:
        return str(answer.json()["error"]["message"])
    except (ValueError, KeyError, TypeError):
        return f"请求失败（HTTP {answer.status_code}）"


@contextmanager
def signed_in(username: str, password_stdin: bool) -> Iterator[httpx.Client]:
    """An HTTP client with a bearer token, or a clear exit."""
    if not password_stdin:
        typer.echo("错误：请用 --password-stdin 从标准输入提供密码", err=True)
        raise typer.Exit(2)
    import httpx

    password = typer.get_text_stream("stdin").readline().rstrip("\r\n")
    with httpx.Client(base_url=api_url(), timeout=60) as http:
        token = http.post("/api/v1/auth/token", data={"username": username, "password": password})
        if token.status_code != 200:
            typer.echo(f"错误：{refusal(token)}", err=True)
            raise typer.Exit(2)
        http.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
        yield http
