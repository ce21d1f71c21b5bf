"""The actions a case offers each account: the rules' own answer, state by state."""

from __future__ import annotations

from decimal import Decimal

from domain.cases.available import CaseActionName as A
from domain.cases.available import available_actions
from domain.cases.settlement import Payer, Payment, TerminalRoute
from domain.cases.state import CaseState, CaseStatus
from tests.scenario_dates import machine_today
from tests.workflows.case_fixtures import HANDLER, LEADER, OFFICE, RECEIVER, STRANGER, case_state


def routed() -> CaseState:
    state = case_state(machine_today())
    state.status = CaseStatus.ROUTED
    state.handling_unit = HANDLER.unit
    state.handling_ancestors = ("tj.hp", "tj")
    return state


def resolving(paid: str = "0.00") -> CaseState:
    state = routed()
    state.status = CaseStatus.RESOLVING
    state.verified_amount = Decimal("96000.00")
    if Decimal(paid):
        state.payments.append(Payment(payment_id="p1", amount=Decimal(paid), payer=Payer.EMPLOYER))
    return state


def test_the_receiver_routes_or_accepts_a_new_case_and_others_do_nothing() -> None:
    new = case_state(machine_today())
    assert available_actions(new, RECEIVER) == [A.ROUTE, A.ACCEPT, A.ESCALATE]
    assert available_actions(new, STRANGER) == []
    assert available_actions(new, HANDLER) == []
    assert available_actions(new, LEADER) == [A.ESCALATE]


def test_a_routed_case_is_the_handling_units_to_accept_or_return() -> None:
    assert available_actions(routed(), HANDLER) == [A.ACCEPT, A.RETURN, A.ESCALATE]
    assert available_actions(routed(), RECEIVER) == []


def test_closing_is_offered_while_money_is_owed_and_payments_stop_when_paid() -> None:
    owed = available_actions(resolving(), HANDLER)
    assert owed == [
        A.MEASURE, A.PAYMENT, A.AMOUNT_REVISION, A.TRANSFER, A.ESCALATE, A.REQUEST_EXTENSION,
        A.CLOSE,
    ]  # fmt: skip
    assert A.PAYMENT not in available_actions(resolving("96000.00"), HANDLER)
    verifying = routed()
    verifying.status = CaseStatus.VERIFYING
    assert available_actions(verifying, HANDLER) == [
        A.VERIFY, A.UNFOUNDED, A.TRANSFER, A.ESCALATE, A.REQUEST_EXTENSION,
    ]  # fmt: skip
    verifying.route = TerminalRoute.UNFOUNDED
    assert A.CLOSE in available_actions(verifying, HANDLER)


def test_only_the_office_decides_a_pending_extension() -> None:
    pending = resolving()
    pending.extension_reason = "涉及工程结算，需延期"
    assert A.DECIDE_EXTENSION in available_actions(pending, OFFICE)
    assert A.DECIDE_EXTENSION not in available_actions(pending, HANDLER)
    assert A.REQUEST_EXTENSION not in available_actions(pending, HANDLER)
    assert A.DECIDE_EXTENSION not in available_actions(resolving(), OFFICE)


def test_a_closed_case_offers_only_the_follow_up() -> None:
    closed = resolving("96000.00")
    closed.status = CaseStatus.CLOSED
    assert available_actions(closed, HANDLER) == [A.FOLLOW_UP]
    closed.status = CaseStatus.FINISHED
    assert available_actions(closed, HANDLER) == []
