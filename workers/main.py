"""The worker's composition root: settings, logging, client, activities, Worker."""

from __future__ import annotations

import asyncio
import compileall
import signal

import httpx
import structlog
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import Client
from temporalio.worker import Replayer, Worker
from temporalio.worker.workflow_sandbox import SandboxedWorkflowRunner, SandboxRestrictions

import workflows
from infra.database import build_engine, build_session_factory
from infra.logging import configure_logging
from infra.settings import Settings
from infra.task_queues import MAIN_TASK_QUEUE
from infra.temporal_client import DATA_CONVERTER, connect_temporal, temporal_interceptors
from workers.registry import WORKFLOWS, build_activities

log = structlog.get_logger(__name__)


def sandbox_runner() -> SandboxedWorkflowRunner:
    """Our pure domain modules are deterministic: pass them through instead of re-importing."""
    return SandboxedWorkflowRunner(
        restrictions=SandboxRestrictions.default.with_passthrough_modules(
            "domain",
            "pydantic",
            "pydantic_core",
            "annotated_types",
            "chinese_calendar",
            "holidays",
            "lunardate",
            "infra.temporal_context",
            "structlog",
        )
    )


def precompile_workflows() -> None:
    """The sandbox re-imports a workflow's module for every new workflow; with bytecode on disk
    that costs an exec, not a compile (PYTHONDONTWRITEBYTECODE would otherwise forbid it)."""
    for folder in workflows.__path__:
        compileall.compile_dir(folder, quiet=1)


async def run_worker(settings: Settings) -> None:
    """Run until SIGTERM/SIGINT, then finish in-flight tasks and exit."""
    configure_logging(settings.log_level)
    precompile_workflows()
    engine = build_engine(settings.require_database_url())
    client = await connect_temporal(
        settings.require_temporal_address(), settings.temporal_namespace
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    async with httpx.AsyncClient() as http:
        worker = build_worker(
            client,
            build_session_factory(engine),
            http,
            MAIN_TASK_QUEUE,
            cached_workflows=settings.worker_cached_workflows,
            recipient_ttl=settings.worker_recipient_cache_seconds,
        )
        log.info("worker_started", task_queue=MAIN_TASK_QUEUE)
        async with worker:
            await stop.wait()
    log.info("worker_stopped")
    await engine.dispose()


def build_worker(
    client: Client,
    session_factory: async_sessionmaker[AsyncSession],
    http: httpx.AsyncClient,
    task_queue: str,
    *,
    cached_workflows: int = 1000,
    recipient_ttl: float = 0.0,
) -> Worker:
    """The worker with every workflow and real activity; tests build it on their own queue."""
    return Worker(
        client,
        task_queue=task_queue,
        workflows=list(WORKFLOWS),
        activities=build_activities(session_factory, client, http, recipient_ttl),
        workflow_runner=sandbox_runner(),
        max_cached_workflows=cached_workflows,
    )


def build_replayer() -> Replayer:
    """Replays stored histories as build_worker's worker would run them (tests/replay): the same
    workflows and sandbox, and the converter and interceptors the worker takes from its client."""
    return Replayer(
        workflows=list(WORKFLOWS),
        workflow_runner=sandbox_runner(),
        data_converter=DATA_CONVERTER,
        interceptors=temporal_interceptors(),
    )
