"""黑名单 (失信联合惩戒): listing and removal each proposed, then approved by the office."""

from __future__ import annotations

from enum import StrEnum

from domain.refusal import Refusal
from domain.units.roles import Role


class BlacklistStatus(StrEnum):
    PROPOSED = "proposed"  # 拟列入，待审批
    LISTED = "listed"  # 已列入
    REJECTED = "rejected"  # 不予列入
    REMOVAL_PROPOSED = "removal_proposed"  # 拟移出，待审批
    REMOVED = "removed"  # 已移出


STATUS_LABELS = {
    BlacklistStatus.PROPOSED: "拟列入",
    BlacklistStatus.LISTED: "已列入",
    BlacklistStatus.REJECTED: "不予列入",
    BlacklistStatus.REMOVAL_PROPOSED: "拟移出",
    BlacklistStatus.REMOVED: "已移出",
}

OPEN = (BlacklistStatus.PROPOSED, BlacklistStatus.LISTED, BlacklistStatus.REMOVAL_PROPOSED)


def _office(role: Role) -> None:
    if role is not Role.OFFICE:
        raise Refusal("forbidden", "forbidden", "只有领导小组办公室可以审批黑名单事项")


def _status(current: BlacklistStatus, *allowed: BlacklistStatus) -> None:
    if current not in allowed:
        raise Refusal("conflict", "wrong_state", f"该记录{STATUS_LABELS[current]}，不能执行此操作")


def check_proposal(role: Role, open_entry: BlacklistStatus | None) -> None:
    if role is Role.LEADER:
        raise Refusal("forbidden", "forbidden", "领导账号不能提出列入申请")
    if open_entry is not None:
        raise Refusal("conflict", "already_open", f"该企业已有{STATUS_LABELS[open_entry]}记录")


def listing_decision(role: Role, current: BlacklistStatus, approve: bool) -> BlacklistStatus:
    _office(role)
    _status(current, BlacklistStatus.PROPOSED)
    return BlacklistStatus.LISTED if approve else BlacklistStatus.REJECTED


def check_removal_proposal(role: Role, current: BlacklistStatus) -> None:
    if role is Role.LEADER:
        raise Refusal("forbidden", "forbidden", "领导账号不能提出移出申请")
    _status(current, BlacklistStatus.LISTED)


def removal_decision(role: Role, current: BlacklistStatus, approve: bool) -> BlacklistStatus:
    _office(role)
    _status(current, BlacklistStatus.REMOVAL_PROPOSED)
    return BlacklistStatus.REMOVED if approve else BlacklistStatus.LISTED
