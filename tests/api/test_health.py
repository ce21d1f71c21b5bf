"""Liveness and readiness."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from api.app import create_app
from infra.settings import Settings
from launcher.ports import free_port


async def test_healthz_needs_no_token(client: httpx.AsyncClient) -> None:
    answer = await client.get("/healthz")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok"}


async def test_readyz_with_both_servers_up(client: httpx.AsyncClient) -> None:
    answer = await client.get("/readyz")
    assert answer.status_code == 200
    assert answer.json()["checks"] == {"postgresql": "ok", "temporal": "ok"}


async def readyz_with(settings: Settings, **broken: str) -> httpx.Response:
    """/readyz of an app whose settings point one dependency at nothing."""
    app: FastAPI = create_app(settings.model_copy(update=broken))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            return await http.get("/readyz")


async def test_readyz_is_503_with_reason_when_temporal_is_down(settings: Settings) -> None:
    answer = await readyz_with(settings, temporal_address=f"127.0.0.1:{free_port()}")
    assert answer.status_code == 503
    body = answer.json()["error"]
    assert body["code"] == "not_ready"
    assert body["message"] == "服务未就绪：temporal 不可达"
    assert body["details"]["postgresql"] == "ok"
    assert body["details"]["temporal"] != "ok"


async def test_readyz_is_503_when_postgres_is_down(settings: Settings) -> None:
    answer = await readyz_with(
        settings, database_url=f"postgresql+psycopg://x:y@127.0.0.1:{free_port()}/none"
    )
    assert answer.status_code == 503
    assert answer.json()["error"]["details"]["temporal"] == "ok"
    assert answer.json()["error"]["details"]["postgresql"] != "ok"


async def test_docs_are_served_without_a_cdn(client: httpx.AsyncClient) -> None:
    page = await client.get("/docs")
    assert page.status_code == 200
    assert "/swagger/swagger-ui-bundle.js" in page.text
    assert "cdn" not in page.text.lower()
    script = await client.get("/swagger/swagger-ui-bundle.js")
    assert script.status_code == 200
    assert len(script.content) > 100_000
    schema = await client.get("/openapi.json")
    assert schema.status_code == 200
    assert "/api/v1/auth/token" in schema.json()["paths"]
