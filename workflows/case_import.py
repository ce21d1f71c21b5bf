"""A bulk import of clues: registers the valid rows page by page; progress lives in the ledger."""

from __future__ import annotations

from datetime import timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy

from domain.cases.imports import ImportPage, ImportProgress

with workflow.unsafe.imports_passed_through():
    from activities.case_imports import CaseImportActivities


@workflow.defn(name="CaseImport")
class CaseImportWorkflow:
    @workflow.run
    async def run(self, page: ImportPage) -> ImportProgress:
        while True:
            progress = await workflow.execute_activity_method(
                CaseImportActivities.register_page,
                page,
                start_to_close_timeout=timedelta(minutes=10),
                heartbeat_timeout=timedelta(minutes=2),
                retry_policy=RetryPolicy(maximum_interval=timedelta(minutes=1)),
            )
            if progress.done:
                return progress
            page = ImportPage(import_id=page.import_id, after_row=progress.last_row)
            if workflow.info().is_continue_as_new_suggested():
                workflow.continue_as_new(page)
