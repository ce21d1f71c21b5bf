"""report document numbers (发文字号) and account titles (职务)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "report_document_numbers",
        sa.Column("report_id", sa.String(length=300), nullable=False),
        sa.Column("issuer", sa.String(length=64), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("dated", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("report_id", name=op.f("pk_report_document_numbers")),
        sa.UniqueConstraint(
            "issuer", "year", "number", name=op.f("uq_report_document_numbers_issuer")
        ),
    )
    op.add_column("accounts", sa.Column("title", sa.String(length=100), nullable=True))


def downgrade() -> None:
    op.drop_column("accounts", "title")
    op.drop_table("report_document_numbers")
