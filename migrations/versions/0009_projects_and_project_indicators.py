"""projects and project indicators

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26 05:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "projects",
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("district", sa.String(length=64), nullable=False),
        sa.Column("project_type", sa.String(length=16), nullable=False),
        sa.Column("general_contractor", sa.String(length=200), nullable=True),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["district"], ["units.code"], name=op.f("fk_projects_district_units")
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_projects")),
    )
    op.create_index(op.f("ix_projects_district"), "projects", ["district"], unique=False)
    op.create_table(
        "project_indicators",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("project", sa.String(length=64), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("metric", sa.String(length=32), nullable=False),
        sa.Column("numerator", sa.Integer(), nullable=False),
        sa.Column("denominator", sa.Integer(), nullable=False),
        sa.Column("submitted_by", sa.String(length=64), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["project"], ["projects.code"], name=op.f("fk_project_indicators_project_projects")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_indicators")),
        sa.UniqueConstraint(
            "project", "week_start", "metric", name=op.f("uq_project_indicators_project")
        ),
    )
    op.create_index(
        op.f("ix_project_indicators_week_start"),
        "project_indicators",
        ["week_start"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_project_indicators_week_start"), table_name="project_indicators")
    op.drop_table("project_indicators")
    op.drop_index(op.f("ix_projects_district"), table_name="projects")
    op.drop_table("projects")
