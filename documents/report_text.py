"""The bulletin's sentences, shared by the .docx text and the .xlsx summary sheet."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from domain.reports.figures import CaseFigures, PhaseRow, ReportFigures


def rate(value: Decimal | None) -> str:
    return "—" if value is None else f"{value}%"


def money(value: Decimal) -> str:
    """元 with thousands separators and two decimals, as bulletins print money."""
    return f"{value:,.2f}元"


def day(value: date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def heading(f: ReportFigures) -> str:
    return f"{f.title}（{f.period.label}）"


def _cases(c: CaseFigures) -> str:
    return (
        f"受理欠薪案件（线索）{c.received}件，涉及劳动者{c.workers}人、申报欠薪金额"
        f"{money(c.amount_claimed)}，已办结{c.closed}件（结案率{rate(c.clearance_rate)}，"
        f"按时办结率{rate(c.on_time_closure_rate)}），"
        f"为劳动者追回（支付）工资{money(c.amount_paid)}，其中重大案件{c.major}件"
    )


def overview(f: ReportFigures) -> list[str]:
    """总体情况: tasks, then cases in the period and since the campaign began."""
    t = f.tasks
    lines = [
        f"{f.period.label}，{f.campaign_title}共部署任务{t.total}项，"
        f"已到期{t.due}项，按时完成{t.completed_on_time}项（按时完成率{rate(t.on_time_rate)}），"
        f"累计完成{t.completed}项，逾期未完成{t.overdue}项。",
        f"本期{_cases(f.cases_in_period)}。",
        f"专项行动开展以来累计{_cases(f.cases_total)}。",
    ]
    if t.nil_reports:
        lines.append(f"已收到零报告{t.nil_reports}份。")
    if f.escalations:
        lines.append(f"本期发出预警、督办、问责记录{len(f.escalations)}条。")
    return lines


def _phase(p: PhaseRow) -> str:
    return f"{p.name}（{day(p.start)}至{day(p.end)}）"


def next_steps(f: ReportFigures) -> list[str]:
    """下步工作, from where the campaign stands: phases under way and coming, what is overdue."""
    lines = [f"扎实推进{_phase(p)}各项工作。" for p in f.current_phases]
    lines += [f"提前部署{_phase(p)}。" for p in f.next_phases[:1]]
    if f.overdue:
        units = "、".join(dict.fromkeys(r.unit_name for r in f.overdue))
        count = len({r.unit for r in f.overdue})
        lines.append(f"督促{units}等{count}个逾期单位限期完成任务，逾期不改的依程序问责。")
    open_major = [m for m in f.major_cases if m.status != "已办结"]
    if open_major:
        lines.append(
            f"落实领导包案，推动{len(open_major)}件未办结重大案件尽快化解，做到不解决不销账。"
        )
    lines.append("坚持问题导向，确保农民工工资按时足额支付，维护社会和谐稳定。")
    return lines
