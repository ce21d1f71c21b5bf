"""The API in-process over ASGI, with its real lifespan, database and dev-server Temporal; and a
webhook gateway that fails its first call."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Thread
from typing import ClassVar

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import Client

from api.app import create_app
from documents.units_file import read_units_file
from domain.units.accounts import AccountCreate
from domain.units.roles import Role
from infra.clock import today_in_beijing
from infra.settings import Settings
from infra.task_queues import MAIN_TASK_QUEUE
from launcher.temporal_dev import TemporalDevServer
from ledger.tasks import service as tasks
from ledger.units import accounts
from ledger.units import service as units
from tests.polling import eventually
from tests.seed import campaign_row
from tests.workflows.task_fixtures import task_state
from workflows.department_task import DepartmentTaskWorkflow

UNITS_FILE = Path(__file__).resolve().parents[2] / "plans" / "data" / "units-tianjin.yaml"
SECRET = "test-secret-key-that-is-long-enough-0123456789"
PASSWORD = "correct horse battery"

Login = Callable[..., Awaitable[dict[str, str]]]


@pytest.fixture(scope="session")
def settings(
    database_url: str, dev_server: TemporalDevServer, tmp_path_factory: pytest.TempPathFactory
) -> Settings:
    return Settings(
        database_url=database_url,
        temporal_address=dev_server.address,
        secret_key=SECRET,
        data_dir=tmp_path_factory.mktemp("data"),
        env="test",
    )


@pytest.fixture(scope="session")
async def app(settings: Settings) -> AsyncIterator[FastAPI]:
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def client(
    app: FastAPI, quiet_temporal: None, clean_db: None
) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        yield http


@pytest.fixture
async def seeded(
    client: httpx.AsyncClient, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    """The Tianjin unit tree (plan 篇一) in the ledger."""
    async with session_factory() as session, session.begin():
        await units.upsert_many(session=session, units=read_units_file(UNITS_FILE).units)


@pytest.fixture
def login(
    client: httpx.AsyncClient, session_factory: async_sessionmaker[AsyncSession], seeded: None
) -> Login:
    """Create an account with the given role and unit, sign in, return auth headers."""

    async def _login(username: str, role: Role, unit: str | None = None) -> dict[str, str]:
        async with session_factory() as session, session.begin():
            await accounts.create(
                session=session,
                spec=AccountCreate(username=username, password=PASSWORD, role=role, unit=unit),
            )
        answer = await client.post(
            "/api/v1/auth/token", data={"username": username, "password": PASSWORD}
        )
        assert answer.status_code == 200, answer.text
        return {"Authorization": f"Bearer {answer.json()['access_token']}"}

    return _login


StartTask = Callable[..., Awaitable[str]]


@pytest.fixture
def start_task(
    client: httpx.AsyncClient,
    dev_client: Client,
    dev_worker: None,
    session_factory: async_sessionmaker[AsyncSession],
    seeded: None,
) -> StartTask:
    """Start a real department-task workflow and wait until the ledger has its row."""

    async def _start(unit: str = "tj.rsj", deadline: date | None = None, **spec: object) -> str:
        campaign = "c-api"
        async with session_factory() as session, session.begin():
            await campaign_row(session, campaign)
            chain = await units.ancestors(session=session, code=unit)
        state = task_state(
            deadline or today_in_beijing() + timedelta(days=30),
            unit=unit,
            campaign=campaign,
            ancestors=tuple(chain),
            **spec,
        )
        await dev_client.start_workflow(
            DepartmentTaskWorkflow.run, state, id=state.spec.task_id, task_queue=MAIN_TASK_QUEUE
        )

        async def recorded() -> bool:
            async with session_factory() as session:
                return await tasks.get(session=session, task_id=state.spec.task_id) is not None

        await eventually(recorded)
        return state.spec.task_id

    return _start


class Receiver(BaseHTTPRequestHandler):
    received: ClassVar[list[tuple[dict[str, str], bytes]]] = []
    fail_first: ClassVar[int] = 0

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if Receiver.fail_first > 0:
            Receiver.fail_first -= 1
            self.send_response(503)
            self.end_headers()
            return
        Receiver.received.append((dict(self.headers), body))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def gateway() -> Iterator[str]:
    Receiver.received = []
    Receiver.fail_first = 1
    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    thread = Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook"
    server.shutdown()
    server.server_close()
