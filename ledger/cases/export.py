"""The case ledger as the rows of its export (台账导出), Chinese headers, no personal data."""

from __future__ import annotations

from collections.abc import Sequence

from domain.cases.intake import PROJECT_TYPE_LABELS, SOURCE_LABELS, CaseSource, ProjectType
from domain.cases.settlement import ROUTE_LABELS, TerminalRoute
from domain.cases.state import STATUS_LABELS, CaseStatus
from domain.escalation import SHANGHAI
from ledger.cases.tables import Case

HEADERS = (
    "案件编号", "来源", "外部编号", "反映时间", "状态", "所属区", "街镇", "行业", "用人单位",
    "统一社会信用代码", "项目名称", "项目类型", "反映人数", "反映金额（元）", "核实人数",
    "核实金额（元）", "已支付（元）", "尚欠（元）", "重大案件", "包案领导", "办理去向",
    "受理期限", "办结期限", "办结时间", "承办单位",
)  # fmt: skip


def _row(case: Case) -> list[object]:
    owed = case.verified_amount if case.verified_amount is not None else case.amount_claimed
    return [
        case.case_number,
        SOURCE_LABELS.get(CaseSource(case.source), case.source),
        case.external_id,
        case.received_at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M"),
        STATUS_LABELS.get(CaseStatus(case.status), case.status),
        case.district,
        case.town or "",
        case.sector,
        case.employer_name,
        case.employer_code or "",
        case.project_name or "",
        PROJECT_TYPE_LABELS[ProjectType(case.project_type)] if case.project_type else "",
        case.workers_claimed,
        case.amount_claimed,
        case.verified_workers,
        case.verified_amount,
        case.paid_amount,
        owed - case.paid_amount,
        "是" if case.major else "否",
        case.leader or "",
        ROUTE_LABELS[TerminalRoute(case.route)] if case.route else "",
        case.accept_deadline,
        case.close_deadline,
        case.closed_at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M") if case.closed_at else "",
        case.handling_unit or case.receiving_unit,
    ]


def export_rows(cases: Sequence[Case]) -> list[list[object]]:
    return [_row(case) for case in cases]
