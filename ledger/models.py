"""Every table of the ledger (台账), imported in one place for Alembic and the services."""

from ledger.calendar.tables import CalendarYear
from ledger.campaigns.tables import Campaign, CampaignPhase
from ledger.cases.imports_table import CaseImport, CaseImportRow
from ledger.cases.tables import Case, CaseEvent, CaseParty, CasePayment
from ledger.cases.tallies_table import CaseTally
from ledger.enterprises.tables import BlacklistEntry, Enterprise
from ledger.files.tables import Attachment
from ledger.hazards.tables import Hazard, HazardEvent
from ledger.indicators.tables import DistrictIndicator, IndicatorRevision, ProjectIndicator
from ledger.notifications.tables import Notification, UnitWebhook, WebhookDelivery
from ledger.projects.tables import Project
from ledger.reports.tables import DocumentNumber, Report
from ledger.tasks.tables import Escalation, Task, TaskEvent
from ledger.tasks.tallies_table import TaskTally
from ledger.units.accounts_table import Account
from ledger.units.tables import Unit

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
    "CaseTally",
    "DistrictIndicator",
    "DocumentNumber",
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
    "TaskTally",
    "Unit",
    "UnitWebhook",
    "WebhookDelivery",
]
