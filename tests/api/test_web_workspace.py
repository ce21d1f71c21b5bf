"""The API serves the built workspace at /, and says in Chinese how to build it when it is absent."""

from __future__ import annotations

from pathlib import Path

import httpx
from fastapi import FastAPI

from api.web_workspace import install_web_workspace


async def test_the_index_and_its_assets_are_served(client: httpx.AsyncClient) -> None:
    index = await client.get("/")
    assert index.status_code == 200
    assert '<div id="app">' in index.text
    asset = index.text.split('src="', 1)[1].split('"', 1)[0]
    script = await client.get(asset)
    assert script.status_code == 200
    assert script.headers["content-type"].startswith("text/javascript")


async def test_an_unknown_api_path_still_answers_json(client: httpx.AsyncClient) -> None:
    answer = await client.get("/api/v1/no-such-thing")
    assert answer.status_code == 404
    assert answer.json()["error"]["code"] == "not_found"


async def test_without_a_build_the_page_says_how_to_make_one(tmp_path: Path) -> None:
    app = FastAPI()
    install_web_workspace(app, tmp_path / "dist")
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as http:
        answer = await http.get("/")
    assert answer.status_code == 503
    assert "make up" in answer.text and "网页尚未构建" in answer.text
