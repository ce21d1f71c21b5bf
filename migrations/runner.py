"""Apply migrations programmatically; one call used by the CLI, `qingling up` and the tests."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

from infra.database import normalize_database_url

SCRIPT_LOCATION = Path(__file__).resolve().parent


def alembic_config(database_url: str) -> Config:
    """An Alembic config pointing at this package, with the URL given (not from an ini file)."""
    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    config.set_main_option(
        "sqlalchemy.url", normalize_database_url(database_url).replace("%", "%%")
    )
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    """Bring the ledger schema to `revision`; concurrent callers wait on an advisory lock."""
    command.upgrade(alembic_config(database_url), revision)
