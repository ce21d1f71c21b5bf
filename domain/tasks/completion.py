"""What a completion must carry: the deliverables a task asks for and the figures its plan names.

One rule book for the workflow's validator (which refuses with the whole list) and the API
(which answers the same list field by field, so the page shows each refusal next to its input).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from domain.tasks.figures import FigureField
from domain.tasks.model import CompleteInput


@dataclass(frozen=True)
class Problem:
    """One thing missing or wrong, named by the field of the completion body it concerns."""

    field: str
    message: str


@dataclass(frozen=True)
class Refused:
    """Why a completion is refused: one sentence, and the same by field."""

    code: str
    message: str
    problems: tuple[Problem, ...]


def _missing(deliverables: Sequence[str], body: CompleteInput) -> list[tuple[str, str]]:
    wanted = set(deliverables)
    found = []
    if "note" in wanted and not body.note.strip():
        found.append(("note", "办理情况说明（note）"))
    if "figures" in wanted and not body.figures:
        found.append(("figures", "数据（figures）"))
    if "files" in wanted and not body.attachments:
        found.append(("attachment_ids", "附件（attachments）"))
    if "report" in wanted and not (body.note.strip() or body.attachments or body.nil_report):
        found.append(
            (
                "nil_report",
                "报告内容（note 或 attachments），无内容可报时请明确零报告（nil_report）",
            )
        )
    return found


def _wrong_figures(fields: Sequence[FigureField], figures: dict[str, Decimal]) -> list[Problem]:
    """With named figures, each must be given, none other, and none below zero (they count)."""
    if not fields:
        return []
    labels = {f.key: f.label for f in fields}
    missing = [f for f in fields if f.key not in figures]
    found = [Problem(f"figures.{f.key}", f"请填写{f.label}") for f in missing]
    for key, value in figures.items():
        if key not in labels:
            found.append(Problem(f"figures.{key}", f"本任务没有数据项 {key}"))
        elif value < 0:
            found.append(Problem(f"figures.{key}", f"{labels[key]}不能为负数"))
    return found


def completion_refused(
    deliverables: Sequence[str], fields: Sequence[FigureField], body: CompleteInput
) -> Refused | None:
    """None when the completion carries everything the task asks for."""
    missing = _missing(deliverables, body)
    if missing:
        return Refused(
            "deliverables_missing",
            "缺少应交内容：" + "、".join(what for _, what in missing),
            tuple(Problem(field, f"缺少{what}") for field, what in missing),
        )
    wrong = _wrong_figures(fields, body.figures)
    if wrong:
        return Refused(
            "figures_invalid", "数据有误：" + "；".join(p.message for p in wrong), tuple(wrong)
        )
    return None
