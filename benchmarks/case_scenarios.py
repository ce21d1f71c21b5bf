"""The cases issue's figures: registration and import rates, ledger queries at 100,000 cases."""

from __future__ import annotations

import asyncio
import time
import uuid
from typing import Any

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

VALID_USCC = "91350100M000100Y43"
IMPORT_HEADER = (
    "线索编号,反映时间,反映人,涉及人数,欠薪金额,用人单位,统一社会信用代码,行业,所属区,问题描述"
)


def clue(external_id: str) -> dict[str, Any]:
    return {
        "source": "hotline_12345", "external_id": external_id,
        "received_at": "2026-11-26T09:30:00+08:00",
        "complainants": [{"name": "张三", "phone": "13812345678"}],
        "workers_affected": 3, "amount_claimed": "9000.00",
        "employer": {"name": "天津某劳务有限公司", "credit_code": VALID_USCC},
        "sector": "工程建设", "district": "tj.hp", "description": "三人工资未发",
    }  # fmt: skip


async def register_rate(
    http: httpx.AsyncClient, headers: dict[str, str], count: int, concurrency: int
) -> float:
    """Cases registered per second through POST /api/v1/cases."""
    gate = asyncio.Semaphore(concurrency)
    prefix = uuid.uuid4().hex[:6]

    async def one(i: int) -> None:
        async with gate:
            answer = await http.post("/api/v1/cases", json=clue(f"B{prefix}{i}"), headers=headers)
            answer.raise_for_status()

    started = time.perf_counter()
    await asyncio.gather(*(one(i) for i in range(count)))
    return count / (time.perf_counter() - started)


def import_file(rows: int) -> bytes:
    prefix = uuid.uuid4().hex[:6]
    lines = [IMPORT_HEADER] + [
        f"I{prefix}{i},2026-11-20 09:30,工人{i},2,6000.00,天津某公司,{VALID_USCC},"
        "工程建设,和平区,两人工资未发"
        for i in range(rows)
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


async def import_rate(
    http: httpx.AsyncClient, headers: dict[str, str], rows: int
) -> tuple[float, float]:
    """Rows registered per second by a bulk import, and the whole import's seconds."""
    started = time.perf_counter()
    answer = await http.post(
        "/api/v1/cases/imports",
        files={"file": ("线索.csv", import_file(rows), "text/csv")},
        headers=headers,
    )
    answer.raise_for_status()
    job = answer.json()
    while job["status"] != "done":
        await asyncio.sleep(0.5)
        job = (await http.get(f"/api/v1/cases/imports/{job['id']}", headers=headers)).json()
    seconds = time.perf_counter() - started
    if job["registered"] != rows:
        raise RuntimeError(f"import registered {job['registered']} of {rows}")
    return rows / seconds, seconds


async def seed_cases(session_factory: async_sessionmaker[AsyncSession], count: int) -> None:
    """`count` ledger rows written directly (no workflows): a year of a big city's clues."""
    async with session_factory() as session, session.begin():
        await session.execute(
            text(
                """
                INSERT INTO cases (id, case_number, source, external_id, received_at, status,
                    receiving_unit, handling_unit, district, sector, workers_claimed,
                    amount_claimed, verified_workers, verified_amount, paid_amount,
                    employer_name, description, major, major_reasons, accept_deadline,
                    close_deadline, closed_at, reopened)
                SELECT 'case:seed:' || g, 'SEED-' || g,
                    (ARRAY['national_platform','hotline_12345','petition'])[1 + g % 3], 'S' || g,
                    now() - (g % 365) * interval '1 day',
                    (ARRAY['registered','verifying','resolving','closed','finished'])[1 + g % 5],
                    'tj.rsj', (ARRAY['tj.hp.rsj','tj.hx.rsj','tj.nk.rsj','tj.bh.rsj'])[1 + g % 4],
                    (ARRAY['tj.hp','tj.hx','tj.nk','tj.bh'])[1 + g % 4],
                    (ARRAY['工程建设','餐饮服务','快递物流'])[1 + g % 3],
                    1 + g % 40, (g % 2000) * 100.00, 1 + g % 40, (g % 2000) * 100.00,
                    CASE WHEN g % 5 >= 3 THEN (g % 2000) * 100.00 ELSE 0 END,
                    '某公司' || (g % 500), '工资未发', g % 40 >= 30, '[]'::jsonb,
                    current_date - (g % 365) + 7, current_date - (g % 365) + 90,
                    CASE WHEN g % 5 >= 3 THEN now() - (g % 300) * interval '1 day' END, 0
                FROM generate_series(1, :count) AS g
                ON CONFLICT DO NOTHING
                """
            ),
            {"count": count},
        )
        await session.execute(text("ANALYZE cases"))


async def query_latencies(
    http: httpx.AsyncClient,
    headers: dict[str, str],
    requests: list[tuple[str, dict[str, str]]],
    rounds: int,
) -> list[float]:
    latencies: list[float] = []
    for _ in range(rounds):
        for path, params in requests:
            t = time.perf_counter()
            answer = await http.get(path, params=params, headers=headers)
            latencies.append((time.perf_counter() - t) * 1000)
            answer.raise_for_status()
    return latencies


LIST_QUERIES = [
    ("/api/v1/cases", {"district": "tj.hp", "limit": "50"}),
    ("/api/v1/cases", {"status": "resolving", "limit": "50"}),
    ("/api/v1/cases", {"major": "true", "limit": "50"}),
    ("/api/v1/cases", {"min_amount": "100000", "max_amount": "150000", "limit": "50"}),
    ("/api/v1/cases", {"overdue": "true", "limit": "50"}),
]
FIGURE_QUERIES = [
    ("/api/v1/cases/figures", {}),
    ("/api/v1/cases/figures", {"district": "tj.hx"}),
    ("/api/v1/cases/figures", {"source": "petition"}),
]
