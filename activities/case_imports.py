"""Registers an import's valid rows a page at a time, each through Update-With-Start."""

from __future__ import annotations

import asyncio

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity
from temporalio.client import Client
from temporalio.exceptions import ApplicationError

from domain.cases.imports import IMPORT_PAGE_SIZE, ImportPage, ImportProgress
from domain.cases.intake import CaseIntake
from domain.cases.state import CaseSettings
from ledger.cases import imports as case_imports
from ledger.cases.imports_table import CaseImport
from ledger.cases.intake import new_case_state
from ledger.cases.settings import case_settings
from workflows.client import register_case

REGISTER_CONCURRENCY = 32


class CaseImportActivities:
    def __init__(self, session_factory: async_sessionmaker[AsyncSession], client: Client):
        self.session_factory = session_factory
        self.client = client

    @activity.defn(name="case_import.register_page")
    async def register_page(self, page: ImportPage) -> ImportProgress:
        async with self.session_factory() as session:
            job = await session.get(CaseImport, page.import_id)
            if job is None:  # a vanished import does not come back on a retry
                raise ApplicationError(
                    f"导入批次 {page.import_id} 不在台账中",
                    type="import_missing",
                    non_retryable=True,
                )
            rows = await case_imports.rows_after(
                session=session,
                import_id=page.import_id,
                after_row=page.after_row,
                limit=IMPORT_PAGE_SIZE,
            )
            by_district: dict[str, CaseSettings] = {}  # rules depend on the territory
            states = []
            for row in rows:  # numbers for the whole page in one transaction
                intake = CaseIntake.model_validate(row.intake)
                if intake.district not in by_district:
                    by_district[intake.district] = await case_settings(
                        session=session, district=intake.district
                    )
                states.append(
                    await new_case_state(
                        session=session,
                        intake=intake,
                        receiving_unit=job.receiving_unit,
                        registered_by=job.uploaded_by,
                        settings=by_district[intake.district],
                    )
                )
            await session.commit()
        gate = asyncio.Semaphore(REGISTER_CONCURRENCY)

        async def one(index: int) -> tuple[int, str, bool]:
            async with gate:
                registered, created = await register_case(self.client, states[index])
            activity.heartbeat(rows[index].row)  # per clue: a page of 200 takes a while
            return rows[index].row, registered.start.case_id, created

        outcomes = await asyncio.gather(*(one(i) for i in range(len(rows))))
        done = len(rows) < IMPORT_PAGE_SIZE
        async with self.session_factory() as session, session.begin():
            tally = await case_imports.record_outcomes(
                session=session, import_id=page.import_id, outcomes=outcomes, done=done
            )
        return ImportProgress(
            registered=tally.registered,
            existing=tally.existing,
            last_row=rows[-1].row if rows else page.after_row,
            done=done,
        )
