"""Every table of the ledger (台账), imported in one place for Alembic and the services."""

from ledger.accounts_table import Account
from ledger.calendar_table import CalendarYear
from ledger.campaigns_table import Campaign, CampaignPhase
from ledger.case_imports_table import CaseImport, CaseImportRow
from ledger.cases_table import Case, CaseEvent, CaseParty, CasePayment
from ledger.enterprises_table import BlacklistEntry, Enterprise
from ledger.files_table import Attachment
from ledger.hazards_table import Hazard, HazardEvent
from ledger.indicators_table import DistrictIndicator, IndicatorRevision, ProjectIndicator
from ledger.notifications_table import Notification, UnitWebhook, WebhookDelivery
from ledger.projects_table import Project
from ledger.reports_table import Report
from ledger.tasks_table import Escalation, Task, TaskEvent
from ledger.units_table import Unit

__all__ = [
    "Account",
    "Attachment",
    "BlacklistEntry",
    "CalendarYear",
    "Campaign",
    "CampaignPhase",
    "Case",
    "CaseEvent",
    "CaseImport",
    "CaseImportRow",
    "CaseParty",
    "CasePayment",
    "DistrictIndicator",
    "Enterprise",
    "Escalation",
    "Hazard",
    "HazardEvent",
    "IndicatorRevision",
    "Notification",
    "Project",
    "ProjectIndicator",
    "Report",
    "Task",
    "TaskEvent",
    "Unit",
    "UnitWebhook",
    "WebhookDelivery",
]
