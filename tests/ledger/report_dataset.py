"""A fixed ledger for report tests: one campaign over Tianjin, tasks, escalations, cases,
payments and weekly indicators, each dated so that the expected figures can be worked out by hand
(see test_report_figures.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

import plans
from documents.plan_file import load_plan_file
from documents.units_file import read_units_file
from domain.escalation import deadline_at
from domain.indicators.districts import WeeklySubmission
from domain.indicators.projects import ProjectWeeklySubmission
from ledger.campaigns.tables import Campaign
from ledger.cases.tables import Case, CaseEvent, CasePayment
from ledger.indicators import service as indicators
from ledger.projects.tables import Project
from ledger.tasks.tables import Escalation, Task, TaskEvent
from ledger.units import service as units

CAMPAIGN = "c-report"
PLANS = Path(plans.__path__[0])


def bj(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    """A Beijing wall-clock time as the UTC instant the ledger stores."""
    return datetime(y, m, d, hh, mm, tzinfo=UTC) - timedelta(hours=8)


def plan_with_daily() -> dict[str, Any]:
    """篇一 as the office would run it, plus a daily key-dates report."""
    plan = load_plan_file(PLANS / "pian1-tianjin-winter.yaml").model_dump(mode="json")
    plan["reporting"].append(
        {"key": "key-dates", "kind": "daily", "title": "重大时间节点日报告", "owner": "tj.office",
         "start": "2026-12-01", "end": "2026-12-10"}
    )  # fmt: skip
    return plan


def _task(key: str, unit: str, deadline: date, **extra: Any) -> Task:
    return Task(
        id=f"task:{CAMPAIGN}:{key}:{unit}", campaign_id=CAMPAIGN, task_key=key, title=f"任务{key}",
        unit_code=unit, deadline=deadline, status=extra.pop("status", "open"), **extra,
    )  # fmt: skip


def _case(number: str, source: str, district: str, received: datetime, **extra: Any) -> Case:
    return Case(
        id=f"case:{source}:{number}", case_number=number, source=source, external_id=number,
        received_at=received, status=extra.pop("status", "registered"), receiving_unit="tj.rsj",
        district=district, sector="construction", workers_claimed=extra.pop("workers"),
        amount_claimed=Decimal(extra.pop("claimed")), employer_name=f"用人单位{number}",
        description="拖欠工资", accept_deadline=date(2026, 12, 31),
        close_deadline=extra.pop("close_deadline", date(2027, 1, 20)), **extra,
    )  # fmt: skip


def _events(case: Case, *kinds_at: tuple[str, datetime]) -> list[CaseEvent]:
    return [
        CaseEvent(case_id=case.id, event_key=f"{case.id}:{i}", kind=kind, actor="t", at=at)
        for i, (kind, at) in enumerate(kinds_at)
    ]


def _escalation(task: Task, action: str, label: str, at: datetime) -> Escalation:
    return Escalation(
        escalation_key=f"{task.id}:{action}", task_id=task.id, campaign_id=CAMPAIGN,
        unit_code=task.unit_code, step_key=action, action=action, label=label,
        deadline=task.deadline, due_at=deadline_at(task.deadline), recorded_at=at, reason="逾期",
    )  # fmt: skip


WEEK = date(2026, 11, 30)
SUBMITTED = bj(2026, 12, 4, 17)  # the districts report on Friday


async def _submit(
    session: AsyncSession, at: datetime, subject: str, rows: tuple[tuple[str, str, int, int], ...]
) -> None:
    """One week's counts of districts or of projects, submitted at `at` as the API would."""
    body = {"week_start": WEEK, "rows": [
        {subject: s, "metric": m, "numerator": n, "denominator": d} for s, m, n, d in rows
    ]}  # fmt: skip
    if subject == "district":
        week = WeeklySubmission.model_validate(body)
        await indicators.save_week(session=session, submission=week, by="t", at=at)
    else:
        projects = ProjectWeeklySubmission.model_validate(body)
        await indicators.save_project_week(session=session, submission=projects, by="t", at=at)


async def submit_district(
    session: AsyncSession, at: datetime, *rows: tuple[str, str, int, int]
) -> None:
    await _submit(session, at, "district", rows)


async def submit_projects(
    session: AsyncSession, at: datetime, *rows: tuple[str, str, int, int]
) -> None:
    await _submit(session, at, "project", rows)


