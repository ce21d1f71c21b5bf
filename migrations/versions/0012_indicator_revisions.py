"""indicator revisions

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-26 05:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "indicator_revisions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("subject_kind", sa.String(length=16), nullable=False),
        sa.Column("subject", sa.String(length=64), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("metric", sa.String(length=32), nullable=False),
        sa.Column("numerator", sa.Integer(), nullable=False),
        sa.Column("denominator", sa.Integer(), nullable=False),
        sa.Column("submitted_by", sa.String(length=64), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_revisions")),
    )
    op.create_index(
        "ix_indicator_revisions_week", "indicator_revisions", ["week_start", "subject_kind"]
    )
    # what the tables hold already is each subject's first revision
    op.execute(
        "INSERT INTO indicator_revisions (subject_kind, subject, week_start, metric, numerator, "
        "denominator, submitted_by, submitted_at) SELECT 'district', district, week_start, metric,"
        " numerator, denominator, submitted_by, created_at FROM district_indicators"
    )
    op.execute(
        "INSERT INTO indicator_revisions (subject_kind, subject, week_start, metric, numerator, "
        "denominator, submitted_by, submitted_at) SELECT 'project', project, week_start, metric, "
        "numerator, denominator, submitted_by, created_at FROM project_indicators"
    )


def downgrade() -> None:
    op.drop_index("ix_indicator_revisions_week", table_name="indicator_revisions")
    op.drop_table("indicator_revisions")
