"""What an account may do on a case now: every action its rules would not refuse outright.

The web page shows only these forms; the workflow's validator still decides each action. An
action is offered when the case's state and the account allow it, whatever the form will hold:
the probes below fill in inputs that cannot be refused (a one-cent payment, an amount no payment
exceeds). Closing a verified case is offered to its holder even while money is owed, so the unit
hears why it may not close yet (不解决不销账) instead of missing the button.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from enum import StrEnum

from domain.available import permitted
from domain.cases import rules
from domain.cases.settlement import CENT
from domain.cases.state import CaseState, DecisionInput
from domain.refusal import Refusal
from domain.tasks.model import ActorRef


class CaseActionName(StrEnum):
    ROUTE = "route"
    ACCEPT = "accept"
    RETURN = "return"
    VERIFY = "verify"
    UNFOUNDED = "unfounded"
    MEASURE = "measure"
    PAYMENT = "payment"
    AMOUNT_REVISION = "amount_revision"
    TRANSFER = "transfer"
    ESCALATE = "escalate"
    REQUEST_EXTENSION = "request_extension"
    DECIDE_EXTENSION = "decide_extension"
    CLOSE = "close"
    FOLLOW_UP = "follow_up"


Probe = Callable[[CaseState, ActorRef], None]
LARGEST = Decimal("9999999999.99")


def _close(state: CaseState, actor: ActorRef) -> None:
    """Offered once there is an amount to settle or a route recorded: 核实 comes first."""
    if state.verified_amount is None and state.route is None:
        raise Refusal("conflict", "not_verified", "案件尚未核实")
    rules.check_close(state, actor)


PROBES: dict[CaseActionName, Probe] = {
    CaseActionName.ROUTE: lambda s, a: rules.check_route(s, a, unit=""),
    CaseActionName.ACCEPT: rules.check_accept,
    CaseActionName.RETURN: rules.check_return,
    CaseActionName.VERIFY: rules.check_verify,
    CaseActionName.UNFOUNDED: rules.check_unfounded,
    CaseActionName.MEASURE: rules.check_measure,
    CaseActionName.PAYMENT: lambda s, a: rules.check_payment(s, a, CENT, payment_id=""),
    CaseActionName.AMOUNT_REVISION: lambda s, a: rules.check_revision(s, a, LARGEST),
    CaseActionName.TRANSFER: rules.check_transfer,
    CaseActionName.ESCALATE: rules.check_escalate,
    CaseActionName.REQUEST_EXTENSION: rules.check_extension_request,
    CaseActionName.DECIDE_EXTENSION: lambda s, a: rules.check_extension_decision(
        s, DecisionInput(actor=a, approve=True, request_id=s.extension_request_id)
    ),
    CaseActionName.CLOSE: _close,
    CaseActionName.FOLLOW_UP: rules.check_follow_up,
}
# 不解决不销账: closing an unsettled case is offered, and its form shows why it is refused.
OFFERED_WHEN_REFUSED = frozenset({"not_settled"})


def available_actions(state: CaseState, actor: ActorRef) -> list[CaseActionName]:
    """The actions, in the order of a case's life, that `actor` may take on `state` now."""
    return permitted(PROBES, state, actor, despite=OFFERED_WHEN_REFUSED)
