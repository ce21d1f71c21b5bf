"""不解决不销账: money owed, paid and revised, and when a case may close."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

CENT = Decimal("0.01")


class Payer(StrEnum):
    EMPLOYER = "employer"  # 用人单位支付
    GENERAL_CONTRACTOR = "general_contractor"  # 总包代发
    GUARANTEE_DEPOSIT = "guarantee_deposit"  # 工资保证金
    EMERGENCY_FUND = "emergency_fund"  # 应急周转金垫付


PAYER_LABELS = {
    Payer.EMPLOYER: "用人单位支付",
    Payer.GENERAL_CONTRACTOR: "总包代发",
    Payer.GUARANTEE_DEPOSIT: "工资保证金支付",
    Payer.EMERGENCY_FUND: "应急周转金垫付",
}


class TerminalRoute(StrEnum):
    """Ways a case ends without full payment, each recorded with its reason."""

    UNFOUNDED = "unfounded"  # 不属实（附证据）
    POLICE = "police"  # 移送公安（涉嫌拒不支付劳动报酬罪）
    COURT = "court"  # 法院强制执行


ROUTE_LABELS = {
    TerminalRoute.UNFOUNDED: "经核实不属实",
    TerminalRoute.POLICE: "已移送公安机关",
    TerminalRoute.COURT: "已申请法院强制执行",
}


class Payment(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    payment_id: str
    amount: Decimal = Field(gt=0, decimal_places=2)
    payer: Payer
    workers: int = Field(default=0, ge=0)
    note: str = Field(default="", max_length=500)


def paid_total(payments: Sequence[Payment]) -> Decimal:
    return sum((p.amount for p in payments), Decimal("0.00")).quantize(CENT)


def payment_problem(
    verified: Decimal | None, payments: Sequence[Payment], amount: Decimal
) -> str | None:
    """Why a new payment cannot be recorded, or None."""
    if verified is None:
        return "案件尚未核实欠薪金额，不能登记支付"
    outstanding = (verified - paid_total(payments)).quantize(CENT)
    if amount > outstanding:
        return (
            f"支付金额 {amount:,.2f} 元超过尚欠金额 {outstanding:,.2f} 元；"
            "如核实金额有变，请先修正核实金额"
        )
    return None


def revision_problem(new_verified: Decimal, payments: Sequence[Payment]) -> str | None:
    """A verified amount may not fall below what has already been paid."""
    paid = paid_total(payments)
    if new_verified < paid:
        return f"修正后的核实金额不能低于已支付的 {paid:,.2f} 元"
    return None


def closure_problem(
    verified: Decimal | None, payments: Sequence[Payment], route: TerminalRoute | None
) -> str | None:
    """None when the case may close: fully paid, or a terminal route recorded."""
    if route is not None:
        return None
    if verified is None:
        return "案件尚未核实，不能办结（不解决不销账）"
    outstanding = (verified - paid_total(payments)).quantize(CENT)
    if outstanding > 0:
        return f"尚欠 {outstanding:,.2f} 元未支付，不能办结（不解决不销账）"
    return None
