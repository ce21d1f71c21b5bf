"""What the import workflow carries between its pages."""

from __future__ import annotations

from domain.cases.intake import Frozen

IMPORT_PAGE_SIZE = 200


class ImportPage(Frozen):
    import_id: str
    after_row: int = 0


class ImportProgress(Frozen):
    registered: int
    existing: int
    last_row: int
    done: bool
