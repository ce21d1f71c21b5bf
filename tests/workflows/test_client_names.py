"""The names workflows/client.py sends are the names the workflow definitions answer to: the API
and the activities never import the classes, so only this test ties the two."""

from __future__ import annotations

from temporalio.workflow import _Definition

from workers.registry import WORKFLOWS
from workflows import client
from workflows.campaign import CampaignWorkflow
from workflows.case import CaseWorkflow
from workflows.department_task import DepartmentTaskWorkflow
from workflows.hazard import HazardWorkflow


def definition(cls: type) -> _Definition:
    found = _Definition.from_class(cls)
    assert found is not None
    return found


def test_every_registered_type_is_named_and_every_name_registered() -> None:
    assert {definition(cls).name for cls in WORKFLOWS} == {t.value for t in client.WorkflowType}


def test_updates_signals_and_queries_exist_on_their_workflows() -> None:
    for cls, updates in (
        (DepartmentTaskWorkflow, client.TaskUpdate),
        (CaseWorkflow, client.CaseUpdate),
        (HazardWorkflow, client.HazardUpdate),
    ):
        found = definition(cls)
        assert {u.value for u in updates} == set(found.updates), cls.__name__
        assert client.CURRENT in found.queries
    assert client.TASK_CALENDAR_CHANGED in definition(DepartmentTaskWorkflow).signals
    assert client.CAMPAIGN_CLOSE in definition(CampaignWorkflow).signals
    assert client.CURRENT in definition(CampaignWorkflow).queries
