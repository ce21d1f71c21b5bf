"""The migrated schema is exactly what the models declare: no table, column or index drifts."""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.ext.asyncio import AsyncEngine

import ledger.models  # noqa: F401 - every table registered on the metadata
from ledger.base import Base


async def test_migrations_build_the_models_schema(engine: AsyncEngine) -> None:
    def differences(connection: Any) -> list[Any]:
        return list(compare_metadata(MigrationContext.configure(connection), Base.metadata))

    async with engine.connect() as connection:
        assert await connection.run_sync(differences) == []
