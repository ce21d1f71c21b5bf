"""Liveness and readiness, open to load balancers without a token."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text

from api.errors import error_body
from api.routing import operation_id

router = APIRouter(tags=["运维"], generate_unique_id_function=operation_id)  # outside /api/v1


@router.get("/healthz", summary="存活检查")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


async def _check_postgres(request: Request) -> None:
    async with request.app.state.session_factory() as session:
        await session.execute(text("SELECT 1"))


async def _check_temporal(request: Request) -> None:
    client = await request.app.state.temporal.get()
    await client.service_client.check_health()


@router.get("/readyz", summary="就绪检查（PostgreSQL 与 Temporal 可达）")
async def readyz(request: Request) -> Any:
    checks: dict[str, str] = {}
    for name, check in (("postgresql", _check_postgres), ("temporal", _check_temporal)):
        try:
            await asyncio.wait_for(check(request), timeout=3)
            checks[name] = "ok"
        except Exception as error:
            checks[name] = f"{type(error).__name__}: {error}"[:300]
    if all(v == "ok" for v in checks.values()):
        return {"status": "ready", "checks": checks}
    failing = "、".join(k for k, v in checks.items() if v != "ok")
    return JSONResponse(
        error_body("not_ready", f"服务未就绪：{failing} 不可达", checks), status_code=503
    )
