"""case list indexes

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-26 04:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPEN = "status IN ('registered', 'routed', 'verifying', 'resolving')"


def upgrade() -> None:
    op.create_index("ix_cases_received", "cases", [sa.text("received_at DESC"), "id"])
    op.create_index(
        "ix_cases_major", "cases", [sa.text("received_at DESC"), "id"],
        postgresql_where=sa.text("major"),
    )  # fmt: skip
    op.create_index("ix_cases_amount", "cases", ["amount_claimed"])
    op.create_index(
        "ix_cases_open_deadline", "cases", ["close_deadline"], postgresql_where=sa.text(OPEN)
    )


def downgrade() -> None:
    for name in (
        "ix_cases_open_deadline",
        "ix_cases_amount",
        "ix_cases_major",
        "ix_cases_received",
    ):
        op.drop_index(name, table_name="cases")
