"""Each dated goal of a plan and the campaign's progress toward it, as the bulletin states it.

What a goal counts follows from its words, as the plans write them: 隐患 → hazards resolved of
those found (动态清零); 一金三制 or 8个100% → the projects' counts summed; project types named
(两清零) → cases of those projects closed of received; 案件, 欠薪, 拖欠 or 办结 → cases closed of
received. A goal that names none of these (宣传, 氛围) is not measured and not listed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from domain.indicators.districts import percent
from domain.reports.figures import GoalRow, HazardFigures
from domain.tasks.model import Frozen


class GoalSpec(Frozen):
    name: str
    deadline: date | None
    project_types: tuple[str, ...] = ()  # as ProjectType values; empty: every case


class CaseCount(Frozen):
    project_type: str | None
    closed: bool


class Progress(Frozen):
    """What the ledger said at the instant, for the goals to draw on."""

    hazards: HazardFigures
    cases: tuple[CaseCount, ...]
    projects: dict[str, tuple[int, int]]  # 一金三制 / 8个100%: numerator, denominator summed


CASE_WORDS = ("案件", "欠薪", "拖欠", "办结", "清零")
PROJECT_GROUPS = ("一金三制", "8个100%")


def _cases(spec: GoalSpec, progress: Progress) -> GoalRow:
    chosen = [
        c for c in progress.cases
        if not spec.project_types or c.project_type in spec.project_types
    ]  # fmt: skip
    measure = "相关项目欠薪案件" if spec.project_types else "欠薪案件"
    return GoalRow(
        name=spec.name, deadline=spec.deadline, measure=measure, unit="件",
        done=sum(c.closed for c in chosen), total=len(chosen),
    )  # fmt: skip


def _hazards(spec: GoalSpec, progress: Progress) -> GoalRow:
    h = progress.hazards
    return GoalRow(
        name=spec.name, deadline=spec.deadline, measure="欠薪隐患", unit="个",
        done=h.resolved, total=h.found,
    )  # fmt: skip


def _projects(group: str) -> Callable[[GoalSpec, Progress], GoalRow]:
    def measured(spec: GoalSpec, progress: Progress) -> GoalRow:
        numerator, denominator = progress.projects.get(group, (0, 0))
        return GoalRow(
            name=spec.name, deadline=spec.deadline, measure=f"工程项目{group}落实事项", unit="项",
            done=numerator, total=denominator, rate=percent(numerator, denominator),
        )  # fmt: skip

    return measured


def _measure(spec: GoalSpec) -> Callable[[GoalSpec, Progress], GoalRow] | None:
    if "隐患" in spec.name:
        return _hazards
    group = next((g for g in PROJECT_GROUPS if g in spec.name), None)
    if group is not None:
        return _projects(group)
    if spec.project_types or any(word in spec.name for word in CASE_WORDS):
        return _cases
    return None


def goal_rows(specs: Sequence[GoalSpec], progress: Progress) -> tuple[GoalRow, ...]:
    rows = []
    for spec in specs:
        measure = _measure(spec)
        if measure is not None:
            rows.append(measure(spec, progress))
    return tuple(rows)
