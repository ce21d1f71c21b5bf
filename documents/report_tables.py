"""The bulletin's tables (title, Chinese headers, typed rows), one definition for .xlsx and .docx.

Cells keep their types: int counts, Decimal money, `Rate` percents, dates; the workbook stores
them as numbers and dates, the bulletin prints them. A column marked `wraps` holds free text
(a task's title, a case's reasons) that may take several lines in the bulletin; every other
column — names of districts and units, numbers, dates — is laid out to stay on one line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from documents.table_xlsx import Rate
from domain.escalation import SHANGHAI
from domain.reports.figures import ReportFigures

Cell = str | int | Decimal | Rate | date | datetime


@dataclass(frozen=True)
class Column:
    header: str
    wraps: bool = False
    in_bulletin: bool = True  # False: the workbook's alone (a case's reasons)
    bulletin_header: str | None = None  # money in 万元 where the page is narrow
    per: int = 1  # the bulletin prints money divided by this


TEN_THOUSAND = 10_000


@dataclass(frozen=True)
class Table:
    title: str
    columns: tuple[Column, ...]
    rows: list[tuple[Cell, ...]]
    printed: int | None = None  # rows the bulletin prints (the workbook has all); None: all

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(c.header for c in self.columns)


def _columns(*headers: str, wraps: tuple[str, ...] = ()) -> tuple[Column, ...]:
    return tuple(Column(h, wraps=h in wraps) for h in headers)


def rankings(f: ReportFigures) -> Table:
    return Table(
        "各区排名",
        _columns("排名", "区", "到期任务", "按时完成", "按时完成率", "受理案件", "办结案件",
                 "结案率", "三率平均"),
        [
            (r.rank, r.name, r.tasks_due, r.tasks_on_time, Rate(r.on_time_rate),
             r.cases_received, r.cases_closed, Rate(r.clearance_rate), Rate(r.indicator_rate))
            for r in f.districts
        ],
    )  # fmt: skip


def three_rates(f: ReportFigures) -> Table:
    """篇一's weekly 三率 of the 建筑工人管理服务平台 by district, with the projects' rates."""
    return Table(
        "各区三率",
        _columns("区", "实名制更新率", "项目经理到岗率", "监理总监到岗率", "三率平均",
                 "一金三制落实率", "8个100%落实率"),
        [
            (r.name, Rate(r.real_name_rate), Rate(r.manager_rate), Rate(r.supervisor_rate),
             Rate(r.indicator_rate), Rate(r.fund_rate), Rate(r.full_rate))
            for r in f.districts
        ],
    )  # fmt: skip


def overdue(f: ReportFigures) -> Table:
    return Table(
        "逾期未完成单位",
        _columns("单位", "所属区", "任务", "截止日期", "逾期天数", "当前督办",
                 wraps=("单位", "任务", "当前督办")),
        [
            (r.unit_name, r.district_name or "", r.title, r.deadline, r.days_overdue,
             r.escalation or "")
            for r in f.overdue
        ],
        printed=10,
    )  # fmt: skip


def escalations(f: ReportFigures) -> Table:
    return Table(
        "约谈通报问责记录",
        _columns("单位", "措施", "任务", "截止日期", "记录时间", wraps=("单位", "措施", "任务")),
        [
            (r.unit_name, r.label, r.title, r.deadline, r.recorded_at.astimezone(SHANGHAI))
            for r in f.escalations
        ],
    )  # fmt: skip


def major_cases(f: ReportFigures) -> Table:
    rows = [f.case] if f.case is not None else list(f.major_cases)
    return Table(
        "重大案件",
        (Column("案件编号"), Column("区"), Column("用人单位", wraps=True), Column("涉及人数"),
         Column("申报金额（元）", bulletin_header="金额（万元）", per=TEN_THOUSAND),
         Column("已支付（元）", bulletin_header="已支付（万元）", per=TEN_THOUSAND),
         Column("状态"), Column("包案领导", wraps=True),
         Column("认定理由", wraps=True, in_bulletin=False)),
        [
            (m.case_number, m.district_name, m.employer, m.workers, m.amount, m.paid, m.status,
             m.leader or "", "；".join(m.reasons))
            for m in rows
        ],
        printed=5,
    )  # fmt: skip


def clues(f: ReportFigures) -> Table:
    return Table(
        "全国根治欠薪线索反映平台线索",
        _columns("区", "接收线索", "已核处", "核处率"),
        [(c.district_name, c.received, c.handled, Rate(c.handling_rate)) for c in f.clues],
    )


def tables(f: ReportFigures) -> list[Table]:
    """What this report kind holds: a 专报 is about its case; a monthly bulletin adds clues."""
    if f.case is not None:
        return [major_cases(f)]
    found = [rankings(f), three_rates(f), overdue(f), escalations(f), major_cases(f)]
    if f.clues:
        found.insert(1, clues(f))
    return found