async def seed(session: AsyncSession) -> None:
    await units.upsert_many(
        session=session, units=read_units_file(PLANS / "data" / "units-tianjin.yaml").units
    )
    session.add(
        Campaign(
            id=CAMPAIGN, title="天津市根治欠薪冬季专项行动", plan_key="pian1-tianjin-winter",
            plan=plan_with_daily(), root_unit="tj", status="running",
            period_start=date(2026, 11, 20), period_end=date(2027, 2, 5), created_by="office",
        )
    )  # fmt: skip
    await session.flush()
    t1 = _task(
        "t1", "tj.hp", date(2026, 12, 1), status="completed", completed_at=bj(2026, 11, 30, 10)
    )
    t2 = _task(
        "t2", "tj.hp", date(2026, 12, 3), status="completed", completed_at=bj(2026, 12, 5, 10)
    )
    t3 = _task("t3", "tj.hx", date(2026, 12, 2), completed_at=bj(2026, 12, 9), status="completed")
    t4 = _task("t4", "tj.hx", date(2026, 12, 20), status="completed", completed_at=bj(2026, 12, 1))
    t5 = _task("t5", "tj.rsj", date(2026, 12, 4))
    t6 = _task("t6", "tj.hp", date(2026, 12, 1), status="cancelled")
    t7 = _task("report.phase-progress", "tj.hp", date(2026, 12, 30), status="completed",
               completed_at=bj(2026, 12, 1, 9), nil_report=True)  # fmt: skip
    t8 = _task("t8", "tj.hb", date(2026, 12, 4), status="completed", completed_at=bj(2026, 12, 8))
    session.add_all([t1, t2, t3, t4, t5, t6, t7, t8])
    await session.flush()
    session.add(
        TaskEvent(task_id=t6.id, event_key=f"{t6.id}:x", kind="cancelled", actor="office",
                  at=bj(2026, 12, 2), from_status="open", to_status="cancelled")
    )  # fmt: skip
    session.add_all(
        [
            _escalation(t3, "warn", "逾期预警", bj(2026, 12, 3, 9)),
            _escalation(t3, "remind", "到期前提醒", bj(2026, 12, 1)),
            _escalation(t5, "supervise", "挂牌督办", bj(2026, 11, 28)),
            _escalation(t5, "accountability", "问责记录（约谈、通报候选）", bj(2026, 12, 6, 10)),
        ]
    )
    c1 = _case("C1", "national_platform", "tj.hp", bj(2026, 12, 1, 9), workers=10,
               claimed="50000.00", status="closed", closed_at=bj(2026, 12, 4))  # fmt: skip
    c2 = _case("C2", "hotline_12345", "tj.hx", bj(2026, 11, 25), workers=40,
               claimed="1200000.00", status="resolving", major=True, leader="leader",
               major_reasons=["涉及 40 人（≥30 人）", "金额 1,200,000.00 元（≥1,000,000.00 元）"])  # fmt: skip
    c3 = _case("C3", "national_platform", "tj.hx", bj(2026, 12, 5), workers=3, claimed="9000.00")
    c4 = _case("C4", "national_platform", "tj.hp", bj(2026, 12, 8), workers=5, claimed="1000.00")
    c5 = _case("C5", "petition", "tj.hp", bj(2026, 11, 10), workers=2, claimed="800.00")
    session.add_all([c1, c2, c3, c4, c5])
    await session.flush()
    session.add_all(
        _events(c1, ("registered", bj(2026, 12, 1, 9)), ("verified", bj(2026, 12, 2)),
                ("closed", bj(2026, 12, 4)))
        + _events(c2, ("registered", bj(2026, 11, 25)), ("major", bj(2026, 11, 25)),
                  ("closed", bj(2026, 12, 2)), ("reopened", bj(2026, 12, 5)))
        + [
            CaseEvent(case_id=c2.id, event_key=f"{c2.id}:{step}", kind=f"escalation_{step}",
                      actor="system", at=at,
                      detail={"limit": "close", "step": step, "deadline": "2026-12-01"})
            for step, at in (("remind", bj(2026, 11, 27)), ("warn", bj(2026, 12, 2, 10)))
        ]
        + _events(c3, ("registered", bj(2026, 12, 5)))
        + _events(c4, ("registered", bj(2026, 12, 8)))
    )  # fmt: skip
    session.add_all(
        [
            CasePayment(case_id=c1.id, payment_id="p1", amount=Decimal("50000.00"),
                        payer="employer", recorded_by="t", at=bj(2026, 12, 3)),
            CasePayment(case_id=c2.id, payment_id="p2", amount=Decimal("200000.00"),
                        payer="general_contractor", recorded_by="t", at=bj(2026, 11, 30)),
            CasePayment(case_id=c2.id, payment_id="p3", amount=Decimal("100000.00"),
                        payer="employer", recorded_by="t", at=bj(2026, 12, 8)),
        ]
    )  # fmt: skip
    await submit_district(
        session, SUBMITTED,
        ("tj.hp", "real_name_update", 187, 200), ("tj.hp", "manager_on_site", 2, 3),
        ("tj.hx", "supervisor_on_site", 0, 0),
    )  # fmt: skip
    session.add_all(
        [
            Project(code="P1", name="和平区某学校改造", district="tj.hp", project_type="government",
                    updated_by="hp"),
            Project(code="P2", name="和平区某安置房", district="tj.hp", project_type="soe",
                    updated_by="hp"),
        ]
    )  # fmt: skip
    await session.flush()
    await submit_projects(
        session, SUBMITTED,
        ("P1", "wage_deposit", 1, 1), ("P1", "real_name", 40, 50), ("P1", "labour_contract", 45, 50),
        ("P2", "wage_deposit", 0, 1), ("P2", "labour_contract", 30, 30),
    )  # fmt: skip
