"""The built web workspace (web/dist) served by the API: one origin, nothing from the internet.

The page routes with the URL's hash (/#/tasks/…), so the server needs no catch-all route and an
unknown API path still answers a JSON 404.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

NOT_BUILT = """<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>清零</title>
<body style="font-family:sans-serif;padding:2em"><h1>网页尚未构建</h1>
<p>请在项目目录运行 <code>make up</code>（需要 Node.js 20 或更高版本），它会构建网页并启动系统。</p>
</body></html>"""


def install_web_workspace(app: FastAPI, dist: Path) -> None:
    """Mount what the build wrote; without a build, the page says how to make one."""
    for folder, name in (("assets", "web-assets"), ("swagger", "swagger")):
        if (dist / folder).is_dir():
            app.mount(f"/{folder}", StaticFiles(directory=dist / folder), name=name)

    @app.get("/", include_in_schema=False, response_model=None)
    async def index() -> Response:
        page = dist / "index.html"
        if not page.is_file():
            return HTMLResponse(NOT_BUILT, status_code=503)
        return FileResponse(page, headers={"Cache-Control": "no-cache"})

    @app.get("/favicon.svg", include_in_schema=False)
    async def favicon() -> FileResponse:
        return FileResponse(dist / "favicon.svg")
