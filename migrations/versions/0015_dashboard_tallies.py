"""dashboard: case and task tallies kept by triggers; task indexes for its lists and the leader

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-01 11:00:00
"""

from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPEN_TASKS = "status IN ('open', 'in_progress')"
SUPERVISED_TASKS = "escalation IN ('supervised', 'accountability')"


@dataclass(frozen=True)
class Tally:
    """A table of sums kept by statement triggers on `source`: (column, expression over one
    row) for each key and each summed value; a key expression never yields NULL."""

    source: str
    table: str
    keys: tuple[tuple[str, str], ...]
    sums: tuple[tuple[str, str], ...]

    def apply(self, counted: str) -> str:
        """Add the signed rows of `counted` to their groups, in key order, so that two
        transactions moving rows between the same groups lock them in the same order (no
        deadlock); a change that moves nothing counted (most updates) locks nothing."""
        keys = ", ".join(column for column, _ in self.keys)
        sums = ", ".join(f"sum({column})" for column, _ in self.sums)
        moved = " OR ".join(f"sum({column}) <> 0" for column, _ in self.sums)
        added = ", ".join(f"{c} = {self.table}.{c} + excluded.{c}" for c, _ in self.sums)
        columns = ", ".join(column for column, _ in self.sums)
        insert = f"INSERT INTO {self.table} ({keys}, {columns}) SELECT {keys}, {sums} "
        return (
            f"{insert}FROM ({counted}) AS moved GROUP BY {keys} HAVING {moved} ORDER BY {keys} "
            f"ON CONFLICT ({keys}) DO UPDATE SET {added}"
        )

    def counted(self, sign: str, rows: str) -> str:
        keys = ", ".join(f"{expression} AS {column}" for column, expression in self.keys)
        sums = ", ".join(f"{sign} * ({expression}) AS {column}" for column, expression in self.sums)
        return f"SELECT {keys}, {sums} FROM {rows}"  # noqa: S608 - fixed names

    def function_sql(self, event: str, sources: list[tuple[str, str]]) -> str:
        counted = " UNION ALL ".join(self.counted(sign, rows) for sign, rows in sources)
        return (
            f"CREATE FUNCTION {self.table}_on_{event}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            f"BEGIN\n{self.apply(counted)};\nRETURN NULL;\nEND $$"
        )


CASES = Tally(
    source="cases",
    table="case_tallies",
    keys=(
        ("district", "district"), ("town", "coalesce(town, '')"), ("sector", "sector"),
        ("status", "status"), ("major", "major"), ("project_type", "coalesce(project_type, '')"),
        ("escalation", "coalesce(escalation, '')"),
    ),
    sums=(
        ("cases", "1"), ("workers", "coalesce(verified_workers, workers_claimed)"),
        ("owed", "coalesce(verified_amount, amount_claimed)"), ("paid", "paid_amount"),
    ),
)  # fmt: skip
# completed by the end of its deadline day in Beijing (a deadline is a Beijing day)
ON_TIME = "coalesce(CAST(timezone('Asia/Shanghai', completed_at) AS date) <= deadline, false)"
TASKS = Tally(
    source="tasks",
    table="task_tallies",
    keys=(
        ("campaign_id", "campaign_id"), ("phase_key", "coalesce(phase_key, '')"),
        ("unit_code", "unit_code"), ("escalation", "coalesce(escalation, '')"),
        ("status", "status"), ("deadline", "deadline"),
        ("on_time", ON_TIME),
    ),
    sums=(("tasks", "1"),),
)  # fmt: skip
EVENTS = {
    "insert": ("REFERENCING NEW TABLE AS new_rows", [("1", "new_rows")]),
    "update": (
        "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
        [("-1", "old_rows"), ("1", "new_rows")],
    ),
    "delete": ("REFERENCING OLD TABLE AS old_rows", [("-1", "old_rows")]),
}


def _keep(tally: Tally) -> None:
    """The triggers, then the rows the source holds already."""
    for event, (referencing, sources) in EVENTS.items():
        op.execute(tally.function_sql(event, sources))
        op.execute(
            f"CREATE TRIGGER {tally.table}_{event} AFTER {event.upper()} ON {tally.source} "
            f"{referencing} FOR EACH STATEMENT EXECUTE FUNCTION {tally.table}_on_{event}()"
        )
    op.execute(tally.apply(tally.counted("1", tally.source)))


def _drop(tally: Tally) -> None:
    for event in EVENTS:
        op.execute(f"DROP TRIGGER {tally.table}_{event} ON {tally.source}")
        op.execute(f"DROP FUNCTION {tally.table}_on_{event}()")
    op.drop_table(tally.table)


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
        sa.PrimaryKeyConstraint(*(c for c, _ in CASES.keys), name=op.f("pk_case_tallies")),
    )
    op.create_table(
        "task_tallies",
        sa.Column("campaign_id", sa.String(length=64), nullable=False),
        sa.Column("phase_key", sa.String(length=64), nullable=False),
        sa.Column("unit_code", sa.String(length=64), nullable=False),
        sa.Column("escalation", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("on_time", sa.Boolean(), nullable=False),
        sa.Column("tasks", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint(*(c for c, _ in TASKS.keys), name=op.f("pk_task_tallies")),
    )
    for tally in (CASES, TASKS):
        _keep(tally)
    op.create_index("ix_tasks_leader", "tasks", ["supervising_leader", "status"])
    op.create_index(
        "ix_tasks_open_deadline", "tasks", ["campaign_id", "deadline"],
        postgresql_where=sa.text(OPEN_TASKS),
    )  # fmt: skip
    op.create_index(
        "ix_tasks_supervised", "tasks", ["campaign_id", "deadline"],
        postgresql_where=sa.text(f"{OPEN_TASKS} AND {SUPERVISED_TASKS}"),
    )  # fmt: skip


def downgrade() -> None:
    for name in ("ix_tasks_supervised", "ix_tasks_open_deadline", "ix_tasks_leader"):
        op.drop_index(name, table_name="tasks")
    for tally in (TASKS, CASES):
        _drop(tally)
