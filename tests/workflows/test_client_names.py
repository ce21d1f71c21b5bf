"""The names workflows/client.py sends are the names the workflow definitions answer to, and its
updates carry their handlers' argument and result types: the API and the activities never import
the classes, so only this test ties the two."""

from __future__ import annotations

from typing import Any

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


def updates_of(names: type) -> list[client.UpdateName[Any, Any]]:
    return [v for v in vars(names).values() if isinstance(v, client.UpdateName)]


def test_every_registered_type_is_named_and_every_name_registered() -> None:
    assert {definition(cls).name for cls in WORKFLOWS} == {t.value for t in client.WorkflowType}


def test_updates_signals_and_queries_exist_on_their_workflows() -> None:
    for cls, names, sent_with_start in (
        (DepartmentTaskWorkflow, client.TaskUpdate, set()),
        (CaseWorkflow, client.CaseUpdate, {client.CASE_REGISTRATION}),
        (HazardWorkflow, client.HazardUpdate, set()),
    ):
        found = definition(cls)
        updates = updates_of(names)
        assert {u.name for u in updates} | sent_with_start == set(found.updates), cls.__name__
        for update in updates:
            handler = found.updates[update.name]
            assert handler.arg_types == [update.arg_type], (cls.__name__, update.name)
            assert handler.ret_type is update.result_type, (cls.__name__, update.name)
        assert client.CURRENT in found.queries
    assert definition(CaseWorkflow).updates[client.CASE_REGISTRATION].arg_types == []
    assert client.TASK_CALENDAR_CHANGED in definition(DepartmentTaskWorkflow).signals
    assert client.CAMPAIGN_CLOSE in definition(CampaignWorkflow).signals
    assert client.CURRENT in definition(CampaignWorkflow).queries
