"""The bulletin's sentences, shared by the .docx text and the .xlsx summary sheet."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from domain.reports.figures import (
    CaseFigures,
    DistrictRow,
    EscalationRow,
    GoalRow,
    HazardFigures,
    PhaseRow,
    ReportFigures,
)

NAMED_UNITS = 8  # a sentence names this many units, then 等


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


def hazards(h: HazardFigures) -> str:
    """欠薪隐患 toward 动态清零."""
    if not h.found:
        return "截至目前，辖区内未登记欠薪隐患，继续保持动态清零。"
    text = (
        f"累计排查登记欠薪隐患{h.found}个（本期新增{h.found_in_period}个），已化解{h.resolved}个"
        f"（化解率{rate(h.resolution_rate)}），尚未化解{h.open}个"
    )
    if h.open:
        text += f"，其中高风险{h.high_risk_open}个、超过化解期限{h.overdue}个"
    return text + ("。" if h.open else "，实现动态清零。")


def goal(g: GoalRow) -> str:
    due = f"（期限{day(g.deadline)}）" if g.deadline else ""
    if not g.total:
        return f"“{g.name}”{due}：目前没有需要清零的{g.measure}。"
    text = (
        f"“{g.name}”{due}：{g.measure}共{g.total}{g.unit}，已完成{g.done}{g.unit}"
        f"（{rate(g.share)}）"
    )
    left = g.total - g.done
    return text + (f"，尚余{left}{g.unit}。" if left else "，目标已实现。")


def three_rates(rows: Sequence[DistrictRow]) -> str:
    """The week's 三率 in one sentence: how many districts reported, the best and the last."""
    reported = [r for r in rows if r.indicator_rate is not None]
    if not reported:
        return "本周各区尚未报送建筑工人管理服务平台三率数据。"
    best = max(reported, key=lambda r: r.indicator_rate or 0)
    last = min(reported, key=lambda r: r.indicator_rate or 0)
    missing = len(rows) - len(reported)
    text = (
        f"本周{len(reported)}个区报送了在建项目实名制更新率、项目经理到岗率、监理总监到岗率，"
        f"三率平均最高的是{best.name}（{rate(best.indicator_rate)}），"
        f"最低的是{last.name}（{rate(last.indicator_rate)}）"
    )
    return text + (f"；{missing}个区未报送。" if missing else "。")


def escalations_text(rows: Sequence[EscalationRow]) -> str:
    """约谈、通报、问责 of the period in one sentence: how many of each, and whom they name."""
    counts = Counter(r.label for r in rows)
    kinds = "、".join(f"{label}{count}条" for label, count in counts.items())
    units = list(dict.fromkeys(r.unit_name for r in rows))
    named = "、".join(units[:NAMED_UNITS]) + ("等" if len(units) > NAMED_UNITS else "")
    return (
        f"本期督办阶梯共发出{kinds}，涉及{named}{len(units)}个单位，"
        f"明细见附件表格（.xlsx）“约谈通报问责记录”表。"
    )


def _phase(p: PhaseRow) -> str:
    return f"{p.name}（{day(p.start)}至{day(p.end)}）"


def next_steps(f: ReportFigures) -> list[str]:
    """下步工作, from where the campaign stands: phases, what is overdue, goals and hazards."""
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
    if f.hazards is not None and f.hazards.open:
        lines.append(
            f"对尚未化解的{f.hazards.open}个欠薪隐患逐一落实“五个一”“四包”责任，实现动态清零。"
        )
    for g in f.goals:
        if g.deadline is not None and g.done < g.total:
            lines.append(
                f"对照“{g.name}”目标，{day(g.deadline)}前完成其余{g.total - g.done}{g.unit}。"
            )
    lines.append("坚持问题导向，确保农民工工资按时足额支付，维护社会和谐稳定。")
    return lines
