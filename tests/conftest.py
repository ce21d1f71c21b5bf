"""Real servers for the tests, started once per session on free ports in temporary folders.

Dates: a test that runs a server takes its dates from that server's clock through
tests/scenario_dates.py and skips forward to them; only tests of pure functions name a date.

PostgreSQL: the embedded server of `qingling up` (or TEST_DATABASE_URL when set).
Temporal: the time-skipping test server for workflow logic with long deadlines, and the
dev server (the same launcher code `qingling up` uses) for end-to-end tests.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment

from infra.database import build_engine, build_session_factory
from infra.task_queues import MAIN_TASK_QUEUE
from infra.temporal_client import connect_temporal
from infra.temporal_context import ContextInterceptor
from launcher.embedded_postgres import EmbeddedPostgres
from launcher.ports import free_port
from launcher.temporal_dev import TemporalDevServer
from ledger.base import Base
from migrations.runner import upgrade
from tests.replay.capture import capture_histories, capture_start
from workers.main import build_worker

BIN = Path(sys.executable).parent


@contextmanager
def service_folder(name: str) -> Iterator[Path]:
    """A folder outside pytest's base temp: pytest resets that to 0700 when another session
    starts, which would lock out PostgreSQL's own system user (running as root)."""
    folder = Path(tempfile.mkdtemp(prefix=f"qingling-test-{name}-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def service_dir() -> Iterator[Path]:
    with service_folder("run") as folder:
        yield folder


@pytest.fixture(scope="session")
def postgres() -> Iterator[EmbeddedPostgres | None]:
    if os.environ.get("TEST_DATABASE_URL"):
        yield None
        return
    with service_folder("postgres") as root:
        server = EmbeddedPostgres(
            root / "cluster", port=free_port(), log_path=root / "postgres.log"
        )
        server.start()
        yield server
        server.stop()


@pytest.fixture(scope="session")
def database_url(postgres: EmbeddedPostgres | None) -> str:
    """A fresh database with every migration applied."""
    url = os.environ.get("TEST_DATABASE_URL") or ""
    if postgres is not None:
        url = postgres.create_database(f"qingling_test_{uuid.uuid4().hex[:8]}")
    upgrade(url)
    return url


@pytest.fixture(scope="session")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = build_engine(database_url, pool_size=5)
    yield engine
    await engine.dispose()


@pytest.fixture(scope="session")
def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return build_session_factory(engine)


@pytest.fixture
async def clean_db(engine: AsyncEngine) -> AsyncIterator[None]:
    """Empty every ledger table before the test (tests that commit, e.g. through the API)."""
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    async with engine.begin() as conn:
        await conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    yield


@pytest.fixture
async def db_session(engine: AsyncEngine) -> AsyncIterator[AsyncSession]:
    """A session whose work is rolled back after the test (ledger service tests)."""
    async with engine.connect() as conn:
        transaction = await conn.begin()
        session = AsyncSession(
            bind=conn, join_transaction_mode="create_savepoint", expire_on_commit=False
        )
        try:
            yield session
        finally:
            await session.close()
            await transaction.rollback()


@pytest.fixture
async def time_skipping_env(request: pytest.FixtureRequest) -> AsyncIterator[WorkflowEnvironment]:
    """A fresh test server per test: its clock only moves forward, and tests pin dates."""
    env = await WorkflowEnvironment.start_time_skipping(
        data_converter=pydantic_data_converter,
        interceptors=[ContextInterceptor()],
        test_server_existing_path=str(BIN / "temporal-test-server"),
    )
    yield env
    try:
        await capture_histories(env.client, request.node)  # QINGLING_CAPTURE_HISTORIES only
    finally:
        await env.shutdown()


@pytest.fixture(scope="session")
def dev_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TemporalDevServer]:
    root = tmp_path_factory.mktemp("temporal")
    server = TemporalDevServer(root, port=free_port(), ui_port=None, log_path=root / "temporal.log")
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
async def dev_client(dev_server: TemporalDevServer) -> Client:
    return await connect_temporal(dev_server.address)


async def terminate_running(client: Client) -> None:
    """End what an earlier test left running (workflows, and the report Schedules a terminated
    campaign could not delete), so nothing writes into the next test's ledger."""
    handles = [
        client.get_workflow_handle(w.id, run_id=w.run_id)
        async for w in client.list_workflows("ExecutionStatus = 'Running'")
    ]
    await asyncio.gather(*(h.terminate("test finished") for h in handles), return_exceptions=True)
    schedules = [client.get_schedule_handle(s.id) async for s in await client.list_schedules()]
    await asyncio.gather(*(s.delete() for s in schedules), return_exceptions=True)


@pytest.fixture
async def quiet_temporal(dev_client: Client, request: pytest.FixtureRequest) -> AsyncIterator[None]:
    await terminate_running(dev_client)
    began = capture_start()
    yield
    await terminate_running(dev_client)
    await capture_histories(dev_client, request.node, since=began)  # QINGLING_CAPTURE_HISTORIES


@pytest.fixture(scope="session")
async def dev_worker(
    dev_client: Client, session_factory: async_sessionmaker[AsyncSession]
) -> AsyncIterator[None]:
    """The real worker (every workflow, real activities) on the dev server and test database."""
    async with (
        httpx.AsyncClient() as http,
        build_worker(dev_client, session_factory, http, MAIN_TASK_QUEUE),
    ):
        yield
