"""The bulletin's tables (title, Chinese headers, rows), one definition for .xlsx and .docx."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from documents.report_text import day, rate
from domain.escalation import SHANGHAI
from domain.reports.figures import ReportFigures


@dataclass(frozen=True)
class Table:
    title: str
    headers: tuple[str, ...]
    rows: list[tuple[str | int | Decimal, ...]]  # Decimal: money, a number in the workbook


def rankings(f: ReportFigures) -> Table:
    return Table(
        "各区排名",
        ("排名", "区", "到期任务", "按时完成", "按时完成率", "受理案件", "办结案件", "结案率",
         "周指标平均率", "一金三制落实率", "8个100%落实率"),
        [
            (r.rank, r.name, r.tasks_due, r.tasks_on_time, rate(r.on_time_rate), r.cases_received,
             r.cases_closed, rate(r.clearance_rate), rate(r.indicator_rate), rate(r.fund_rate),
             rate(r.full_rate))
            for r in f.districts
        ],
    )  # fmt: skip


def overdue(f: ReportFigures) -> Table:
    return Table(
        "逾期未完成单位",
        ("单位", "所属区", "任务", "截止日期", "逾期天数", "当前督办"),
        [
            (r.unit_name, r.district_name or "", r.title, day(r.deadline), r.days_overdue,
             r.escalation or "")
            for r in f.overdue
        ],
    )  # fmt: skip


def escalations(f: ReportFigures) -> Table:
    return Table(
        "约谈通报问责记录",
        ("单位", "措施", "任务", "截止日期", "记录时间"),
        [
            (r.unit_name, r.label, r.title, day(r.deadline),
             r.recorded_at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M"))
            for r in f.escalations
        ],
    )  # fmt: skip


def major_cases(f: ReportFigures) -> Table:
    rows = [f.case] if f.case is not None else list(f.major_cases)
    return Table(
        "重大案件",
        ("案件编号", "区", "用人单位", "涉及人数", "申报金额（元）", "已支付（元）", "状态",
         "包案领导", "认定理由"),
        [
            (m.case_number, m.district_name, m.employer, m.workers, m.amount, m.paid, m.status,
             m.leader or "", "；".join(m.reasons))
            for m in rows
        ],
    )  # fmt: skip


def clues(f: ReportFigures) -> Table:
    return Table(
        "全国根治欠薪线索反映平台线索",
        ("区", "接收线索", "已核处", "核处率"),
        [(c.district_name, c.received, c.handled, rate(c.handling_rate)) for c in f.clues],
    )


def tables(f: ReportFigures) -> list[Table]:
    """What this report kind prints: a 专报 is about its case; a monthly bulletin adds clues."""
    if f.case is not None:
        return [major_cases(f)]
    found = [rankings(f), overdue(f), escalations(f), major_cases(f)]
    if f.clues:
        found.insert(1, clues(f))
    return found
