"""The FastAPI application: `create_app()` builds it from settings; nothing at import time."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api.docs import install_docs
from api.errors import install_error_handlers
from api.request_context import RequestContextMiddleware
from api.routes import (
    accounts,
    attachments,
    auth,
    blacklist,
    calendar,
    campaign_preview,
    campaigns,
    case_actions,
    case_imports,
    cases,
    dashboard,
    hazards,
    health,
    indicators,
    leader,
    notifications,
    plans,
    project_indicators,
    projects,
    reports,
    supervision,
    tasks,
    units,
    webhooks,
)
from api.temporal_holder import TemporalHolder
from api.web_workspace import install_web_workspace
from infra.database import build_engine, build_session_factory
from infra.settings import Settings, get_settings


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = build_engine(settings.require_database_url())
        app.state.settings = settings
        app.state.engine = engine
        app.state.session_factory = build_session_factory(engine)
        app.state.temporal = TemporalHolder(
            settings.require_temporal_address(), settings.temporal_namespace
        )
        try:
            yield
        finally:
            await engine.dispose()

    app = FastAPI(
        title="清零 · 根治欠薪专项行动协同系统",
        version="0.1.0",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.add_middleware(RequestContextMiddleware)
    install_error_handlers(app)
    install_docs(app)
    routers = (
        health, auth, units, accounts, plans, campaigns, tasks, attachments, case_imports,
        cases, case_actions, blacklist, hazards, indicators, project_indicators, projects,
        reports, notifications, supervision, calendar, webhooks,
        campaign_preview, dashboard, leader,
    )  # fmt: skip
    for module in routers:
        app.include_router(module.router)
    install_web_workspace(app, settings.web_dist)

    return app
