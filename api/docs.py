"""API docs with Swagger UI 5 from the swagger-ui-dist npm package, built beside the page."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse


def install_docs(app: FastAPI) -> None:
    """Swagger UI 5 reads OpenAPI 3.1 (FastAPI's); the files come from web/dist/swagger."""

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="清零 API 文档",
            swagger_js_url="/swagger/swagger-ui-bundle.js",
            swagger_css_url="/swagger/swagger-ui.css",
            swagger_favicon_url="/favicon.svg",
        )
