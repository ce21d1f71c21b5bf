"""The hazard ledger as the rows of its export (隐患台账导出), Chinese headers."""

from __future__ import annotations

from collections.abc import Sequence

from domain.hazards.model import RISK_LABELS, STATUS_LABELS, HazardStatus, RiskLevel
from ledger.hazards.tables import Hazard

HEADERS = (
    "编号", "状态", "风险等级", "所属区", "用人单位", "项目", "隐患描述", "化解方案",
    "责任领导", "化解时限", "包调查", "包处理", "包稳控", "包巩固", "回头看重启次数",
)  # fmt: skip


def _export_row(h: Hazard) -> list[object]:
    five, four = h.five_ones or {}, h.four_packages or {}
    return [
        h.number,
        STATUS_LABELS[HazardStatus(h.status)],
        RISK_LABELS[RiskLevel(h.risk)],
        h.district,
        h.employer_name,
        h.project or "",
        h.description,
        five.get("plan", ""),
        five.get("leader", ""),
        h.deadline,
        four.get("investigate", ""),
        four.get("handle", ""),
        four.get("stabilise", ""),
        four.get("consolidate", ""),
        h.reopened,
    ]


def export_rows(hazards: Sequence[Hazard]) -> list[list[object]]:
    return [_export_row(h) for h in hazards]
