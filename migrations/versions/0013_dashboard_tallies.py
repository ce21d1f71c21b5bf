"""dashboard: case tallies kept by triggers, indexes for the leader's queue and the ladder counts

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01 11:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEY = "district, town, sector, status, major, project_type, escalation"
# one case as the tallies count it, with its sign: +1 for a row that arrives, -1 for one that goes
COUNTED = (
    "SELECT district, coalesce(town, '') AS town, sector, status, major, "
    "coalesce(project_type, '') AS project_type, coalesce(escalation, '') AS escalation, "
    "{sign} AS cases, {sign} * coalesce(verified_workers, workers_claimed) AS workers, "
    "{sign} * coalesce(verified_amount, amount_claimed) AS owed, {sign} * paid_amount AS paid "
    "FROM {rows}"
)
# Groups in key order, so two transactions moving cases between the same groups lock them in
# the same order (no deadlock); a change that moves nothing counted (most updates) locks nothing.
APPLY = f"""
INSERT INTO case_tallies ({KEY}, cases, workers, owed, paid)
SELECT {KEY}, sum(cases), sum(workers), sum(owed), sum(paid) FROM ({{counted}}) AS moved
GROUP BY {KEY}
HAVING sum(cases) <> 0 OR sum(workers) <> 0 OR sum(owed) <> 0 OR sum(paid) <> 0
ORDER BY {KEY}
ON CONFLICT ({KEY}) DO UPDATE SET
    cases = case_tallies.cases + excluded.cases,
    workers = case_tallies.workers + excluded.workers,
    owed = case_tallies.owed + excluded.owed,
    paid = case_tallies.paid + excluded.paid
"""  # noqa: S608 - fixed column names, nothing from outside
TRIGGERS = {
    "insert": ("REFERENCING NEW TABLE AS new_rows", [("+1", "new_rows")]),
    "update": (
        "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
        [("-1", "old_rows"), ("+1", "new_rows")],
    ),
    "delete": ("REFERENCING OLD TABLE AS old_rows", [("-1", "old_rows")]),
}


def _function_sql(event: str, sources: list[tuple[str, str]]) -> str:
    counted = " UNION ALL ".join(COUNTED.format(sign=s, rows=r) for s, r in sources)
    return (
        f"CREATE FUNCTION case_tallies_on_{event}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        f"BEGIN\n{APPLY.format(counted=counted)};\nRETURN NULL;\nEND $$"
    )


def upgrade() -> None:
    op.create_table(
        "case_tallies",
        sa.Column("district", sa.String(length=64), nullable=False),
        sa.Column("town", sa.String(length=64), nullable=False),
        sa.Column("sector", sa.String(length=50), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("major", sa.Boolean(), nullable=False),
        sa.Column("project_type", sa.String(length=16), nullable=False),
        sa.Column("escalation", sa.String(length=32), nullable=False),
        sa.Column("cases", sa.BigInteger(), nullable=False),
        sa.Column("workers", sa.BigInteger(), nullable=False),
        sa.Column("owed", sa.Numeric(precision=18, scale=2), nullable=False),
        sa.Column("paid", sa.Numeric(precision=18, scale=2), nullable=False),
        sa.PrimaryKeyConstraint(
            "district", "town", "sector", "status", "major", "project_type", "escalation",
            name=op.f("pk_case_tallies"),
        ),
    )  # fmt: skip
    for event, (referencing, sources) in TRIGGERS.items():
        op.execute(_function_sql(event, sources))
        op.execute(
            f"CREATE TRIGGER case_tallies_{event} AFTER {event.upper()} ON cases {referencing} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION case_tallies_on_{event}()"
        )
    op.execute(APPLY.format(counted=COUNTED.format(sign="1", rows="cases")))  # cases so far
    op.create_index("ix_tasks_leader", "tasks", ["supervising_leader", "status"])
    op.create_index("ix_escalations_campaign_action", "escalations", ["campaign_id", "action"])


def downgrade() -> None:
    op.drop_index("ix_escalations_campaign_action", table_name="escalations")
    op.drop_index("ix_tasks_leader", table_name="tasks")
    for event in TRIGGERS:
        op.execute(f"DROP TRIGGER case_tallies_{event} ON cases")
        op.execute(f"DROP FUNCTION case_tallies_on_{event}()")
    op.drop_table("case_tallies")
