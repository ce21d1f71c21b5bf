"""The case and task tallies the triggers keep equal the ledger counted directly, after inserts,
upserts (the intake's ON CONFLICT path), updates that move rows between groups and deletes."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from documents.units_file import read_units_file
from ledger.units import service as units
from tests.api.conftest import UNITS_FILE
from tests.seed import campaign_row

INSERT = """
INSERT INTO cases (id, case_number, source, external_id, received_at, status, receiving_unit,
    district, town, sector, workers_claimed, amount_claimed, verified_workers, verified_amount,
    paid_amount, employer_name, description, major, major_reasons, accept_deadline,
    close_deadline, project_type, escalation, reopened)
SELECT 't' || g, 'T-' || g, 'petition', 'T' || g, now(),
    (ARRAY['registered', 'resolving', 'closed'])[1 + g % 3], 'tj.rsj',
    (ARRAY['tj.hp', 'tj.hx'])[1 + g % 2], NULL, (ARRAY['工程建设', '餐饮服务'])[1 + g % 2],
    1 + g % 7, g * 100.50, CASE WHEN g % 4 = 0 THEN 2 END, CASE WHEN g % 4 = 0 THEN 99.99 END,
    CASE WHEN g % 3 = 2 THEN g * 10.00 ELSE 0 END, '某公司', '工资未发', g % 5 = 0, '[]',
    current_date, current_date + 60, (ARRAY[NULL, 'government'])[1 + g % 2],
    (ARRAY[NULL, 'warn'])[1 + g % 2], 0
FROM generate_series(1, :count) AS g
"""
DIRECT = """
SELECT district, coalesce(town, ''), sector, status, major, coalesce(project_type, ''),
    coalesce(escalation, ''), count(*), sum(coalesce(verified_workers, workers_claimed)),
    sum(coalesce(verified_amount, amount_claimed)), sum(paid_amount)
FROM cases GROUP BY 1, 2, 3, 4, 5, 6, 7
"""
TALLIED = """
SELECT district, town, sector, status, major, project_type, escalation, cases, workers, owed, paid
FROM case_tallies WHERE cases <> 0
"""


async def _rows(session: AsyncSession, query: str) -> set[tuple[Any, ...]]:
    return {tuple(row) for row in (await session.execute(text(query))).all()}


async def _agree(session: AsyncSession) -> None:
    assert await _rows(session, TALLIED) == await _rows(session, DIRECT)
    leftover = await session.scalar(
        text("SELECT count(*) FROM case_tallies WHERE cases = 0 AND (owed <> 0 OR paid <> 0)")
    )
    assert leftover == 0  # a group emptied of cases holds no money either


async def test_tallies_follow_every_kind_of_write(db_session: AsyncSession) -> None:
    await units.upsert_many(session=db_session, units=read_units_file(UNITS_FILE).units)
    await db_session.execute(text(INSERT), {"count": 60})
    await _agree(db_session)
    # the intake's upsert: a known case updated through ON CONFLICT, a new one inserted
    await db_session.execute(
        text(
            "INSERT INTO cases SELECT * FROM cases WHERE id IN ('t1', 't2') "
            "ON CONFLICT (id) DO UPDATE SET status = 'closed', paid_amount = excluded.amount_claimed"
        )
    )
    for statement in (
        "CREATE TEMP TABLE copied ON COMMIT DROP AS SELECT * FROM cases WHERE id = 't3'",
        "UPDATE copied SET id = 'nt3', case_number = 'N-3', external_id = 'N3'",
        "INSERT INTO cases SELECT * FROM copied ON CONFLICT (id) DO NOTHING",
    ):
        await db_session.execute(text(statement))
    await _agree(db_session)
    moves = (
        "UPDATE cases SET status = 'finished', escalation = NULL WHERE id LIKE 't1%'",
        "UPDATE cases SET town = 'tj.hp.t1', major = NOT major WHERE district = 'tj.hp'",
        "UPDATE cases SET verified_amount = amount_claimed / 2, verified_workers = 1",
        "UPDATE cases SET description = '只改了描述'",  # nothing counted moves
        "DELETE FROM cases WHERE id LIKE 't2%' OR id = 'nt3'",
    )
    for statement in moves:
        await db_session.execute(text(statement))
        await _agree(db_session)


TASKS = """
INSERT INTO tasks (id, campaign_id, task_key, title, description, phase_key, unit_code, deadline,
    deliverables, launched, status, progress, escalation, pending_extension, nil_report,
    completed_at)
SELECT 'k' || g, 'c-tally', 'k' || g, '任务', '', (ARRAY[NULL, 'a', 'b'])[1 + g % 3],
    (ARRAY['tj.hp', 'tj.rsj'])[1 + g % 2], current_date - 5 + g % 4, '["note"]', true,
    (ARRAY['open', 'completed', 'cancelled', 'in_progress'])[1 + g % 4], 0,
    (ARRAY[NULL, 'warned'])[1 + g % 2], false, false,
    CASE WHEN g % 4 = 1 THEN (current_date - 7 + g % 5)::timestamp AT TIME ZONE 'Asia/Shanghai'
         + interval '23 hours 59 minutes' END
FROM generate_series(1, 40) AS g
"""
TASKS_DIRECT = """
SELECT campaign_id, coalesce(phase_key, ''), unit_code, coalesce(escalation, ''), status,
    deadline, coalesce((completed_at AT TIME ZONE 'Asia/Shanghai')::date <= deadline, false),
    count(*)
FROM tasks GROUP BY 1, 2, 3, 4, 5, 6, 7
"""
TASKS_TALLIED = """
SELECT campaign_id, phase_key, unit_code, escalation, status, deadline, on_time, tasks
FROM task_tallies WHERE tasks <> 0
"""


async def test_task_tallies_follow_the_task_ledger(db_session: AsyncSession) -> None:
    await units.upsert_many(session=db_session, units=read_units_file(UNITS_FILE).units)
    await campaign_row(db_session, "c-tally")
    await db_session.execute(text(TASKS))
    on_time = await db_session.scalar(text("SELECT count(*) FROM task_tallies WHERE on_time"))
    assert on_time  # completed by the end of the deadline day (Beijing) counts as on time

    async def agree() -> None:
        assert await _rows(db_session, TASKS_TALLIED) == await _rows(db_session, TASKS_DIRECT)

    await agree()
    for statement in (
        "UPDATE tasks SET status = 'completed', completed_at = now() WHERE id LIKE 'k1%'",
        "UPDATE tasks SET escalation = 'supervised', deadline = deadline + 1 WHERE id LIKE 'k2%'",
        "UPDATE tasks SET unit_code = 'tj.hx' WHERE unit_code = 'tj.hp' AND status = 'open'",
        "UPDATE tasks SET progress = 50, launched = false",  # nothing counted moves
        "DELETE FROM tasks WHERE id LIKE 'k3%'",
    ):
        await db_session.execute(text(statement))
        await agree()
