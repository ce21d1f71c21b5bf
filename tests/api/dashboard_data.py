"""A small ledger for the dashboard's tests, written directly (the dashboard reads only the
ledger): a running 篇一 campaign with tasks in two districts and a city unit, escalations,
cases, hazards and a week of indicators, every date counted from today."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from documents.plan_file import load_plan_file
from domain.escalation import SHANGHAI
from domain.indicators.districts import DistrictMetric, IndicatorRow, WeeklySubmission
from domain.indicators.projects import (
    ProjectIndicatorRow,
    ProjectMetric,
    ProjectWeeklySubmission,
)
from infra.clock import today_in_beijing
from ledger.campaigns.tables import Campaign, CampaignPhase
from ledger.cases.tables import Case
from ledger.hazards.tables import Hazard
from ledger.indicators import service as indicators
from ledger.projects.tables import Project
from ledger.tasks.tables import Escalation, Task

CAMPAIGN = "c-dash"
PIAN1 = Path(__file__).resolve().parents[2] / "plans" / "pian1-tianjin-winter.yaml"


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=SHANGHAI).astimezone(UTC)


def _task(key: str, unit: str, phase: str, deadline: date, **extra: Any) -> Task:
    return Task(
        id=f"task:{CAMPAIGN}:{key}:{unit}", campaign_id=CAMPAIGN, task_key=key, title=f"任务{key}",
        phase_key=phase, lead_unit="tj.rsj", unit_code=unit, deadline=deadline, **extra,
    )  # fmt: skip


def _case(n: int, district: str, status: str, amount: str, **extra: Any) -> Case:
    today = today_in_beijing()
    values: dict[str, Any] = {
        "id": f"case:test:{n}", "case_number": f"QLT-{n}", "source": "petition",
        "external_id": f"D{n}", "received_at": _at(today - timedelta(days=3)), "status": status,
        "receiving_unit": "tj.rsj", "district": district, "sector": "工程建设",
        "workers_claimed": 4, "amount_claimed": Decimal(amount), "paid_amount": Decimal("0.00"),
        "employer_name": "某公司", "description": "工资未发", "major": False,
        "major_reasons": [], "task_force": [], "accept_deadline": today,
        "close_deadline": today + timedelta(days=30),
    }  # fmt: skip
    return Case(**(values | extra))


def _hazard(n: int, district: str, status: str) -> Hazard:
    return Hazard(
        id=f"hazard:{n}", number=f"YH-{n}", status=status, unit_code=district,
        district=district, risk="high", employer_name="某公司", description="可能欠薪",
    )  # fmt: skip


def _tasks(today: date) -> list[Task]:
    past, soon = today - timedelta(days=3), today + timedelta(days=5)
    done_early = _at(past - timedelta(days=1))
    return [
        _task("a1", "tj.hp", "publicity", past, status="completed", completed_at=done_early,
              supervising_leader="wang"),
        _task("a2", "tj.hp", "publicity", past, escalation="supervised", supervising_leader="wang"),
        _task("a3", "tj.hp", "screening", soon, escalation="reminded"),
        _task("b1", "tj.hx", "publicity", today - timedelta(days=5), status="completed",
              completed_at=_at(today - timedelta(days=1))),  # late
        _task("b2", "tj.hx", "screening", today - timedelta(days=8), escalation="warned",
              status="in_progress"),
        _task("c1", "tj.rsj", "publicity", soon),
        _task("c2", "tj.rsj", "publicity", past, status="cancelled"),
    ]  # fmt: skip


def _escalation(task: Task, action: str, label: str, at: datetime) -> Escalation:
    return Escalation(
        escalation_key=f"{task.id}:{action}", task_id=task.id, campaign_id=CAMPAIGN,
        unit_code=task.unit_code, step_key=action, action=action, label=label,
        deadline=task.deadline, due_at=at, recorded_at=at, reason="逾期", recipients=[],
        leader="wang" if action == "supervise" else None,
    )  # fmt: skip


async def _campaign(session: AsyncSession, today: date) -> None:
    plan = load_plan_file(PIAN1, start=today)
    session.add(
        Campaign(
            id=CAMPAIGN, title="冬季专项行动", plan_key=plan.key, plan=plan.model_dump(mode="json"),
            root_unit="tj", status="running", created_by="office", period_start=today,
            period_end=today + timedelta(days=60),
        )
    )  # fmt: skip
    for key, name, start, end in (
        ("publicity", "宣传发动", today - timedelta(days=10), today + timedelta(days=10)),
        ("screening", "排查整治", today, today + timedelta(days=40)),
    ):
        session.add(
            CampaignPhase(
                campaign_id=CAMPAIGN, key=key, name=name, kind=key, start=start, end=end,
                status="open", opened_at=_at(start, 0),
            )
        )  # fmt: skip
    await session.flush()


async def _indicators(session: AsyncSession, today: date) -> None:
    monday = today - timedelta(days=today.weekday())
    at = datetime.now(UTC)
    await indicators.save_week(
        session=session,
        submission=WeeklySubmission(
            week_start=monday,
            rows=(
                IndicatorRow(
                    district="tj.hp",
                    metric=DistrictMetric.REAL_NAME_UPDATE,
                    numerator=9,
                    denominator=10,
                ),
                IndicatorRow(
                    district="tj.hp",
                    metric=DistrictMetric.MANAGER_ON_SITE,
                    numerator=4,
                    denominator=5,
                ),
                IndicatorRow(
                    district="tj.hx",
                    metric=DistrictMetric.SUPERVISOR_ON_SITE,
                    numerator=1,
                    denominator=3,
                ),
            ),
        ),
        by="office",
        at=at,
    )
    session.add(
        Project(code="p-hp", name="和平某项目", district="tj.hp", project_type="government",
                updated_by="office")
    )  # fmt: skip
    await session.flush()
    await indicators.save_project_week(
        session=session,
        submission=ProjectWeeklySubmission(
            week_start=monday,
            rows=(
                ProjectIndicatorRow(
                    project="p-hp", metric=ProjectMetric.WAGE_DEPOSIT, numerator=1, denominator=1
                ),
                ProjectIndicatorRow(
                    project="p-hp", metric=ProjectMetric.REAL_NAME, numerator=0, denominator=1
                ),
                ProjectIndicatorRow(
                    project="p-hp", metric=ProjectMetric.LABOUR_CONTRACT, numerator=3, denominator=4
                ),
            ),
        ),
        by="office",
        at=at,
    )


async def seed_dashboard(session_factory: async_sessionmaker[AsyncSession]) -> None:
    today = today_in_beijing()
    async with session_factory() as session, session.begin():
        await _campaign(session, today)
        tasks = _tasks(today)
        session.add_all(tasks)
        await session.flush()
        a1, a2, _a3, _b1, b2 = tasks[:5]
        session.add_all(
            [
                _escalation(a2, "supervise", "督办", _at(today - timedelta(days=1))),
                _escalation(b2, "warn", "预警", _at(today - timedelta(days=2))),
                _escalation(a1, "supervise", "督办", _at(today - timedelta(days=2))),  # done since
            ]
        )
        session.add_all(
            [
                _case(1, "tj.hp", "registered", "10000.00", project_type="government"),
                _case(2, "tj.hp", "closed", "20000.00", paid_amount=Decimal("20000.00")),
                _case(3, "tj.hp", "resolving", "1500000.00", major=True,
                      verified_amount=Decimal("1200000.00"), paid_amount=Decimal("300000.00")),
                _case(4, "tj.hx", "finished", "5000.50", sector="餐饮服务",
                      paid_amount=Decimal("5000.50")),
                _case(5, "tj.hx", "verifying", "800.00", sector="餐饮服务"),
            ]
        )  # fmt: skip
        session.add_all(
            [
                _hazard(1, "tj.hp", "registered"),
                _hazard(2, "tj.hp", "resolved"),
                _hazard(3, "tj.hx", "resolving"),
            ]
        )
        await _indicators(session, today)
